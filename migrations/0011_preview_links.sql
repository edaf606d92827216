-- Preview links: a signed address that shows a publication not yet public to
-- someone without an account. The link itself is never stored: it is the
-- HMAC of `id.expiry` under the PREVIEW_SECRET, so a row keeps only what
-- verifying and revoking need, and the console can list the live links by
-- signing them again.
CREATE TABLE preview_links (
  id TEXT PRIMARY KEY, -- random, base64url: the link names it
  publication_id INTEGER NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
  expires_at TEXT NOT NULL, -- whole seconds, as the link carries them
  created_by TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT,
  request_id TEXT -- the request that last wrote the row, for the answer and the audit log
) WITHOUT ROWID;
CREATE INDEX preview_links_publication ON preview_links (publication_id, expires_at);

-- Triggers write the audit log under the publication's subject, so its history shows them.
CREATE TRIGGER preview_links_audit_insert AFTER INSERT ON preview_links
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (NEW.created_at, NEW.created_by, 'preview_link.create', 'publication:' || NEW.publication_id,
    NEW.request_id, json_object('after', json_object('id', NEW.id, 'expires_at', NEW.expires_at)));
END;

CREATE TRIGGER preview_links_audit_revoke AFTER UPDATE OF revoked_at ON preview_links
WHEN OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (NEW.revoked_at, NEW.revoked_by, 'preview_link.revoke', 'publication:' || NEW.publication_id,
    NEW.request_id, json_object(
      'before', json_object('id', OLD.id, 'expires_at', OLD.expires_at, 'revoked_at', NULL),
      'after', json_object('id', NEW.id, 'expires_at', NEW.expires_at, 'revoked_at', NEW.revoked_at)));
END;
