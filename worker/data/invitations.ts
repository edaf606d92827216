import type { Role } from "../schemas/editor";
import { type PersonKey, personWhere } from "./people";
import type { Actor } from "./publication-writes";
import type { Database } from "./sql";

/**
 * One-time links to register a first passkey. Only the hash of a link's
 * secret is kept; the secret itself is shown once, in the link's fragment.
 */

/** A link for a person, as stored: the hash of its secret and when it stops working. */
export interface NewInvitation {
  hash: string;
  expiresAt: string;
}

/**
 * The statements that give an enabled person a new link: their earlier
 * unused links end now, so only the newest one works.
 */
export function insertInvitation(
  db: Database,
  person: PersonKey,
  invitation: NewInvitation,
  actor: Actor,
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE invitations SET expires_at = ?2 WHERE used_at IS NULL AND expires_at > ?2
           AND person_id = (SELECT id FROM people WHERE ${personWhere(person, 1)})`,
      )
      .bind(person, actor.at),
    db
      .prepare(
        `INSERT INTO invitations (hash, person_id, created_by, created_at, expires_at)
         SELECT ?2, id, ?3, ?4, ?5 FROM people WHERE ${personWhere(person, 1)} AND disabled_at IS NULL`,
      )
      .bind(person, invitation.hash, actor.name, actor.at, invitation.expiresAt),
  ];
}

/** A live invitation: unused, unexpired, for a person not disabled. */
export interface LiveInvitation {
  hash: string;
  person: { id: number; name: string; email: string; role: Role };
  expires_at: string;
}

/** The live invitation whose secret hashes to `hash`, at `now`. */
export async function findInvitation(
  db: Database,
  hash: string,
  now: string,
): Promise<LiveInvitation | undefined> {
  const row = await db
    .prepare(
      `SELECT i.hash, i.expires_at, p.id, p.name, p.email, p.role
         FROM invitations i JOIN people p ON p.id = i.person_id
        WHERE i.hash = ?1 AND i.used_at IS NULL AND i.expires_at > ?2 AND p.disabled_at IS NULL`,
    )
    .bind(hash, now)
    .first<{ hash: string; expires_at: string; id: number; name: string; email: string; role: Role }>();
  if (!row) return undefined;
  const { hash: found, expires_at, ...person } = row;
  return { hash: found, person, expires_at };
}

/**
 * Spends the invitation at `at` for the join whose session hashes to
 * `session`, if it still is live. It goes first in the batch that registers
 * the passkey; the passkey and the session after it are written only when
 * this join spent it (`spentBy`), so a link lets one join in.
 */
export function useInvitation(db: Database, hash: string, at: string, session: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE invitations SET used_at = ?2, used_for = ?3
        WHERE hash = ?1 AND used_at IS NULL AND expires_at > ?2`,
    )
    .bind(hash, at, session);
}

/** The invitation a join spends, and the hash of the join's session: what its other rows wait for. */
export interface Spending {
  invitation: string;
  session: string;
}

/** SQL that holds when the invitation (parameter `invitation`) was spent by the join (parameter `session`). */
export const spentBy = (invitation: string, session: string) =>
  `EXISTS (SELECT 1 FROM invitations WHERE hash = ${invitation} AND used_for = ${session})`;

/**
 * Why an invitation cannot be used, when it is not live: used, expired, or
 * never given. Only the live ones are found by findInvitation.
 */
export async function spentInvitation(
  db: Database,
  hash: string,
  now: string,
): Promise<"used" | "expired" | "unknown"> {
  const row = await db
    .prepare("SELECT used_at, expires_at FROM invitations WHERE hash = ?1")
    .bind(hash)
    .first<{ used_at: string | null; expires_at: string }>();
  if (!row) return "unknown";
  if (row.used_at) return "used";
  return row.expires_at <= now ? "expired" : "unknown";
}
