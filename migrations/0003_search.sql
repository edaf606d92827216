-- Full-text search over publications' title, lead and body.
--
-- The body is stored as sanitized HTML, and its tags are not words: indexed as
-- written, "strong", "href" or "table" would find every text with bold type, a
-- link or a table, and snippets would show markup. So the index holds text. The
-- view below reads a body back into text in SQL alone, which lets triggers keep
-- the index in step with every write (the editors' API, imports, the seed, a
-- hand-run UPDATE) without the app computing anything.
--
-- The sanitizer writes each tag afresh as `<name attr="value">`, and text never
-- holds a raw `<` or `>` (it writes `&lt;` and `&gt;`). So the body, split at
-- every `<`, gives pieces that are each a tag, a `>`, then text up to the next
-- tag; the text is what follows the piece's last `>`, even when an attribute
-- value holds a `>` or a `<` of its own (only a value holding `>` and later `<`
-- lets the words between them in). The splits go through JSON (`json_quote`
-- escapes everything a JSON string needs, and never `<` or `>`), so the work
-- grows with the body's length, not its square. Inline tags join the text
-- around them (`<strong>for</strong>ty` is "forty"); every other tag separates
-- words. The entities the sanitizer and the Markdown renderer write are
-- decoded; others stay as written.
CREATE VIEW publication_texts AS
SELECT p.id, p.title, p.lead, (
  SELECT replace(replace(replace(replace(replace(replace(
      group_concat(
        CASE WHEN piece.key = 0 THEN piece.value
        ELSE
          CASE WHEN piece.tag IN ('a', 'b', 'code', 'em', 'i', 's', 'strong', 'sub', 'sup', 'u') THEN ''
            ELSE ' ' END
          || CASE WHEN instr(piece.value, '>') > 0
            THEN ('[' || replace(json_quote(piece.value), '>', '","') || ']') ->> '$[#-1]'
            ELSE '' END
        END, '' ORDER BY piece.key),
      '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&')
  FROM (
    SELECT key, value,
      -- The tag's name: up to the first space or `>`, without the `/` of an end tag.
      substr(ltrim(value, '/'), 1, instr(replace(ltrim(value, '/'), ' ', '>') || '>', '>') - 1) AS tag
    FROM json_each('[' || replace(json_quote(p.body), '<', '","') || ']')
  ) AS piece
) AS body
FROM publications p;

-- The index keeps its own copy of the text (rowid = publications.id), so
-- snippet() can quote it. Whether a hit may be shown is decided at query time
-- by joining publications: status and publication instant change without
-- touching the text. unicode61 finds words in any script and folds case in
-- Latin and Cyrillic alike; remove_diacritics 2 lets "cafe" find "café" (it
-- leaves Cyrillic letters such as ё and й as they are).
CREATE VIRTUAL TABLE publication_search USING fts5(
  title, lead, body,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER publication_search_insert AFTER INSERT ON publications
BEGIN
  INSERT INTO publication_search (rowid, title, lead, body)
  SELECT id, title, lead, body FROM publication_texts WHERE id = NEW.id;
END;

CREATE TRIGGER publication_search_update AFTER UPDATE OF title, lead, body ON publications
BEGIN
  DELETE FROM publication_search WHERE rowid = OLD.id;
  INSERT INTO publication_search (rowid, title, lead, body)
  SELECT id, title, lead, body FROM publication_texts WHERE id = NEW.id;
END;

CREATE TRIGGER publication_search_delete AFTER DELETE ON publications
BEGIN
  DELETE FROM publication_search WHERE rowid = OLD.id;
END;

INSERT INTO publication_search (rowid, title, lead, body)
SELECT id, title, lead, body FROM publication_texts;
