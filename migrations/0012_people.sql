-- People instead of shared tokens: accounts with a role, passkeys and
-- invitations to sign in with, tokens owned by a person, and the clearance
-- a draft goes through before it is published.

-- A person: named in the audit log, revisions and the console. The e-mail is
-- who they are to single sign-on; it is kept lower-case, so it is unique as
-- people type it.
CREATE TABLE people (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('contributor', 'editor', 'publisher', 'admin')),
  created_at TEXT NOT NULL,
  disabled_at TEXT,
  changed_by TEXT,
  request_id TEXT
);

-- Every earlier token gets an owner of its own, named after it, with the
-- role its scopes imply; an admin gives them real names and addresses.
INSERT INTO people (name, email, role, created_at, changed_by)
SELECT name, 'token-' || id || '@owners.invalid',
  CASE WHEN EXISTS (SELECT 1 FROM json_each(tokens.scopes) WHERE value <> 'publish') THEN 'admin'
       ELSE 'publisher' END,
  created_at, 'migration 0012'
FROM tokens ORDER BY id;

ALTER TABLE tokens ADD COLUMN person_id INTEGER REFERENCES people (id);
UPDATE tokens SET person_id = (SELECT id FROM people WHERE email = 'token-' || tokens.id || '@owners.invalid');
CREATE INDEX tokens_person ON tokens (person_id);

-- A session is a person's now, however they signed in; earlier ones end here.
DROP TABLE sessions;
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY, -- hex SHA-256 of the cookie's value
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  via TEXT NOT NULL CHECK (via IN ('passkey', 'access', 'invitation')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX sessions_person ON sessions (person_id);

-- Idempotency keys are a person's, whichever token or session sends them.
-- They live for a day; the ones in flight now are dropped.
DROP TABLE idempotency_keys;
CREATE TABLE idempotency_keys (
  person_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status INTEGER,
  location TEXT,
  body TEXT,
  etag TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (person_id, key)
) WITHOUT ROWID;

-- WebAuthn credentials: a person may hold several and remove them.
CREATE TABLE passkeys (
  id TEXT PRIMARY KEY, -- the credential id, base64url
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  public_key TEXT NOT NULL, -- COSE key, base64url
  counter INTEGER NOT NULL DEFAULT 0,
  transports TEXT NOT NULL DEFAULT '[]', -- JSON list, as the browser reported them
  name TEXT NOT NULL, -- what the person calls it: "Work laptop"
  created_at TEXT NOT NULL,
  last_used_at TEXT
) WITHOUT ROWID;
CREATE INDEX passkeys_person ON passkeys (person_id);

-- A one-time link to register a first passkey; only its hash is kept.
CREATE TABLE invitations (
  hash TEXT PRIMARY KEY, -- hex SHA-256 of the link's secret
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_by TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
) WITHOUT ROWID;
CREATE INDEX invitations_person ON invitations (person_id);

-- A WebAuthn ceremony's challenge, used once, for a few minutes.
CREATE TABLE challenges (
  challenge TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('register', 'sign-in')),
  person_id INTEGER REFERENCES people (id) ON DELETE CASCADE,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;

-- Who wrote a publication first (the author, for "own drafts" and "someone
-- else approves"), and where its draft stands in clearance: NULL while it is
-- a plain draft, then 'submitted' and 'approved'. Publishing clears it.
ALTER TABLE publications ADD COLUMN author_id INTEGER REFERENCES people (id);
ALTER TABLE publications ADD COLUMN review TEXT CHECK (review IN ('submitted', 'approved'));
CREATE INDEX publications_review ON publications (review, updated_at) WHERE review IS NOT NULL;

-- Each step of clearance, with its comment: the piece's history and the queue.
CREATE TABLE clearance_events (
  id INTEGER PRIMARY KEY,
  publication_id INTEGER NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  person_id INTEGER REFERENCES people (id),
  actor TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN (
    'submitted', 'approved', 'sent_back', 'published', 'scheduled', 'published_without_approval')),
  comment TEXT,
  version INTEGER NOT NULL,
  request_id TEXT
);
CREATE INDEX clearance_events_publication ON clearance_events (publication_id, id);

CREATE TRIGGER clearance_events_audit AFTER INSERT ON clearance_events
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (NEW.at, NEW.actor, 'publication.' || NEW.action, 'publication:' || NEW.publication_id,
    NEW.request_id, json_object('version', NEW.version, 'comment', NEW.comment));
END;

-- People's accounts are audited like the rest: who invited, changed or disabled whom.
CREATE TRIGGER people_audit_insert AFTER INSERT ON people
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (NEW.created_at, NEW.changed_by, 'person.create', 'person:' || NEW.id, NEW.request_id,
    json_object('after', json_object('name', NEW.name, 'email', NEW.email, 'role', NEW.role)));
END;

CREATE TRIGGER people_audit_update AFTER UPDATE ON people
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW.changed_by,
    CASE WHEN NEW.disabled_at IS NOT NULL AND OLD.disabled_at IS NULL THEN 'person.disable'
         WHEN NEW.disabled_at IS NULL AND OLD.disabled_at IS NOT NULL THEN 'person.enable'
         ELSE 'person.update' END,
    'person:' || NEW.id, NEW.request_id, json_object(
      'before', json_object('name', OLD.name, 'email', OLD.email, 'role', OLD.role, 'disabled_at', OLD.disabled_at),
      'after', json_object('name', NEW.name, 'email', NEW.email, 'role', NEW.role, 'disabled_at', NEW.disabled_at)));
END;

-- "Approver must differ from author": on unless an admin turns it off.
ALTER TABLE site ADD COLUMN approver_must_differ INTEGER NOT NULL DEFAULT 1 CHECK (approver_must_differ IN (0, 1));

DROP TRIGGER site_audit_update;
CREATE TRIGGER site_audit_update AFTER UPDATE ON site
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW.changed_by, 'site.update', 'site', NEW.request_id,
    json_object(
      'before', json_object('name', OLD.name, 'time_zone', OLD.time_zone, 'locale', OLD.locale,
        'date_format', OLD.date_format, 'clocks', json(OLD.clocks), 'contacts', json(OLD.contacts),
        'approver_must_differ', json(iif(OLD.approver_must_differ, 'true', 'false'))),
      'after', json_object('name', NEW.name, 'time_zone', NEW.time_zone, 'locale', NEW.locale,
        'date_format', NEW.date_format, 'clocks', json(NEW.clocks), 'contacts', json(NEW.contacts),
        'approver_must_differ', json(iif(NEW.approver_must_differ, 'true', 'false')))));
END;
