-- Embargo, withdrawal and change notes.
--
-- `expires_at`: from that instant a publication leaves every public list and
-- its address answers 410 Gone. `withdrawn_at` and its reason: the text stays
-- at its address under a notice, leaves lists, search and the sitemap, and
-- feeds carry it as an updated entry. Both are instants like published_at
-- (ISO 8601 with milliseconds, so text order is time order).
ALTER TABLE publications ADD COLUMN expires_at TEXT;
ALTER TABLE publications ADD COLUMN withdrawn_at TEXT;
ALTER TABLE publications ADD COLUMN withdrawal_reason TEXT;

-- Revisions and the audit log keep them with the other small fields; the
-- triggers read this view by name, so the new one serves them at once.
DROP VIEW publication_fields;
CREATE VIEW publication_fields AS
SELECT id, json_object(
  'slug', slug, 'kind', kind, 'lang', lang, 'title', title, 'lead', lead,
  'published_at', published_at, 'status', status,
  'featured', json(CASE featured WHEN 1 THEN 'true' ELSE 'false' END), 'tags', json(tags),
  'translation_group', translation_group, 'expires_at', expires_at,
  'withdrawn_at', withdrawn_at, 'withdrawal_reason', withdrawal_reason) AS fields
FROM publications;

-- The public notes of an edit ("Corrected the date of the visit"), each with
-- its instant: the page shows them under "Updated", feeds carry the latest.
-- A minor edit writes none.
CREATE TABLE change_notes (
  id INTEGER PRIMARY KEY,
  publication_id INTEGER NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  note TEXT NOT NULL,
  changed_by TEXT,
  request_id TEXT
);
CREATE INDEX change_notes_publication ON change_notes (publication_id, at);

-- A note changes what readers see, as any write to publications does.
CREATE TRIGGER change_notes_inserted_content AFTER INSERT ON change_notes
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;

-- The audit log names a withdrawal as such; otherwise as in migration 0006.
DROP TRIGGER publications_revision_update;
CREATE TRIGGER publications_revision_update AFTER UPDATE ON publications
WHEN NEW.version <> OLD.version
BEGIN
  INSERT INTO revisions (publication_id, version, fields, body_html, body_markdown, changed_by, created_at)
  SELECT NEW.id, NEW.version, fields, NEW.body, NEW.body_markdown, NEW.changed_by, NEW.updated_at
  FROM publication_fields WHERE id = NEW.id;
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  SELECT NEW.updated_at, NEW.changed_by,
    CASE WHEN NEW.status = 'archived' AND OLD.status <> 'archived' THEN 'publication.archive'
         WHEN OLD.status = 'archived' AND NEW.status <> 'archived' THEN 'publication.restore'
         WHEN NEW.withdrawn_at IS NOT NULL AND OLD.withdrawn_at IS NULL THEN 'publication.withdraw'
         ELSE 'publication.update' END,
    'publication:' || NEW.id, NEW.request_id,
    json_object(
      'changed', json((
        SELECT json_group_array(name) FROM (
          SELECT field.key AS name FROM json_each(after.fields) AS field
          WHERE field.value IS NOT json_extract(before.fields, '$.' || field.key)
          UNION ALL SELECT 'body_html' WHERE NEW.body IS NOT OLD.body
          UNION ALL SELECT 'body_markdown' WHERE NEW.body_markdown IS NOT OLD.body_markdown))),
      'before', json(before.fields),
      'after', json(after.fields),
      'revisions', json_object('before', OLD.version, 'after', NEW.version))
  FROM (SELECT fields FROM revisions WHERE publication_id = NEW.id AND version = NEW.version) AS after
  LEFT JOIN (SELECT fields FROM revisions WHERE publication_id = OLD.id AND version = OLD.version) AS before ON TRUE;
END;
