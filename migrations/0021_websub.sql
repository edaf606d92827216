-- WebSub (https://www.w3.org/TR/websub/): the hub the site's feeds name in
-- rel=hub and that the worker tells when a feed changes; NULL for none.
-- Only https addresses are accepted (worker/schemas/site.ts); the column
-- takes what the settings write gives it.
ALTER TABLE site ADD COLUMN websub_hub TEXT;

-- A change of hub is a change of the settings like any other: audited.
DROP TRIGGER site_audit_update;
CREATE TRIGGER site_audit_update AFTER UPDATE ON site
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW.changed_by, 'site.update', 'site', NEW.request_id,
    json_object(
      'before', json_object('name', OLD.name, 'time_zone', OLD.time_zone, 'locale', OLD.locale,
        'date_format', OLD.date_format, 'clocks', json(OLD.clocks), 'contacts', json(OLD.contacts),
        'languages', json(OLD.languages), 'translations', json(OLD.translations), 'emblem', OLD.emblem,
        'approver_must_differ', json(iif(OLD.approver_must_differ, 'true', 'false')),
        'websub_hub', OLD.websub_hub),
      'after', json_object('name', NEW.name, 'time_zone', NEW.time_zone, 'locale', NEW.locale,
        'date_format', NEW.date_format, 'clocks', json(NEW.clocks), 'contacts', json(NEW.contacts),
        'languages', json(NEW.languages), 'translations', json(NEW.translations), 'emblem', NEW.emblem,
        'approver_must_differ', json(iif(NEW.approver_must_differ, 'true', 'false')),
        'websub_hub', NEW.websub_hub)));
END;
