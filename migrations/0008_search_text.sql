-- Search indexes the plain text the sanitizer writes beside each body.
--
-- Until now a view read the stored HTML back into text in SQL (migration
-- 0003), a second reading of markup the sanitizer had already parsed, and a
-- poorer one: it decoded six character references and left the rest as
-- written (`caf&eacute;` was the words "caf" and "eacute"). The sanitizer
-- now writes the text from its own tree in the same pass as the HTML
-- (worker/content/sanitize.ts), and every write of a body stores the two
-- together. Text an editor never sent through the sanitizer (a hand-run
-- INSERT) is searched by its title and lead only.
ALTER TABLE publications ADD COLUMN body_text TEXT NOT NULL DEFAULT '';

DROP TRIGGER publication_search_insert;
DROP TRIGGER publication_search_update;
DROP TRIGGER publication_search_delete;

-- Rows written before have no text of their own: the view reads it one last time.
UPDATE publications
SET body_text = COALESCE((SELECT body FROM publication_texts WHERE publication_texts.id = publications.id), '');
DROP VIEW publication_texts;

-- The index reads the text from publications (external content) instead of
-- keeping a copy of its own: snippet() quotes it from there, by rowid. It is
-- kept in step by the triggers below only, which hand it the old values to
-- remove, as FTS5 requires of an external-content table.
DROP TABLE publication_search;
CREATE VIRTUAL TABLE publication_search USING fts5(
  title, lead, body_text,
  content = 'publications', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO publication_search (publication_search) VALUES ('rebuild');

CREATE TRIGGER publication_search_insert AFTER INSERT ON publications
BEGIN
  INSERT INTO publication_search (rowid, title, lead, body_text)
  VALUES (NEW.id, NEW.title, NEW.lead, NEW.body_text);
END;

CREATE TRIGGER publication_search_update AFTER UPDATE OF title, lead, body_text ON publications
BEGIN
  INSERT INTO publication_search (publication_search, rowid, title, lead, body_text)
  VALUES ('delete', OLD.id, OLD.title, OLD.lead, OLD.body_text);
  INSERT INTO publication_search (rowid, title, lead, body_text)
  VALUES (NEW.id, NEW.title, NEW.lead, NEW.body_text);
END;

CREATE TRIGGER publication_search_delete AFTER DELETE ON publications
BEGIN
  INSERT INTO publication_search (publication_search, rowid, title, lead, body_text)
  VALUES ('delete', OLD.id, OLD.title, OLD.lead, OLD.body_text);
END;
