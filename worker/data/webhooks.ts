import type { EventType } from "../schemas/event";
import type { Delivery, Webhook, WebhookInput, WebhookPatch } from "../schemas/webhook";
import { type Actor, findJson, stamp } from "./publication-writes";
import type { Database } from "./sql";

/** Webhook endpoints and their delivery log, as plain reads and the statements of their writes. */

/** How many attempts the log keeps per endpoint: the newest. */
export const KEPT_DELIVERIES = 200;

// An endpoint as admins see it, as one JSON value made by SQL; `w` is the
// endpoint. Never its secret. A subquery loses JSON's subtype, hence json().
const WEBHOOK_JSON = `json_object('id', w.id, 'url', w.url, 'events', json(w.events),
  'description', w.description, 'enabled', json(CASE WHEN w.enabled THEN 'true' ELSE 'false' END),
  'disabled_reason', w.disabled_reason, 'failing_since', w.failing_since,
  'created_at', w.created_at, 'updated_at', w.updated_at,
  'last_delivery', json((SELECT json_object('at', d.at, 'outcome', d.outcome, 'status', d.status, 'error', d.error)
    FROM webhook_deliveries d WHERE d.endpoint_id = w.id ORDER BY d.id DESC LIMIT 1)))`;

/** What the audit log keeps of an endpoint: never its secret. */
const AUDITED =
  "json_object('url', url, 'events', json(events), 'description', description, 'enabled', enabled)";

export async function listWebhooks(db: Database): Promise<Webhook[]> {
  const { results } = await db
    .prepare(`SELECT ${WEBHOOK_JSON} AS json FROM webhooks w ORDER BY w.id`)
    .all<{ json: string }>();
  return results.map((row) => JSON.parse(row.json) as Webhook);
}

export const findWebhook = (db: Database, id: number) =>
  findJson<Webhook>(db, `SELECT ${WEBHOOK_JSON} AS json FROM webhooks w WHERE w.id = ?1`, id);

/**
 * An audit entry about endpoint `id` (or, for a new one, the one this
 * request made); `change` is SQL over the row as it is, with `?5` on.
 */
function auditEntry(
  db: Database,
  id: number | null,
  action: string,
  change: string,
  actor: Actor,
  ...more: unknown[]
) {
  return db
    .prepare(
      `INSERT INTO audit_log (at, actor, action, subject, request_id, change)
       SELECT ?1, ?2, ?3, 'webhook:' || id, ?4, ${change} FROM webhooks
        WHERE ${id === null ? "request_id = ?4" : `id = ?${5 + more.length}`}`,
    )
    .bind(actor.at, actor.name, action, actor.requestId, ...more, ...(id === null ? [] : [id]));
}

/** A new endpoint with its secret; the audit log records it without the secret. */
export function insertWebhook(
  db: Database,
  input: WebhookInput,
  secret: string,
  actor: Actor,
): D1PreparedStatement[] {
  const { changed_by, request_id } = stamp(actor);
  return [
    db
      .prepare(
        `INSERT INTO webhooks (url, events, description, secret, created_at, updated_at, changed_by, request_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7)`,
      )
      .bind(
        input.url,
        JSON.stringify([...new Set(input.events)]),
        input.description ?? null,
        secret,
        actor.at,
        changed_by,
        request_id,
      ),
    auditEntry(db, null, "webhook.create", `json_object('after', ${AUDITED})`, actor),
  ];
}

/** Changes endpoint `id`; enabling it clears why it was disabled and when it began failing. */
export function updateWebhook(
  db: Database,
  id: number,
  patch: WebhookPatch,
  actor: Actor,
): D1PreparedStatement[] {
  const { changed_by, request_id } = stamp(actor);
  const enabled = patch.enabled === undefined ? null : Number(patch.enabled);
  return [
    auditEntry(
      db,
      id,
      "webhook.update",
      `json_object('before', ${AUDITED}, 'after', json(?5))`,
      actor,
      JSON.stringify(patch),
    ),
    db
      .prepare(
        `UPDATE webhooks SET url = COALESCE(?2, url), events = COALESCE(?3, events),
           description = CASE WHEN ?4 THEN ?5 ELSE description END,
           enabled = COALESCE(?6, enabled),
           disabled_reason = CASE WHEN ?6 IS NULL THEN disabled_reason ELSE NULL END,
           failing_since = CASE WHEN ?6 = 1 THEN NULL ELSE failing_since END,
           updated_at = ?7, changed_by = ?8, request_id = ?9
         WHERE id = ?1`,
      )
      .bind(
        id,
        patch.url ?? null,
        patch.events ? JSON.stringify([...new Set(patch.events)]) : null,
        Number("description" in patch),
        patch.description ?? null,
        enabled,
        actor.at,
        changed_by,
        request_id,
      ),
  ];
}

/** A new secret for endpoint `id`; the old one stops signing at once. */
export function replaceSecret(db: Database, id: number, secret: string, actor: Actor): D1PreparedStatement[] {
  const { changed_by, request_id } = stamp(actor);
  return [
    auditEntry(db, id, "webhook.rotate_secret", `json_object('after', json_object('rotated_at', ?1))`, actor),
    db
      .prepare(
        "UPDATE webhooks SET secret = ?2, updated_at = ?3, changed_by = ?4, request_id = ?5 WHERE id = ?1",
      )
      .bind(id, secret, actor.at, changed_by, request_id),
  ];
}

/** Deletes endpoint `id` and, with it, its delivery log. */
export function deleteWebhook(db: Database, id: number, actor: Actor): D1PreparedStatement[] {
  return [
    auditEntry(db, id, "webhook.delete", `json_object('before', ${AUDITED})`, actor),
    db.prepare("DELETE FROM webhooks WHERE id = ?1").bind(id),
  ];
}

/** The answer to a write of endpoint `id` (or the one this request made): it, and the secret when given. */
export function webhookAnswer(id: number | null, actor: Actor, secret?: string) {
  const body = secret === undefined ? WEBHOOK_JSON : `json_set(${WEBHOOK_JSON}, '$.secret', ?2)`;
  return {
    sql: `SELECT ${body} AS body, NULL AS etag, '/api/v1/webhooks/' || w.id AS location
          FROM webhooks w WHERE ${id === null ? "w.request_id = ?1" : "w.id = ?1"}`,
    params: [id ?? actor.requestId, ...(secret === undefined ? [] : [secret])],
  };
}

/** The empty answer to deleting endpoint `id`: found only if it was there. D1 binds a number as REAL, hence the cast. */
export const webhookGone = (id: number, actor: Actor) => ({
  sql: `SELECT NULL AS body, NULL AS etag, NULL AS location FROM audit_log
         WHERE subject = 'webhook:' || CAST(?1 AS INTEGER) AND action = 'webhook.delete' AND request_id = ?2`,
  params: [id, actor.requestId],
});

/** The enabled endpoints that want each of `types`: one row per (type, endpoint). */
export async function subscribers(
  db: Database,
  types: EventType[],
): Promise<{ id: number; type: EventType }[]> {
  const { results } = await db
    .prepare(
      `SELECT w.id, e.value AS type FROM webhooks w, json_each(w.events) e
        WHERE w.enabled = 1 AND e.value IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify([...new Set(types)]))
    .all<{ id: number; type: EventType }>();
  return results;
}

/** What the consumer needs of endpoint `id` to deliver: where, the secret, and whether to send at all. */
export async function deliveryTarget(
  db: Database,
  id: number,
): Promise<{ url: string; secret: string; enabled: boolean } | undefined> {
  const row = await db
    .prepare("SELECT url, secret, enabled FROM webhooks WHERE id = ?1")
    .bind(id)
    .first<{ url: string; secret: string; enabled: number }>();
  return row ? { url: row.url, secret: row.secret, enabled: row.enabled === 1 } : undefined;
}

/** One attempt, as the log keeps it. */
export interface Attempt {
  endpointId: number;
  webhookId: string;
  type: EventType;
  payload: string;
  outcome: Delivery["outcome"];
  status: number | null;
  error: string | null;
  latencyMs: number | null;
  response: string | null;
  at: string;
}

/**
 * Logs an attempt, numbered after the earlier ones of this event to this
 * endpoint (giving up counts those), and forgets all but the newest
 * `KEPT_DELIVERIES` of the endpoint.
 */
export function logAttempt(db: Database, attempt: Attempt): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO webhook_deliveries
           (endpoint_id, webhook_id, type, payload, attempt, outcome, status, error, latency_ms, response, at)
         SELECT ?1, ?2, ?3, ?4,
           (SELECT COUNT(*) + (?5 <> 'gave_up') FROM webhook_deliveries
             WHERE endpoint_id = ?1 AND webhook_id = ?2 AND outcome <> 'gave_up'),
           ?5, ?6, ?7, ?8, ?9, ?10
         WHERE EXISTS (SELECT 1 FROM webhooks WHERE id = ?1)`,
      )
      .bind(
        attempt.endpointId,
        attempt.webhookId,
        attempt.type,
        attempt.payload,
        attempt.outcome,
        attempt.status,
        attempt.error,
        attempt.latencyMs,
        attempt.response,
        attempt.at,
      ),
    db
      .prepare(
        `DELETE FROM webhook_deliveries WHERE endpoint_id = ?1 AND id <= (
           SELECT id FROM webhook_deliveries WHERE endpoint_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)`,
      )
      .bind(attempt.endpointId, KEPT_DELIVERIES),
  ];
}

/** A success ends the endpoint's failing streak. */
export function markDelivered(db: Database, id: number): D1PreparedStatement {
  return db
    .prepare("UPDATE webhooks SET failing_since = NULL WHERE id = ?1 AND failing_since IS NOT NULL")
    .bind(id);
}

/**
 * A failure starts the endpoint's failing streak, or, if the streak began
 * before `dayAgo`, disables it with a reason its owner reads in the console.
 * Each expression reads the row as it was, so the streak is checked first.
 */
export function markFailed(
  db: Database,
  id: number,
  at: string,
  dayAgo: string,
  last: string,
): D1PreparedStatement {
  const tooLong = "enabled = 1 AND failing_since IS NOT NULL AND failing_since <= ?3";
  return db
    .prepare(
      `UPDATE webhooks SET failing_since = COALESCE(failing_since, ?2),
         disabled_reason = CASE WHEN ${tooLong}
           THEN 'Disabled by the site: every delivery has failed since ' || failing_since || '; the last one ' || ?4 || '. Fix the endpoint, then enable it again.'
           ELSE disabled_reason END,
         enabled = CASE WHEN ${tooLong} THEN 0 ELSE enabled END
       WHERE id = ?1`,
    )
    .bind(id, at, dayAgo, last);
}

/** Endpoint `id`'s attempts, newest first, before the attempt `before` if given. */
export async function listDeliveries(
  db: Database,
  id: number,
  page: { limit: number; before?: number },
): Promise<Delivery[]> {
  const { results } = await db
    .prepare(
      `SELECT id, webhook_id, type, attempt, outcome, status, error, latency_ms, response, at
         FROM webhook_deliveries WHERE endpoint_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3`,
    )
    .bind(id, page.before ?? Number.MAX_SAFE_INTEGER, page.limit)
    .all<Delivery>();
  return results;
}

/** What a redelivery sends again: the event of logged attempt `delivery` of endpoint `id`. */
export async function loggedEvent(
  db: Database,
  id: number,
  delivery: number,
): Promise<{ webhook_id: string; type: EventType; payload: string } | undefined> {
  const row = await db
    .prepare("SELECT webhook_id, type, payload FROM webhook_deliveries WHERE endpoint_id = ?1 AND id = ?2")
    .bind(id, delivery)
    .first<{ webhook_id: string; type: EventType; payload: string }>();
  return row ?? undefined;
}
