-- The outbox of what happened on the site, for webhooks, WebSub and the live
-- widget (worker/events/dispatcher.ts drains it). Triggers write it in the
-- same transaction as each write, so no write can commit without its event
-- and no route has to remember one; `due_at` is the instant the change takes
-- effect (a scheduled publication's own, an expiry), and triggers re-arm a
-- pending row when that instant moves. Instants are ISO 8601 with
-- milliseconds, so text order is time order.
--
-- `id` is the webhook-id receivers deduplicate by; `subject` names what the
-- event is about ('publication:<id>', 'counter:<slug>', 'site'); `payload`
-- is the event's `data`, frozen when it is dispatched (written earlier only
-- when the row it describes is deleted in the same transaction).
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  due_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  dispatched_at TEXT,
  payload TEXT CHECK (payload IS NULL OR json_valid(payload))
);
-- The dispatcher asks for the next pending instant after every round.
CREATE INDEX events_pending ON events (due_at) WHERE dispatched_at IS NULL;
-- Triggers find a subject's pending rows to re-arm or drop them.
CREATE INDEX events_pending_subject ON events (subject, type) WHERE dispatched_at IS NULL;
-- The hourly upkeep forgets dispatched rows after thirty days.
CREATE INDEX events_dispatched ON events (dispatched_at) WHERE dispatched_at IS NOT NULL;

-- Publications. Public: scheduled or published and not withdrawn. Out: public
-- and its instant passed. Becoming public is `publication.published` at
-- max(published_at, now); a move of the instant while it is ahead re-arms it.
CREATE TRIGGER publications_event_insert AFTER INSERT ON publications
WHEN NEW.status IN ('scheduled', 'published') AND NEW.withdrawn_at IS NULL
BEGIN
  INSERT INTO events (id, type, subject, due_at, created_at)
  SELECT 'evt_' || lower(hex(randomblob(16))), 'publication.published', 'publication:' || NEW.id,
    max(NEW.published_at, now.at), now.at
  FROM (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at) AS now
  WHERE NEW.expires_at IS NULL OR NEW.expires_at > max(NEW.published_at, now.at);
  INSERT INTO events (id, type, subject, due_at, created_at)
  SELECT 'evt_' || lower(hex(randomblob(16))), 'publication.expired', 'publication:' || NEW.id,
    NEW.expires_at, now.at
  FROM (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at) AS now
  WHERE NEW.expires_at > now.at;
END;

-- Became public, or its instant moved while either the old or the new one is
-- ahead: the pending announcement goes, one at the new instant comes.
CREATE TRIGGER publications_event_publish AFTER UPDATE ON publications
WHEN NEW.status IN ('scheduled', 'published') AND NEW.withdrawn_at IS NULL
  AND (NOT (OLD.status IN ('scheduled', 'published') AND OLD.withdrawn_at IS NULL)
    OR (NEW.published_at IS NOT OLD.published_at
      AND max(OLD.published_at, NEW.published_at) > strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))
BEGIN
  DELETE FROM events WHERE subject = 'publication:' || NEW.id AND dispatched_at IS NULL
    AND type IN ('publication.published', 'publication.updated', 'publication.withdrawn');
  INSERT INTO events (id, type, subject, due_at, created_at)
  SELECT 'evt_' || lower(hex(randomblob(16))), 'publication.published', 'publication:' || NEW.id,
    max(NEW.published_at, now.at), now.at
  FROM (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at) AS now
  WHERE NEW.expires_at IS NULL OR NEW.expires_at > max(NEW.published_at, now.at);
END;

-- Left the public (unscheduled, archived, withdrawn): what was pending goes.
-- Once it had gone out, readers saw it, so they are told it went: a
-- withdrawal or an archiving alike is `publication.withdrawn`.
CREATE TRIGGER publications_event_unpublish AFTER UPDATE ON publications
WHEN OLD.status IN ('scheduled', 'published') AND OLD.withdrawn_at IS NULL
  AND NOT (NEW.status IN ('scheduled', 'published') AND NEW.withdrawn_at IS NULL)
BEGIN
  DELETE FROM events WHERE subject = 'publication:' || NEW.id AND dispatched_at IS NULL;
  INSERT INTO events (id, type, subject, due_at, created_at)
  SELECT 'evt_' || lower(hex(randomblob(16))), 'publication.withdrawn', 'publication:' || NEW.id,
    now.at, now.at
  FROM (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at) AS now
  WHERE OLD.published_at <= now.at AND (OLD.expires_at IS NULL OR OLD.expires_at > now.at);
END;

-- An edit readers can see of one that is out and not expired. A burst of
-- saves is one notice: the waiting one gives way to one with a new id, so a
-- save made while the dispatcher sends the old one is still told (it marks
-- only the id it sent). One still to be published at its instant says it all then.
CREATE TRIGGER publications_event_update AFTER UPDATE ON publications
WHEN NEW.status IN ('scheduled', 'published') AND NEW.withdrawn_at IS NULL
  AND OLD.status IN ('scheduled', 'published') AND OLD.withdrawn_at IS NULL
  AND (NEW.slug IS NOT OLD.slug OR NEW.kind IS NOT OLD.kind OR NEW.lang IS NOT OLD.lang
    OR NEW.title IS NOT OLD.title OR NEW.lead IS NOT OLD.lead OR NEW.body IS NOT OLD.body
    OR NEW.tags IS NOT OLD.tags OR NEW.featured IS NOT OLD.featured OR NEW.level IS NOT OLD.level
    OR NEW.expires_at IS NOT OLD.expires_at
    OR NEW.published_at IS NOT OLD.published_at OR NEW.translation_group IS NOT OLD.translation_group)
BEGIN
  DELETE FROM events WHERE subject = 'publication:' || NEW.id AND dispatched_at IS NULL
    AND type = 'publication.updated';
  INSERT INTO events (id, type, subject, due_at, created_at)
  SELECT 'evt_' || lower(hex(randomblob(16))), 'publication.updated', 'publication:' || NEW.id,
    now.at, now.at
  FROM (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at) AS now
  WHERE max(OLD.published_at, NEW.published_at) <= now.at
    AND (NEW.expires_at IS NULL OR NEW.expires_at > now.at)
    AND NOT EXISTS (SELECT 1 FROM events WHERE subject = 'publication:' || NEW.id
      AND dispatched_at IS NULL AND type = 'publication.published' AND due_at > now.at);
END;

-- The expiry follows expires_at and whether the publication is public.
CREATE TRIGGER publications_event_expiry AFTER UPDATE ON publications
WHEN NEW.expires_at IS NOT OLD.expires_at OR NEW.status IS NOT OLD.status
  OR NEW.withdrawn_at IS NOT OLD.withdrawn_at
BEGIN
  DELETE FROM events WHERE subject = 'publication:' || NEW.id AND dispatched_at IS NULL
    AND type = 'publication.expired';
  INSERT INTO events (id, type, subject, due_at, created_at)
  SELECT 'evt_' || lower(hex(randomblob(16))), 'publication.expired', 'publication:' || NEW.id,
    NEW.expires_at, now.at
  FROM (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at) AS now
  WHERE NEW.status IN ('scheduled', 'published') AND NEW.withdrawn_at IS NULL AND NEW.expires_at > now.at;
END;

-- Deleted: what was pending goes; one that was out is announced as gone,
-- its summary frozen now, as the row will not be there to read.
CREATE TRIGGER publications_event_delete AFTER DELETE ON publications
BEGIN
  DELETE FROM events WHERE subject = 'publication:' || OLD.id AND dispatched_at IS NULL;
  INSERT INTO events (id, type, subject, due_at, created_at, payload)
  SELECT 'evt_' || lower(hex(randomblob(16))), 'publication.withdrawn', 'publication:' || OLD.id,
    now.at, now.at,
    json_object('id', OLD.id, 'slug', OLD.slug, 'kind', OLD.kind, 'lang', OLD.lang, 'title', OLD.title,
      'lead', OLD.lead, 'published_at', OLD.published_at, 'tags', json(OLD.tags),
      'featured', json(iif(OLD.featured, 'true', 'false')), 'withdrawn_at', now.at, 'deleted', json('true'))
  FROM (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at) AS now
  WHERE OLD.status IN ('scheduled', 'published') AND OLD.withdrawn_at IS NULL
    AND OLD.published_at <= now.at AND (OLD.expires_at IS NULL OR OLD.expires_at > now.at);
END;

-- Counters: any change readers see is `counter.changed`, one pending per counter.
CREATE TRIGGER counters_event_insert AFTER INSERT ON counters
BEGIN
  DELETE FROM events WHERE subject = 'counter:' || NEW.slug AND dispatched_at IS NULL;
  INSERT INTO events (id, type, subject, due_at, created_at)
  SELECT 'evt_' || lower(hex(randomblob(16))), 'counter.changed', 'counter:' || NEW.slug, now.at, now.at
  FROM (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at) AS now;
END;

-- A delete is preceded by an update naming who deletes: that one changes nothing readers see.
CREATE TRIGGER counters_event_update AFTER UPDATE ON counters
WHEN NEW.slug IS NOT OLD.slug OR NEW.since IS NOT OLD.since OR NEW.sentences IS NOT OLD.sentences
  OR NEW.position IS NOT OLD.position OR NEW.active IS NOT OLD.active
BEGIN
  DELETE FROM events WHERE subject IN ('counter:' || OLD.slug, 'counter:' || NEW.slug)
    AND dispatched_at IS NULL;
  INSERT INTO events (id, type, subject, due_at, created_at)
  SELECT 'evt_' || lower(hex(randomblob(16))), 'counter.changed', 'counter:' || slug, now.at, now.at
  FROM (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at) AS now,
    (SELECT OLD.slug AS slug UNION SELECT NEW.slug);
END;

CREATE TRIGGER counters_event_delete AFTER DELETE ON counters
BEGIN
  DELETE FROM events WHERE subject = 'counter:' || OLD.slug AND dispatched_at IS NULL;
  INSERT INTO events (id, type, subject, due_at, created_at)
  SELECT 'evt_' || lower(hex(randomblob(16))), 'counter.changed', 'counter:' || OLD.slug, now.at, now.at
  FROM (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at) AS now;
END;

-- The site's public settings; who may approve what is the editors' business.
CREATE TRIGGER site_event_update AFTER UPDATE ON site
WHEN NEW.name IS NOT OLD.name OR NEW.time_zone IS NOT OLD.time_zone OR NEW.locale IS NOT OLD.locale
  OR NEW.date_format IS NOT OLD.date_format OR NEW.clocks IS NOT OLD.clocks
  OR NEW.contacts IS NOT OLD.contacts OR NEW.languages IS NOT OLD.languages
  OR NEW.translations IS NOT OLD.translations OR NEW.emblem IS NOT OLD.emblem
BEGIN
  DELETE FROM events WHERE subject = 'site' AND dispatched_at IS NULL;
  INSERT INTO events (id, type, subject, due_at, created_at)
  SELECT 'evt_' || lower(hex(randomblob(16))), 'site.changed', 'site', now.at, now.at
  FROM (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at) AS now;
END;

-- What is already scheduled or set to expire when this migration runs is
-- told at its instant like what comes after; what already went out is not
-- told again.
INSERT INTO events (id, type, subject, due_at, created_at)
SELECT 'evt_' || lower(hex(randomblob(16))), 'publication.published', 'publication:' || id, published_at,
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM publications
WHERE status IN ('scheduled', 'published') AND withdrawn_at IS NULL
  AND published_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
INSERT INTO events (id, type, subject, due_at, created_at)
SELECT 'evt_' || lower(hex(randomblob(16))), 'publication.expired', 'publication:' || id, expires_at,
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM publications
WHERE status IN ('scheduled', 'published') AND withdrawn_at IS NULL
  AND expires_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
