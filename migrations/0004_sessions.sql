-- Editors' console sessions: a browser signs in with a token once and then
-- holds only a random session id in an HttpOnly cookie.
CREATE TABLE sessions (
  -- hex SHA-256 of the cookie's value: a stolen database holds no live session.
  id_hash TEXT PRIMARY KEY,
  token_id INTEGER NOT NULL REFERENCES tokens (id) ON DELETE CASCADE,
  -- Sent back by the console in X-CSRF-Token (and in forms) with every write.
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_expiry ON sessions (expires_at);
