-- Webhooks: endpoints an admin registers to hear of what happens on the site,
-- and the log of every attempt to deliver to them (signed, Standard Webhooks).

CREATE TABLE webhooks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  url TEXT NOT NULL,
  -- The event types it wants, a JSON array of names.
  events TEXT NOT NULL,
  description TEXT,
  -- `whsec_` and base64 of random bytes. Kept as it is, not hashed: the worker
  -- signs every delivery with it, which a one-way hash would not allow.
  secret TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  -- Why the worker disabled it (failing for a day); cleared when enabled again.
  disabled_reason TEXT,
  -- The first failed attempt since the last success; a day of it disables the endpoint.
  failing_since TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  changed_by TEXT,
  request_id TEXT
);

CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint_id INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  -- The event's id, sent as `webhook-id`: the same on every attempt and redelivery.
  webhook_id TEXT NOT NULL,
  type TEXT NOT NULL,
  -- The body as sent, byte for byte, so a redelivery sends the same again.
  payload TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'failed', 'refused', 'gave_up')),
  status INTEGER,
  error TEXT,
  latency_ms INTEGER,
  response TEXT,
  at TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);
