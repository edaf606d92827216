-- Publications: the source of truth for everything the site and the widget show.
CREATE TABLE publications (
  -- AUTOINCREMENT: an id is never reused, so revisions and the audit log stay unambiguous.
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  slug TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  lang TEXT NOT NULL,
  title TEXT NOT NULL,
  lead TEXT NOT NULL DEFAULT '',
  -- Sanitized HTML: editors' input is cleaned before it is stored.
  body TEXT NOT NULL DEFAULT '',
  -- UTC instant as ISO 8601 with milliseconds, so text order is time order.
  published_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'scheduled', 'published', 'archived')),
  featured INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
  -- JSON list of tags, sorted; publication_tags below indexes it for filtering.
  tags TEXT NOT NULL DEFAULT '[]',
  -- Language versions of one text share a translation group.
  translation_group TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

-- Public lists are keyset-paged on (published_at, id), newest first; the
-- partial indexes hold only what readers may see, so they stay small.
CREATE INDEX publications_public
  ON publications (published_at DESC, id DESC)
  WHERE status IN ('published', 'scheduled');
CREATE INDEX publications_public_kind
  ON publications (kind, published_at DESC, id DESC)
  WHERE status IN ('published', 'scheduled');
CREATE INDEX publications_public_lang
  ON publications (lang, published_at DESC, id DESC)
  WHERE status IN ('published', 'scheduled');
CREATE INDEX publications_translation_group
  ON publications (translation_group)
  WHERE translation_group IS NOT NULL;

CREATE TABLE publication_tags (
  publication_id INTEGER NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (tag, publication_id)
) WITHOUT ROWID;
CREATE INDEX publication_tags_publication ON publication_tags (publication_id);

-- The tag index follows the publications' own lists, whoever writes them.
CREATE TRIGGER publication_tags_insert AFTER INSERT ON publications
BEGIN
  INSERT INTO publication_tags (publication_id, tag)
  SELECT DISTINCT NEW.id, value FROM json_each(NEW.tags);
END;

CREATE TRIGGER publication_tags_update AFTER UPDATE OF tags ON publications
BEGIN
  DELETE FROM publication_tags WHERE publication_id = NEW.id;
  INSERT INTO publication_tags (publication_id, tag)
  SELECT DISTINCT NEW.id, value FROM json_each(NEW.tags);
END;

-- Day counters: "{days} days have passed since ..." in the site's time zone.
CREATE TABLE counters (
  slug TEXT PRIMARY KEY,
  since TEXT NOT NULL, -- calendar date, YYYY-MM-DD
  text TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX counters_active ON counters (position, slug) WHERE active = 1;

-- One site per deployment: a single row.
CREATE TABLE site (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  time_zone TEXT NOT NULL, -- IANA name
  locale TEXT NOT NULL, -- BCP 47
  date_format TEXT NOT NULL DEFAULT 'DD.MM.YYYY',
  clocks TEXT NOT NULL DEFAULT '[]', -- JSON: [{ "label", "time_zone" }]
  contacts TEXT NOT NULL DEFAULT '{}' -- JSON: { "phone", "email", "address", "fields" }
);

-- A fresh deployment answers with working defaults until editors set the site up.
INSERT INTO site (id, name, time_zone, locale) VALUES (1, 'Chancery', 'UTC', 'en');
