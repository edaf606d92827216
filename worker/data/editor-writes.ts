import { CATALOGUE_LANGUAGES } from "../catalogues";
import { type CounterInput, type CounterPatch, type EditorCounter, MAX_POSITION } from "../schemas/counter";
import type { AuditEntry } from "../schemas/history";
import type { EditorSite, SitePatch } from "../schemas/site";
import { type Actor, findJson, stamp } from "./publication-writes";
import { assignments, type Database } from "./sql";

/**
 * Writes to counters and the site. Each row records who changed it and in
 * which request, and the audit triggers copy that into the log.
 */

// The editor's view of a counter, as one JSON value made by SQL: a write's
// answer and its replay are read with it.
const COUNTER_JSON = `json_object('slug', slug, 'since', since, 'sentences', json(sentences), 'position', position,
  'active', json(iif(active, 'true', 'false')), 'version', version)`;

// `catalogues` is no column: which languages the interface speaks is a fact of this build.
const SITE_JSON = `json_object('name', name, 'time_zone', time_zone, 'locale', locale,
  'date_format', date_format, 'clocks', json(clocks), 'contacts', json(contacts),
  'languages', json(languages), 'translations', json(translations),
  'catalogues', json('${JSON.stringify(CATALOGUE_LANGUAGES)}'),
  'approver_must_differ', json(iif(approver_must_differ, 'true', 'false')), 'websub_hub', websub_hub,
  'version', version)`;

/** The answer to a write of one counter, found only if this request wrote it. */
export function counterAnswer(slug: string, actor: Actor) {
  return {
    sql: `SELECT ${COUNTER_JSON} AS body, '"v' || version || '"' AS etag,
            '/api/v1/counters/' || slug AS location
          FROM counters WHERE slug = ?1 AND request_id = ?2`,
    params: [slug, actor.requestId],
  };
}

/** The empty answer to a delete, found only if the row just went. */
export const deletedAnswer = {
  sql: "SELECT NULL AS body, NULL AS etag, NULL AS location WHERE changes() = 1",
  params: [],
};

export const siteAnswer = (actor: Actor) => ({
  sql: `SELECT ${SITE_JSON} AS body, '"v' || version || '"' AS etag, NULL AS location
        FROM site WHERE id = 1 AND request_id = ?1`,
  params: [actor.requestId],
});

export const findCounter = (db: Database, slug: string) =>
  findJson<EditorCounter>(db, `SELECT ${COUNTER_JSON} AS json FROM counters WHERE slug = ?1`, slug);

/** The languages the site speaks, the default first. */
export async function siteLanguages(db: Database): Promise<string[]> {
  return (await findJson<string[]>(db, "SELECT languages AS json FROM site WHERE id = 1")) ?? [];
}

export async function findSite(db: Database): Promise<EditorSite> {
  const site = await findJson<EditorSite>(db, `SELECT ${SITE_JSON} AS json FROM site WHERE id = 1`);
  if (!site) throw new Error("site row missing: migrations not applied?");
  return site;
}

/** Without a position, the counter goes after the others (beside the last, once they reach the highest). */
export function insertCounter(db: Database, counter: CounterInput, actor: Actor): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO counters (slug, since, sentences, active, changed_by, request_id, position)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6,
               COALESCE(?7, (SELECT MIN(COALESCE(MAX(position), -1) + 1, ?8) FROM counters)))`,
    )
    .bind(
      counter.slug,
      counter.since,
      JSON.stringify(counter.sentences),
      counter.active ? 1 : 0,
      actor.name,
      actor.requestId,
      counter.position ?? null,
      MAX_POSITION,
    );
}

/** Applies `patch` only if the counter is still at `version`. */
export function updateCounter(
  db: Database,
  slug: string,
  version: number,
  patch: CounterPatch,
  actor: Actor,
): D1PreparedStatement {
  const { sentences, active, ...rest } = patch;
  const columns = {
    ...rest,
    ...(sentences === undefined ? {} : { sentences: JSON.stringify(sentences) }),
    ...(active === undefined ? {} : { active: active ? 1 : 0 }),
    ...stamp(actor),
  };
  return db
    .prepare(
      `UPDATE counters SET ${assignments(columns, 3)}, version = version + 1 WHERE slug = ?1 AND version = ?2`,
    )
    .bind(slug, version, ...Object.values(columns));
}

/** The stamp goes first, so the audit log names who deleted; the delete follows only if it took. */
export function deleteCounter(
  db: Database,
  slug: string,
  version: number,
  actor: Actor,
): D1PreparedStatement[] {
  return [
    db
      .prepare("UPDATE counters SET changed_by = ?3, request_id = ?4 WHERE slug = ?1 AND version = ?2")
      .bind(slug, version, actor.name, actor.requestId),
    db.prepare("DELETE FROM counters WHERE slug = ?1 AND request_id = ?2").bind(slug, actor.requestId),
  ];
}

/** Applies `patch` only if the site is still at `version`. */
export function updateSite(
  db: Database,
  version: number,
  patch: SitePatch,
  actor: Actor,
): D1PreparedStatement {
  const columns = {
    ...patch,
    ...(patch.clocks === undefined ? {} : { clocks: JSON.stringify(patch.clocks) }),
    ...(patch.contacts === undefined ? {} : { contacts: JSON.stringify(patch.contacts) }),
    ...(patch.languages === undefined ? {} : { languages: JSON.stringify(patch.languages) }),
    ...(patch.translations === undefined ? {} : { translations: JSON.stringify(patch.translations) }),
    ...(patch.approver_must_differ === undefined
      ? {}
      : { approver_must_differ: patch.approver_must_differ ? 1 : 0 }),
    ...stamp(actor),
  };
  return db
    .prepare(
      `UPDATE site SET ${assignments(columns, 2)}, version = version + 1 WHERE id = 1 AND version = ?1`,
    )
    .bind(version, ...Object.values(columns));
}

/** The audit log, newest first, keyset-paged on id; optionally for one subject. */
export async function readAuditLog(
  db: Database,
  options: { before?: number; limit: number; subject?: string },
): Promise<AuditEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT id, at, actor, action, subject, request_id, change FROM audit_log
       WHERE (?1 IS NULL OR id < ?1) AND (?2 IS NULL OR subject = ?2)
       ORDER BY id DESC LIMIT ?3`,
    )
    .bind(options.before ?? null, options.subject ?? null, options.limit)
    .all<Omit<AuditEntry, "change"> & { change: string }>();
  return results.map((row) => ({ ...row, change: JSON.parse(row.change) }));
}
