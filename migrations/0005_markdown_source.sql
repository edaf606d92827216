-- The Markdown an editor wrote, kept beside the sanitized HTML made from it,
-- so reopening a publication shows what was typed, not its HTML. NULL when
-- the body was sent as HTML.
ALTER TABLE publications ADD COLUMN body_markdown TEXT;

-- Revisions keep it too; the triggers read this view by name, so a new one serves them at once.
DROP VIEW publication_snapshots;
CREATE VIEW publication_snapshots AS
SELECT id, version, changed_by, updated_at, json_object(
  'slug', slug, 'kind', kind, 'lang', lang, 'title', title, 'lead', lead, 'body_html', body,
  'body_markdown', body_markdown, 'published_at', published_at, 'status', status,
  'featured', json(CASE featured WHEN 1 THEN 'true' ELSE 'false' END), 'tags', json(tags),
  'translation_group', translation_group) AS snapshot
FROM publications;
