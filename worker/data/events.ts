import type { EventType } from "../schemas/event";
import { SUMMARY_COLUMNS, type SummaryRow } from "./publications";
import type { Database } from "./sql";

/** A row of the outbox (migration 0019): what happened, to what, and from when it holds. */
export interface EventRow {
  id: string;
  type: EventType;
  /** 'publication:<id>', 'counter:<slug>' or 'site'. */
  subject: string;
  due_at: string;
  /** When the write that made it committed. */
  created_at: string;
  /** The data, when it had to be frozen before dispatch (the row it describes was deleted). */
  payload: string | null;
}

/** The events due at `now`, oldest first, at most `limit`. */
export async function dueEvents(db: Database, now: string, limit: number): Promise<EventRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, type, subject, due_at, created_at, payload FROM events
       WHERE dispatched_at IS NULL AND due_at <= ?1 ORDER BY due_at, id LIMIT ?2`,
    )
    .bind(now, limit)
    .all<EventRow>();
  return results;
}

/** The instant the next pending event falls due, if one is pending. */
export async function nextDueAt(db: Database): Promise<string | undefined> {
  const row = await db
    .prepare("SELECT MIN(due_at) AS due_at FROM events WHERE dispatched_at IS NULL")
    .first<{ due_at: string | null }>();
  return row?.due_at ?? undefined;
}

/**
 * Marks events dispatched at `at`, each with the data it went out with. A
 * row a trigger re-armed or dropped meanwhile is left alone: the id changed.
 */
export async function markDispatched(
  db: Database,
  dispatched: { id: string; data: unknown }[],
  at: string,
): Promise<void> {
  if (dispatched.length === 0) return;
  await db.batch(
    dispatched.map(({ id, data }) =>
      db
        .prepare("UPDATE events SET dispatched_at = ?1, payload = ?2 WHERE id = ?3 AND dispatched_at IS NULL")
        .bind(at, JSON.stringify(data), id),
    ),
  );
}

/** Forgets events dispatched before `before` (ISO 8601); pending ones stay, however old. */
export async function forgetDispatchedEvents(db: Database, before: string): Promise<void> {
  await db.prepare("DELETE FROM events WHERE dispatched_at < ?1").bind(before).run();
}

/** A publication as an event tells it: its summary and where its lifecycle stands. */
export type PublicationEventRow = SummaryRow & {
  expires_at: string | null;
  withdrawn_at: string | null;
  withdrawal_reason: string | null;
};

/** The publications `ids` name, whatever their status: an event may tell of one that just left. */
export async function publicationsById(db: Database, ids: number[]): Promise<PublicationEventRow[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS}, p.expires_at, p.withdrawn_at, p.withdrawal_reason
       FROM publications p WHERE p.id IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(ids))
    .all<PublicationEventRow>();
  return results;
}
