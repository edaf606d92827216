-- Translations know their source. A version made with "Translate" records
-- the publication it was translated from and that publication's version at
-- the time; saving the translation again records the source's version then.
-- A translation is out of date when its source's words changed after the
-- version it records.
ALTER TABLE publications ADD COLUMN translated_from INTEGER REFERENCES publications (id);
ALTER TABLE publications ADD COLUMN source_version INTEGER;

-- The version in which the words (title, lead, body) last changed. The
-- version itself moves on every save (a status, a tag, a schedule), and a
-- step of clearance moves neither: only a change of words makes a
-- translation out of date.
ALTER TABLE publications ADD COLUMN text_version INTEGER NOT NULL DEFAULT 1;

-- Rows written before: the words last changed just after the latest revision
-- whose words differ from today's, or never since the first revision.
UPDATE publications
SET text_version = min(version, COALESCE(
  (SELECT max(r.version) + 1 FROM revisions r
   WHERE r.publication_id = publications.id
     AND (r.fields ->> 'title' IS NOT publications.title
       OR r.fields ->> 'lead' IS NOT publications.lead
       OR r.body_html IS NOT publications.body)),
  (SELECT min(r.version) FROM revisions r WHERE r.publication_id = publications.id),
  version));

-- Kept by the database, so no write path can forget it. The nested UPDATE
-- leaves the version alone, so it writes no revision of its own.
CREATE TRIGGER publications_text_version AFTER UPDATE OF title, lead, body ON publications
WHEN NEW.title IS NOT OLD.title OR NEW.lead IS NOT OLD.lead OR NEW.body IS NOT OLD.body
BEGIN
  UPDATE publications SET text_version = NEW.version WHERE id = NEW.id;
END;

-- The dashboard's out-of-date list walks the translations only.
CREATE INDEX publications_translated_from ON publications (translated_from)
  WHERE translated_from IS NOT NULL;
