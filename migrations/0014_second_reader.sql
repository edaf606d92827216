-- A second pair of eyes means someone who wrote none of the words: besides
-- the author, who last changed the wording (title, lead, body). An editor
-- who rewrites a submitted text cannot then approve it.
ALTER TABLE publications ADD COLUMN written_by INTEGER REFERENCES people (id);
UPDATE publications SET written_by = author_id;

-- Passkeys are how a person gets in: adding and removing one is audited.
CREATE TRIGGER passkeys_audit_insert AFTER INSERT ON passkeys
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (NEW.created_at, (SELECT name FROM people WHERE id = NEW.person_id), 'passkey.add',
    'person:' || NEW.person_id, NULL, json_object('after', json_object('id', NEW.id, 'name', NEW.name)));
END;

CREATE TRIGGER passkeys_audit_delete AFTER DELETE ON passkeys
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT name FROM people WHERE id = OLD.person_id),
    'passkey.remove', 'person:' || OLD.person_id, NULL,
    json_object('before', json_object('id', OLD.id, 'name', OLD.name)));
END;

-- Which join spent an invitation (its session's hash): the passkey and the
-- session of that join are written only if it was this one, so two joins
-- racing on one link cannot both get in.
ALTER TABLE invitations ADD COLUMN used_for TEXT;
