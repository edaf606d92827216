-- Revisions and the audit log within D1's row limit.
--
-- D1 refuses any string or row over 2,000,000 bytes (local D1 does not). A
-- revision kept the whole publication as one JSON value, and each audit row
-- two of them, before and after: a body near its size limit, with its
-- Markdown, made audit rows of three megabytes, and every later write to
-- that publication failed. Now a revision keeps each body once, in columns of
-- its own (JSON escaping no longer inflates it), and an audit row keeps the
-- small fields, which fields changed, and the versions whose revisions hold
-- the bodies before and after.

DROP TRIGGER publications_revision_insert;
DROP TRIGGER publications_revision_update;
DROP VIEW publication_snapshots;

-- A rowid table, not WITHOUT ROWID: its rows hold whole bodies, and SQLite
-- keeps a WITHOUT ROWID row inside its key's index pages.
CREATE TABLE revisions_by_column (
  publication_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  fields TEXT NOT NULL, -- JSON of every field but the bodies
  body_html TEXT NOT NULL,
  body_markdown TEXT, -- NULL when the body was sent as HTML
  changed_by TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (publication_id, version)
);

INSERT INTO revisions_by_column (publication_id, version, fields, body_html, body_markdown, changed_by, created_at)
SELECT publication_id, version, json_remove(snapshot, '$.body_html', '$.body_markdown'),
  COALESCE(snapshot ->> 'body_html', ''), snapshot ->> 'body_markdown', changed_by, created_at
FROM revisions;

-- Audit rows written before: the bodies leave them. The trigger gave a
-- revision the audit row's instant, which finds the version it saved.
UPDATE audit_log
SET change = json_object(
  'after', json_remove(change -> '$.after', '$.body_html', '$.body_markdown'),
  'revisions', json_object('after', (
    SELECT version FROM revisions_by_column
    WHERE publication_id = CAST(substr(audit_log.subject, 13) AS INTEGER) AND created_at = audit_log.at
    ORDER BY version DESC LIMIT 1)))
WHERE action = 'publication.create';

UPDATE audit_log
SET change = json_object(
  'changed', json((
    SELECT json_group_array(after.key) FROM json_each(audit_log.change, '$.after') AS after
    WHERE after.value IS NOT json_extract(audit_log.change, '$.before.' || after.key))),
  'before', json_remove(change -> '$.before', '$.body_html', '$.body_markdown'),
  'after', json_remove(change -> '$.after', '$.body_html', '$.body_markdown'),
  'revisions', (
    SELECT json_object('before', version - 1, 'after', version) FROM revisions_by_column
    WHERE publication_id = CAST(substr(audit_log.subject, 13) AS INTEGER) AND created_at = audit_log.at
    ORDER BY version DESC LIMIT 1))
WHERE action IN ('publication.update', 'publication.archive', 'publication.restore');

DROP TABLE revisions;
ALTER TABLE revisions_by_column RENAME TO revisions;

-- A publication's fields but its bodies, as one JSON value: what a revision
-- and an audit row keep of them.
CREATE VIEW publication_fields AS
SELECT id, json_object(
  'slug', slug, 'kind', kind, 'lang', lang, 'title', title, 'lead', lead,
  'published_at', published_at, 'status', status,
  'featured', json(CASE featured WHEN 1 THEN 'true' ELSE 'false' END), 'tags', json(tags),
  'translation_group', translation_group) AS fields
FROM publications;

-- Triggers write revisions and the audit log, so no code path can forget.
CREATE TRIGGER publications_revision_insert AFTER INSERT ON publications
BEGIN
  INSERT INTO revisions (publication_id, version, fields, body_html, body_markdown, changed_by, created_at)
  SELECT NEW.id, NEW.version, fields, NEW.body, NEW.body_markdown, NEW.changed_by, NEW.updated_at
  FROM publication_fields WHERE id = NEW.id;
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (NEW.updated_at, NEW.changed_by, 'publication.create', 'publication:' || NEW.id, NEW.request_id,
    json_object(
      'after', json((SELECT fields FROM revisions WHERE publication_id = NEW.id AND version = NEW.version)),
      'revisions', json_object('after', NEW.version)));
END;

-- `changed` compares the fields' JSON key by key, and the bodies as columns.
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
