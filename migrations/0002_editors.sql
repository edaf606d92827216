-- Editors, their tokens, and the record of what they wrote.

-- API tokens: only the SHA-256 of a token is kept; the token itself is shown once.
CREATE TABLE tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL UNIQUE, -- hex SHA-256 of the token
  scopes TEXT NOT NULL, -- JSON array of: publish, counters, site, admin
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);

-- Who made the latest change to a row, and in which request, for the triggers below.
ALTER TABLE publications ADD COLUMN changed_by TEXT;
ALTER TABLE publications ADD COLUMN request_id TEXT;
ALTER TABLE counters ADD COLUMN changed_by TEXT;
ALTER TABLE counters ADD COLUMN request_id TEXT;
ALTER TABLE site ADD COLUMN changed_by TEXT;
ALTER TABLE site ADD COLUMN request_id TEXT;

-- Every saved version of a publication. Triggers write it, so no code path can forget.
CREATE TABLE revisions (
  publication_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  snapshot TEXT NOT NULL, -- JSON of the publication as saved
  changed_by TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (publication_id, version)
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT, -- the token's name
  action TEXT NOT NULL, -- e.g. publication.update
  subject TEXT NOT NULL, -- e.g. publication:12, counter:charter, site
  request_id TEXT,
  change TEXT NOT NULL -- JSON: { "before": ..., "after": ... }
);
CREATE INDEX audit_log_subject ON audit_log (subject, id);

-- Retried POSTs with the same Idempotency-Key replay the first answer.
CREATE TABLE idempotency_keys (
  token_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL, -- SHA-256 of the request body
  status INTEGER,
  location TEXT,
  body TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (token_id, key)
) WITHOUT ROWID;

-- A publication's fields as one JSON value: what a revision keeps.
CREATE VIEW publication_snapshots AS
SELECT id, version, changed_by, updated_at, json_object(
  'slug', slug, 'kind', kind, 'lang', lang, 'title', title, 'lead', lead, 'body_html', body,
  'published_at', published_at, 'status', status,
  'featured', json(CASE featured WHEN 1 THEN 'true' ELSE 'false' END), 'tags', json(tags),
  'translation_group', translation_group) AS snapshot
FROM publications;

CREATE TRIGGER publications_revision_insert AFTER INSERT ON publications
BEGIN
  INSERT INTO revisions (publication_id, version, snapshot, changed_by, created_at)
  SELECT id, version, snapshot, changed_by, updated_at FROM publication_snapshots WHERE id = NEW.id;
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (NEW.updated_at, NEW.changed_by, 'publication.create', 'publication:' || NEW.id, NEW.request_id,
    json_object('after', json((SELECT snapshot FROM revisions WHERE publication_id = NEW.id AND version = NEW.version))));
END;

CREATE TRIGGER publications_revision_update AFTER UPDATE ON publications
WHEN NEW.version <> OLD.version
BEGIN
  INSERT INTO revisions (publication_id, version, snapshot, changed_by, created_at)
  SELECT id, version, snapshot, changed_by, updated_at FROM publication_snapshots WHERE id = NEW.id;
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (NEW.updated_at, NEW.changed_by,
    CASE WHEN NEW.status = 'archived' AND OLD.status <> 'archived' THEN 'publication.archive'
         WHEN OLD.status = 'archived' AND NEW.status <> 'archived' THEN 'publication.restore'
         ELSE 'publication.update' END,
    'publication:' || NEW.id, NEW.request_id,
    json_object(
      'before', json((SELECT snapshot FROM revisions WHERE publication_id = OLD.id AND version = OLD.version)),
      'after', json((SELECT snapshot FROM revisions WHERE publication_id = NEW.id AND version = NEW.version))));
END;

-- Counters and the site are small: the audit log keeps their whole rows before and after.
CREATE TRIGGER counters_audit_insert AFTER INSERT ON counters
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW.changed_by, 'counter.create', 'counter:' || NEW.slug,
    NEW.request_id, json_object('after', json_object('slug', NEW.slug, 'since', NEW.since, 'text', NEW.text,
      'position', NEW.position, 'active', NEW.active)));
END;

CREATE TRIGGER counters_audit_update AFTER UPDATE ON counters
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW.changed_by, 'counter.update', 'counter:' || NEW.slug,
    NEW.request_id, json_object(
      'before', json_object('slug', OLD.slug, 'since', OLD.since, 'text', OLD.text, 'position', OLD.position,
        'active', OLD.active),
      'after', json_object('slug', NEW.slug, 'since', NEW.since, 'text', NEW.text, 'position', NEW.position,
        'active', NEW.active)));
END;

-- A delete is preceded by an update naming who deletes, so OLD carries the actor.
CREATE TRIGGER counters_audit_delete AFTER DELETE ON counters
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), OLD.changed_by, 'counter.delete', 'counter:' || OLD.slug,
    OLD.request_id, json_object('before', json_object('slug', OLD.slug, 'since', OLD.since, 'text', OLD.text,
      'position', OLD.position, 'active', OLD.active)));
END;

CREATE TRIGGER site_audit_update AFTER UPDATE ON site
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW.changed_by, 'site.update', 'site', NEW.request_id,
    json_object(
      'before', json_object('name', OLD.name, 'time_zone', OLD.time_zone, 'locale', OLD.locale,
        'date_format', OLD.date_format, 'clocks', json(OLD.clocks), 'contacts', json(OLD.contacts)),
      'after', json_object('name', NEW.name, 'time_zone', NEW.time_zone, 'locale', NEW.locale,
        'date_format', NEW.date_format, 'clocks', json(NEW.clocks), 'contacts', json(NEW.contacts))));
END;
