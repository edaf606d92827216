-- Citizen alerts: publications of kind 'alert' carry a level (emergency,
-- security or routine, worker/vocabulary.ts LEVELS) and always an expiry.
-- The write owner requires the level of an alert and refuses it on any
-- other kind; the CHECK keeps any other word out of the column.
ALTER TABLE publications ADD COLUMN level TEXT
  CHECK (level IS NULL OR level IN ('emergency', 'security', 'routine'));

-- Revisions and the audit log keep the level with the other small fields,
-- so restoring a version of an alert brings its level back; the triggers
-- read this view by name, as in migration 0010.
DROP VIEW publication_fields;
CREATE VIEW publication_fields AS
SELECT id, json_object(
  'slug', slug, 'kind', kind, 'lang', lang, 'title', title, 'lead', lead,
  'published_at', published_at, 'status', status,
  'featured', json(CASE featured WHEN 1 THEN 'true' ELSE 'false' END), 'tags', json(tags),
  'translation_group', translation_group, 'expires_at', expires_at,
  'withdrawn_at', withdrawn_at, 'withdrawal_reason', withdrawal_reason, 'level', level) AS fields
FROM publications;

-- Every page asks for the alerts active now: the few public alerts whose
-- expiry is still ahead, found without a scan of every publication.
CREATE INDEX publications_alerts ON publications (expires_at)
  WHERE kind = 'alert' AND status IN ('published', 'scheduled');
