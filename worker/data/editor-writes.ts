import type { CounterInput, CounterPatch } from "../schemas/counter";
import type { AuditEntry } from "../schemas/history";
import type { SitePatch } from "../schemas/site";
import { type Actor, stamp } from "./publication-writes";
import { assignments, type Database } from "./sql";

/**
 * Writes to counters and the site. Each row records who changed it and in
 * which request, and the audit triggers copy that into the log.
 */

export function isCounterTaken(error: unknown): boolean {
  return String(error).includes("UNIQUE constraint failed: counters.slug");
}

/** Without a position, the counter goes after the others. */
export async function insertCounter(db: Database, counter: CounterInput, actor: Actor): Promise<void> {
  await db
    .prepare(
      `INSERT INTO counters (slug, since, text, active, changed_by, request_id, position)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, COALESCE(?7, (SELECT COALESCE(MAX(position), -1) + 1 FROM counters)))`,
    )
    .bind(
      counter.slug,
      counter.since,
      counter.text,
      counter.active ? 1 : 0,
      actor.name,
      actor.requestId,
      counter.position ?? null,
    )
    .run();
}

/** False when no counter has the slug. */
export async function updateCounter(db: Database, slug: string, patch: CounterPatch, actor: Actor) {
  const columns = {
    ...patch,
    ...(patch.active === undefined ? {} : { active: patch.active ? 1 : 0 }),
    ...stamp(actor),
  };
  const { meta } = await db
    .prepare(`UPDATE counters SET ${assignments(columns, 2)} WHERE slug = ?1`)
    .bind(slug, ...Object.values(columns))
    .run();
  return meta.changes > 0;
}

/** False when no counter has the slug. The stamp goes first, so the audit log names who deleted. */
export async function deleteCounter(db: Database, slug: string, actor: Actor): Promise<boolean> {
  const [, deleted] = await db.batch([
    db
      .prepare("UPDATE counters SET changed_by = ?2, request_id = ?3 WHERE slug = ?1")
      .bind(slug, actor.name, actor.requestId),
    db.prepare("DELETE FROM counters WHERE slug = ?1").bind(slug),
  ]);
  return deleted.meta.changes > 0;
}

export async function updateSite(db: Database, patch: SitePatch, actor: Actor): Promise<void> {
  const columns = {
    ...patch,
    ...(patch.clocks === undefined ? {} : { clocks: JSON.stringify(patch.clocks) }),
    ...(patch.contacts === undefined ? {} : { contacts: JSON.stringify(patch.contacts) }),
    ...stamp(actor),
  };
  await db
    .prepare(`UPDATE site SET ${assignments(columns, 1)} WHERE id = 1`)
    .bind(...Object.values(columns))
    .run();
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
