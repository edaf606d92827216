-- A counter's sentence per language, one form per CLDR plural category:
-- { "<lang>": { "one": "{days} day …", "other": "{days} days …" } }.
-- SQL cannot ask Intl which categories a language has, so an existing
-- sentence becomes its default language's `other` form alone; readers take a
-- missing category as `other`, so it reads as before. `text` goes: the
-- sentences are the one truth.
ALTER TABLE counters ADD COLUMN sentences TEXT NOT NULL DEFAULT '{}'
  CHECK (json_valid(sentences) AND json_type(sentences) = 'object');

UPDATE counters SET sentences = json_object(
  (SELECT json_extract(languages, '$[0]') FROM site WHERE id = 1), json_object('other', text));

-- The audit triggers name `text`, which must go before the column can.
DROP TRIGGER counters_audit_insert;
DROP TRIGGER counters_audit_update;
DROP TRIGGER counters_audit_delete;

ALTER TABLE counters DROP COLUMN text;

CREATE TRIGGER counters_audit_insert AFTER INSERT ON counters
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW.changed_by, 'counter.create', 'counter:' || NEW.slug,
    NEW.request_id, json_object('after', json_object('slug', NEW.slug, 'since', NEW.since,
      'sentences', json(NEW.sentences), 'position', NEW.position, 'active', NEW.active)));
END;

CREATE TRIGGER counters_audit_update AFTER UPDATE ON counters
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW.changed_by, 'counter.update', 'counter:' || NEW.slug,
    NEW.request_id, json_object(
      'before', json_object('slug', OLD.slug, 'since', OLD.since, 'sentences', json(OLD.sentences),
        'position', OLD.position, 'active', OLD.active),
      'after', json_object('slug', NEW.slug, 'since', NEW.since, 'sentences', json(NEW.sentences),
        'position', NEW.position, 'active', NEW.active)));
END;

-- A delete is preceded by an update naming who deletes, so OLD carries the actor.
CREATE TRIGGER counters_audit_delete AFTER DELETE ON counters
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), OLD.changed_by, 'counter.delete', 'counter:' || OLD.slug,
    OLD.request_id, json_object('before', json_object('slug', OLD.slug, 'since', OLD.since,
      'sentences', json(OLD.sentences), 'position', OLD.position, 'active', OLD.active)));
END;
