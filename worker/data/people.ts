import type { Person, PersonInput, PersonPatch } from "../schemas/person";
import type { Actor } from "./publication-writes";
import { assignments, type Database } from "./sql";

/**
 * People's accounts. Each write stamps the row with who made it and in
 * which request, and the audit triggers copy that into the log.
 */

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

// A person as an admin sees them, as one JSON value made by SQL, so a write's
// answer and its replay are read with it. `p` is the people row.
const PERSON_JSON = `json_object('id', p.id, 'name', p.name, 'email', p.email, 'role', p.role,
  'created_at', p.created_at, 'disabled_at', p.disabled_at,
  'passkeys', (SELECT COUNT(*) FROM passkeys WHERE person_id = p.id),
  'last_signed_in_at', (SELECT MAX(at) FROM (
     SELECT created_at AS at FROM sessions WHERE person_id = p.id
     UNION ALL SELECT last_used_at FROM passkeys WHERE person_id = p.id)),
  'invitation_expires_at', (SELECT MAX(expires_at) FROM invitations
     WHERE person_id = p.id AND used_at IS NULL AND expires_at > ${NOW}))`;

/** The answer to a write of person `id`, found only if this request wrote the row. */
/**
 * SQL for a person a publication names (its author, who took a step), as JSON text
 * `{ id, name }`, or NULL when there is none; `column` holds their id.
 */
export const personRef = (column: string) =>
  `(SELECT json_object('id', a.id, 'name', a.name) FROM people a WHERE a.id = ${column})`;

export function personAnswer(id: number, actor: Actor) {
  return {
    sql: `SELECT ${PERSON_JSON} AS body, NULL AS etag, '/api/v1/people/' || p.id AS location
          FROM people p WHERE p.id = ?1 AND p.request_id = ?2`,
    params: [id, actor.requestId],
  };
}

/** The answer to inviting a new person: them, and the link made for them (shown this once). */
export function invitedAnswer(email: string, invitation: { url: string; expires_at: string }, actor: Actor) {
  return {
    sql: `SELECT json_object('person', ${PERSON_JSON}, 'invitation', json_object('url', ?3, 'expires_at', ?4))
            AS body, NULL AS etag, '/api/v1/people/' || p.id AS location
          FROM people p WHERE p.email = ?1 AND p.request_id = ?2`,
    params: [email, actor.requestId, invitation.url, invitation.expires_at],
  };
}

/** The answer to a new link for person `id`: the link itself, found only if it was made. */
export function invitationAnswer(id: number, hash: string, invitation: { url: string; expires_at: string }) {
  return {
    sql: `SELECT json_object('url', ?3, 'expires_at', expires_at) AS body, NULL AS etag, NULL AS location
          FROM invitations WHERE person_id = ?1 AND hash = ?2`,
    params: [id, hash, invitation.url],
  };
}

export async function findPerson(db: Database, id: number): Promise<Person | undefined> {
  const row = await db
    .prepare(`SELECT ${PERSON_JSON} AS json FROM people p WHERE p.id = ?1`)
    .bind(id)
    .first<{ json: string }>();
  return row ? (JSON.parse(row.json) as Person) : undefined;
}

/** The enabled person who signs in as `email` (kept lower-case), if any. */
export async function personByEmail(db: Database, email: string): Promise<{ id: number } | undefined> {
  const row = await db
    .prepare("SELECT id FROM people WHERE email = ?1 AND disabled_at IS NULL")
    .bind(email.toLowerCase())
    .first<{ id: number }>();
  return row ?? undefined;
}

export async function listPeople(db: Database): Promise<Person[]> {
  const { results } = await db
    .prepare(`SELECT ${PERSON_JSON} AS json FROM people p ORDER BY p.name COLLATE NOCASE, p.id`)
    .all<{ json: string }>();
  return results.map((row) => JSON.parse(row.json) as Person);
}

export function insertPerson(db: Database, person: PersonInput, actor: Actor): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO people (name, email, role, created_at, changed_by, request_id)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
    )
    .bind(person.name, person.email, person.role, actor.at, actor.name, actor.requestId);
}

// The patch would leave no enabled admin: it takes the role of one away, or disables one.
const LAST_ADMIN = `role = 'admin' AND disabled_at IS NULL AND (COALESCE(?2, 'admin') <> 'admin' OR ?3 IS 1)
  AND NOT EXISTS (SELECT 1 FROM people WHERE role = 'admin' AND disabled_at IS NULL AND id <> ?1)`;

/**
 * Applies `patch` to person `id`, unless it would leave the site without an
 * enabled admin. The check is in the statement, so two admins demoting each
 * other at once cannot both succeed. Disabling twice keeps the first instant.
 */
export function updatePerson(
  db: Database,
  id: number,
  patch: PersonPatch,
  actor: Actor,
): D1PreparedStatement {
  const { disabled, ...fields } = patch;
  const columns = { ...fields, changed_by: actor.name, request_id: actor.requestId };
  return db
    .prepare(
      `UPDATE people SET ${assignments(columns, 5)},
         disabled_at = CASE ?3 WHEN 1 THEN COALESCE(disabled_at, ?4) WHEN 0 THEN NULL ELSE disabled_at END
       WHERE id = ?1 AND NOT (${LAST_ADMIN})`,
    )
    .bind(
      id,
      patch.role ?? null,
      disabled === undefined ? null : Number(disabled),
      actor.at,
      ...Object.values(columns),
    );
}

/** Whether person `id` is the last enabled admin. */
export async function isLastAdmin(db: Database, id: number): Promise<boolean> {
  const row = await db
    .prepare(
      `SELECT 1 AS last FROM people WHERE id = ?1 AND role = 'admin' AND disabled_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM people WHERE role = 'admin' AND disabled_at IS NULL AND id <> ?1)`,
    )
    .bind(id)
    .first();
  return row !== null;
}

/**
 * Where a person's sessions and tokens end in the same batch as the write
 * that ends them: only if that write took. `disabledNow` is a disable by
 * this request; `exists` is a sign-out, which changes no row of theirs.
 */
export type Ending = "disabledNow" | "exists";

const ENDING: Record<Ending, string> = {
  disabledNow: "SELECT 1 FROM people WHERE id = ?1 AND request_id = ?2 AND disabled_at IS NOT NULL",
  exists: "SELECT 1 FROM people WHERE id = ?1 AND ?2 = ?2",
};

/**
 * Ends every session, revokes every live token and cancels every unused
 * invitation of person `id`, when `ending` holds: no way in is left open.
 */
export function endAccess(db: Database, id: number, ending: Ending, actor: Actor): D1PreparedStatement[] {
  const when = ENDING[ending];
  return [
    db
      .prepare(`DELETE FROM invitations WHERE person_id = ?1 AND used_at IS NULL AND EXISTS (${when})`)
      .bind(id, actor.requestId),
    db.prepare(`DELETE FROM sessions WHERE person_id = ?1 AND EXISTS (${when})`).bind(id, actor.requestId),
    db
      .prepare(
        `UPDATE tokens SET revoked_at = ?3 WHERE person_id = ?1 AND revoked_at IS NULL AND EXISTS (${when})`,
      )
      .bind(id, actor.requestId, actor.at),
  ];
}

/** A person named by id, or by e-mail while the batch that adds them has not given them one yet. */
export type PersonKey = number | string;

/** SQL matching the people row of `key`, bound as `?n`. */
export const personWhere = (key: PersonKey, n: number) =>
  typeof key === "number" ? `id = ?${n}` : `email = ?${n}`;

/** An audit entry about a person that no row of theirs records (a sign-out, an invitation), if they exist. */
export function personEntry(
  db: Database,
  key: PersonKey,
  action: "person.sign_out" | "person.invite",
  after: Record<string, string>,
  actor: Actor,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (at, actor, action, subject, request_id, change)
       SELECT ?2, ?3, ?4, 'person:' || id, ?5, json_object('after', json(?6)) FROM people WHERE ${personWhere(key, 1)}`,
    )
    .bind(key, actor.at, actor.name, action, actor.requestId, JSON.stringify(after));
}

/** The empty answer to a write about person `id`, found only if they exist. */
export const personExists = (id: number) => ({
  sql: "SELECT NULL AS body, NULL AS etag, NULL AS location FROM people WHERE id = ?1",
  params: [id],
});
