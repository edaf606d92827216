-- The site speaks several languages. `languages` lists them as BCP 47 tags,
-- the default first; `translations` holds, per other language, what editors
-- wrote of the site's own words (name, clock labels, contacts), any part of
-- which falls back to the default language's.
ALTER TABLE site ADD COLUMN languages TEXT NOT NULL DEFAULT '["en"]';
ALTER TABLE site ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
-- The institution's emblem or logo: the key of an uploaded image in the media bucket.
ALTER TABLE site ADD COLUMN emblem TEXT;

-- An existing site keeps speaking the language of its locale ("en-GB" speaks "en").
UPDATE site SET languages = json_array(lower(substr(locale, 1, instr(locale || '-', '-') - 1)));

DROP TRIGGER site_audit_update;
CREATE TRIGGER site_audit_update AFTER UPDATE ON site
BEGIN
  INSERT INTO audit_log (at, actor, action, subject, request_id, change)
  VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW.changed_by, 'site.update', 'site', NEW.request_id,
    json_object(
      'before', json_object('name', OLD.name, 'time_zone', OLD.time_zone, 'locale', OLD.locale,
        'date_format', OLD.date_format, 'clocks', json(OLD.clocks), 'contacts', json(OLD.contacts),
        'languages', json(OLD.languages), 'translations', json(OLD.translations), 'emblem', OLD.emblem,
        'approver_must_differ', json(iif(OLD.approver_must_differ, 'true', 'false'))),
      'after', json_object('name', NEW.name, 'time_zone', NEW.time_zone, 'locale', NEW.locale,
        'date_format', NEW.date_format, 'clocks', json(NEW.clocks), 'contacts', json(NEW.contacts),
        'languages', json(NEW.languages), 'translations', json(NEW.translations), 'emblem', NEW.emblem,
        'approver_must_differ', json(iif(NEW.approver_must_differ, 'true', 'false')))));
END;
