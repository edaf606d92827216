import type { MissingTranslation, OutdatedTranslation, TranslationGroup } from "../schemas/translation";
import { type Actor, stamp } from "./publication-writes";
import type { Database } from "./sql";
import { shownStatus } from "./status";

/**
 * The versions of a text in the site's languages: which a text has, what a
 * translation was made from, and which are out of date. A text without a
 * translation group is a group of its own.
 */

/** The site's languages, the default first, as rows of `lang` and `pos`; read in the statement that needs them. */
const LANGUAGES =
  "SELECT value AS lang, key AS pos FROM json_each((SELECT languages FROM site WHERE id = 1))";

/** The members of a version's JSON, `alias` its row; others may follow them in the same json_object. */
const versionMembers = (alias: string) =>
  `'id', ${alias}.id, 'slug', ${alias}.slug, 'lang', ${alias}.lang, 'title', ${alias}.title,
    'status', ${shownStatus(alias)}`;

const groupVersionJson = (alias: string) =>
  `json_object(${versionMembers(alias)}, 'translated_from', ${alias}.translated_from,
    'source_version', ${alias}.source_version, 'text_version', ${alias}.text_version)`;

type Version = TranslationGroup["versions"][number];

async function jsonRows<T>(statement: D1PreparedStatement): Promise<T[]> {
  const { results } = await statement.all<{ json: string }>();
  return results.map((row) => JSON.parse(row.json));
}

/** The version a text (`group`) has in `lang` (case aside), archived ones aside; undefined when it has none. */
export async function versionIn(db: Database, group: string, lang: string): Promise<Version | undefined> {
  const [found] = await jsonRows<Version>(
    db
      .prepare(
        `SELECT ${groupVersionJson("t")} AS json FROM publications t
         WHERE t.translation_group = ?1 AND lower(t.lang) = lower(?2) AND t.status <> 'archived'
         ORDER BY t.id LIMIT 1`,
      )
      .bind(group, lang),
  );
  return found;
}

/** `base`, or the first of `base-2`, `base-3`, … no publication has. */
export async function freeSlug(db: Database, base: string): Promise<string> {
  // '.' follows '-' in byte order: the range is the slugs that start with `base-`, read from the slug index.
  const { results } = await db
    .prepare("SELECT slug FROM publications WHERE slug = ?1 OR (slug > ?1 || '-' AND slug < ?1 || '.')")
    .bind(base)
    .all<{ slug: string }>();
  const taken = new Set(results.map((row) => row.slug));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** What a new translation is: the source it copies (at `sourceVersion`), its group, language and slug. */
export interface NewTranslation {
  sourceId: number;
  sourceVersion: number;
  group: string;
  lang: string;
  slug: string;
}

/**
 * The translation's draft, its words copied from the source as the batch
 * finds it, with the version they are from. Written only while the source
 * is in `group` (or in none, and still at `sourceVersion`) and the group
 * has no version in `lang`: a source changed meanwhile, or a translation
 * made by another request first, writes nothing.
 */
export function translationInsertStatement(
  db: Database,
  translation: NewTranslation,
  actor: Actor,
): D1PreparedStatement {
  const { changed_by, request_id } = stamp(actor);
  return db
    .prepare(
      `INSERT INTO publications (slug, kind, lang, title, lead, body, body_markdown, body_text, published_at,
         status, featured, tags, translation_group, translated_from, source_version, author_id, written_by,
         created_at, updated_at, changed_by, request_id, level, expires_at)
       SELECT ?1, s.kind, ?2, s.title, s.lead, s.body, s.body_markdown, s.body_text, ?3,
         'draft', s.featured, s.tags, ?8, s.id, s.version, ?4, ?4, ?3, ?3, ?5, ?6,
         -- An alert's version in another language warns of the same thing, as gravely, until the same instant.
         s.level, iif(s.kind = 'alert', s.expires_at, NULL)
       FROM publications s
       WHERE s.id = ?7 AND s.status <> 'archived'
         AND (s.translation_group = ?8 OR (s.translation_group IS NULL AND s.version = ?9))
         AND NOT EXISTS (SELECT 1 FROM publications t
           WHERE t.translation_group = ?8 AND lower(t.lang) = lower(?2) AND t.status <> 'archived')`,
    )
    .bind(
      translation.slug,
      translation.lang,
      actor.at,
      actor.personId,
      changed_by,
      request_id,
      translation.sourceId,
      translation.group,
      translation.sourceVersion,
    );
}

/**
 * The source joins the translation's group, a new version of it, only if
 * this request's translation was written (in the same batch, after it).
 */
export function sourceGroupStatement(
  db: Database,
  translation: NewTranslation,
  actor: Actor,
): D1PreparedStatement {
  const { changed_by, request_id } = stamp(actor);
  return db
    .prepare(
      `UPDATE publications SET translation_group = ?3, updated_at = ?4, changed_by = ?5, request_id = ?6,
         version = version + 1
       WHERE id = ?1 AND version = ?2 AND translation_group IS NULL
         AND EXISTS (SELECT 1 FROM publications t WHERE t.slug = ?7 AND t.request_id = ?6)`,
    )
    .bind(
      translation.sourceId,
      translation.sourceVersion,
      translation.group,
      actor.at,
      changed_by,
      request_id,
      translation.slug,
    );
}

/** Where publication `id` stands among its languages; undefined when there is no such publication. */
export async function findTranslationGroup(db: Database, id: number): Promise<TranslationGroup | undefined> {
  const [row] = await jsonRows<{
    translation_group: string | null;
    languages: string[];
    self: Version;
    source: Version | null;
    source_text_version: number | null;
  }>(
    db
      .prepare(
        `SELECT json_object('translation_group', p.translation_group,
           'languages', json((SELECT languages FROM site WHERE id = 1)),
           'self', json(${groupVersionJson("p")}),
           'source', json(CASE WHEN s.id IS NULL THEN NULL ELSE ${groupVersionJson("s")} END)) AS json
         FROM publications p LEFT JOIN publications s ON s.id = p.translated_from
         WHERE p.id = ?1`,
      )
      .bind(id),
  );
  if (!row) return undefined;
  const versions = row.translation_group
    ? await jsonRows<Version>(
        db
          .prepare(
            `SELECT ${groupVersionJson("t")} AS json FROM publications t
             WHERE t.translation_group = ?1 AND (t.status <> 'archived' OR t.id = ?2) ORDER BY t.id`,
          )
          .bind(row.translation_group, id),
      )
    : [row.self];
  const has = new Set(versions.map((version) => version.lang.toLowerCase()));
  const { self, source } = row;
  return {
    translation_group: row.translation_group,
    languages: row.languages,
    versions,
    missing: row.languages.filter((lang) => !has.has(lang.toLowerCase())),
    source,
    outdated: source !== null && (self.source_version ?? 0) < source.text_version,
  };
}

/** Whether `alias` is out at `?1`: published or scheduled, neither withdrawn nor expired. */
const isOut = (alias: string) =>
  `${alias}.status IN ('published', 'scheduled') AND ${alias}.withdrawn_at IS NULL
    AND (${alias}.expires_at IS NULL OR ${alias}.expires_at > ?1)`;

/** 0 when `alias` is in the site's default language, else 1. */
const notDefault = (alias: string) =>
  `(lower(${alias}.lang) <> lower((SELECT json_extract(languages, '$[0]') FROM site WHERE id = 1)))`;

/**
 * Texts out (published or scheduled, neither withdrawn nor expired at `?1`)
 * that lack a version in one of the site's languages, newest first, one per
 * translation group: its version in the default language if that one is
 * out, else the earliest published. A version in any state but archived
 * counts, a draft being a translation under way. The walk follows the
 * public index newest first, through the newest SCANNED texts at most, so
 * a site with everything translated is not read whole; each row looks its
 * group up through the `publications_translation_group` index.
 */
/** How far back the dashboard looks for what lacks a translation: what is older is rarely translated now. */
export const SCANNED = 1000;

export const MISSING = `
  WITH languages AS (${LANGUAGES})
  SELECT json_object('source', json_object(${versionMembers("p")}, 'kind', p.kind,
      'published_at', p.published_at),
    'translation_group', p.translation_group, 'languages', json(p.missing)) AS json
  FROM (SELECT p.*, (SELECT json_group_array(l.lang) FROM (SELECT lang FROM languages ORDER BY pos) l
      WHERE lower(l.lang) <> lower(p.lang) AND (p.translation_group IS NULL OR NOT EXISTS (
        SELECT 1 FROM publications m WHERE m.translation_group = p.translation_group
          AND lower(m.lang) = lower(l.lang) AND m.status <> 'archived'))) AS missing
    FROM publications p
    WHERE ${isOut("p")} AND (p.translation_group IS NULL OR NOT EXISTS (SELECT 1 FROM publications q
      WHERE q.translation_group = p.translation_group AND q.id <> p.id AND ${isOut("q")}
        AND (${notDefault("q")}, q.published_at, q.id) < (${notDefault("p")}, p.published_at, p.id)))
    ORDER BY p.published_at DESC, p.id DESC LIMIT ${SCANNED}) p
  WHERE json_array_length(p.missing) > 0
  LIMIT ?2`;

/** Up to `limit` texts that lack a language, as of `now`. */
export const listMissing = (db: Database, now: string, limit: number) =>
  jsonRows<MissingTranslation>(db.prepare(MISSING).bind(now, limit));

/**
 * Translations (in the site's languages, not archived, of a source not
 * archived) last saved from a version of their source older than the one
 * in which the source's words last changed. The walk reads translations
 * only, through the `publications_translated_from` index.
 */
export const OUTDATED = `
  SELECT json_object(${versionMembers("t")}, 'source_version', t.source_version, 'updated_at', t.updated_at,
      'source', json_object(${versionMembers("s")}, 'version', s.version, 'text_version', s.text_version)) AS json
  FROM publications t
  JOIN publications s ON s.id = t.translated_from
  WHERE t.translated_from IS NOT NULL AND t.status <> 'archived' AND s.status <> 'archived'
    AND t.source_version < s.text_version
    AND lower(t.lang) IN (SELECT lower(value) FROM json_each((SELECT languages FROM site WHERE id = 1)))
  ORDER BY t.translated_from, t.id
  LIMIT ?1`;

/** Up to `limit` translations out of date. */
export const listOutdated = (db: Database, limit: number) =>
  jsonRows<OutdatedTranslation>(db.prepare(OUTDATED).bind(limit));

/**
 * A translation saved again is from its source as the source stands now:
 * it records the source's version, once this request's update took place
 * (in the same batch, after it). The version stays: this is the same save.
 */
export function sourceCaughtUpStatement(db: Database, id: number, actor: Actor): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE publications
       SET source_version = (SELECT s.version FROM publications s WHERE s.id = publications.translated_from)
       WHERE id = ?1 AND request_id = ?2 AND translated_from IS NOT NULL`,
    )
    .bind(id, actor.requestId);
}
