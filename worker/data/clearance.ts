import type { ClearancePolicy } from "../clearance";
import type { ClearanceAction, ClearanceEvent, QueueItem } from "../schemas/clearance";
import { personRef } from "./people";
import type { Actor, Review } from "./publication-writes";
import type { Database } from "./sql";
import { shownStatus } from "./status";

/** What the site asks of clearance; the migration guarantees the row. */
export async function findPolicy(db: Database): Promise<ClearancePolicy> {
  const row = await db
    .prepare("SELECT approver_must_differ FROM site WHERE id = 1")
    .first<{ approver_must_differ: number }>();
  return { approver_must_differ: row?.approver_must_differ !== 0 };
}

/** A step of clearance as one JSON value, `e` its row. */
const EVENT_JSON = `json_object('id', e.id, 'at', e.at, 'action', e.action,
  'person', json(${personRef("e.person_id")}),
  'actor', e.actor, 'comment', e.comment, 'version', e.version)`;

/**
 * Records a step of publication `where` (an SQL condition on `publications`,
 * its value `?1`), written only if this request's write to it took place: in
 * the same batch, after it. Its trigger copies it into the audit log.
 */
export function eventStatement(
  db: Database,
  where: "id" | "slug",
  value: number | string,
  step: { action: ClearanceAction; comment: string | null },
  actor: Actor,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO clearance_events (publication_id, at, person_id, actor, action, comment, version, request_id)
       SELECT id, ?2, ?3, ?4, ?5, ?6, version, request_id FROM publications
       WHERE ${where} = ?1 AND request_id = ?7`,
    )
    .bind(value, actor.at, actor.personId, actor.name, step.action, step.comment, actor.requestId);
}

/**
 * Moves a draft in clearance from `from` to `to` if its text is still at
 * `version`. The text did not change, so neither does its version: an
 * approval names the version it read.
 */
export function reviewStatement(
  db: Database,
  id: number,
  version: number,
  change: { from: Review; to: Review },
  actor: Actor,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE publications SET review = ?4, updated_at = ?5, changed_by = ?6, request_id = ?7
       WHERE id = ?1 AND version = ?2 AND status = 'draft' AND review IS ?3`,
    )
    .bind(id, version, change.from, change.to, actor.at, actor.name, actor.requestId);
}

/** Every step of publication `id`'s clearance, oldest first. */
export async function listHistory(db: Database, id: number): Promise<ClearanceEvent[]> {
  const { results } = await db
    .prepare(`SELECT ${EVENT_JSON} AS json FROM clearance_events e WHERE e.publication_id = ?1 ORDER BY e.id`)
    .bind(id)
    .all<{ json: string }>();
  return results.map((row) => JSON.parse(row.json));
}

/** Whose work the queue gathers: the caller, and what their role lets them take up. */
export interface QueueFor {
  personId: number;
  /** Submitted texts wait for them: an editor or above. */
  approves: boolean;
  /** Approved texts wait for them: a publisher or above. */
  publishes: boolean;
  policy: ClearancePolicy;
  limit: number;
}

/**
 * What waits for a person, longest waiting first: their own drafts sent
 * back, texts to approve (not their own when the site wants a second
 * reader), texts to publish.
 */
export async function listQueue(db: Database, queue: QueueFor): Promise<QueueItem[]> {
  const { results } = await db
    .prepare(
      `SELECT json_object('id', p.id, 'title', p.title, 'slug', p.slug, 'lang', p.lang, 'kind', p.kind,
          'status', ${shownStatus("p")}, 'updated_at', p.updated_at,
          'author', json(${personRef("p.author_id")}),
          'latest', json(CASE WHEN e.id IS NULL THEN NULL ELSE ${EVENT_JSON} END)) AS json
       FROM publications p
       LEFT JOIN clearance_events e
         ON e.id = (SELECT MAX(id) FROM clearance_events WHERE publication_id = p.id)
       WHERE p.status = 'draft' AND (
         (p.review IS NULL AND p.author_id = ?1 AND e.action = 'sent_back')
         OR (?2 AND p.review = 'submitted' AND NOT (?4 AND (p.author_id IS ?1 OR p.written_by IS ?1)))
         OR (?3 AND p.review = 'approved'))
       ORDER BY COALESCE(e.at, p.updated_at), p.id
       LIMIT ?5`,
    )
    .bind(
      queue.personId,
      queue.approves ? 1 : 0,
      queue.publishes ? 1 : 0,
      queue.policy.approver_must_differ ? 1 : 0,
      queue.limit,
    )
    .all<{ json: string }>();
  return results.map((row) => JSON.parse(row.json));
}
