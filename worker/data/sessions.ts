import type { Editor, Role } from "../schemas/editor";
import { scopesOf } from "../vocabulary";
import { spentBy } from "./invitations";
import type { Database } from "./sql";

/** How a person proved who they are. */
export type SignedInVia = "passkey" | "access" | "invitation";

export interface NewSession {
  idHash: string;
  personId: number;
  csrf: string;
  via: SignedInVia;
  createdAt: string;
  expiresAt: string;
}

/** Starts a session; one begun by joining on an invitation only if this join spent it (`invitation`). */
export function insertSession(db: Database, session: NewSession, invitation?: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO sessions (id_hash, person_id, csrf, via, created_at, expires_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE ?7 IS NULL OR ${spentBy("?7", "?1")}`,
    )
    .bind(
      session.idHash,
      session.personId,
      session.csrf,
      session.via,
      session.createdAt,
      session.expiresAt,
      invitation ?? null,
    );
}

/** The person of a live session: not expired, the person not disabled; a session may do all the role allows. */
export async function findSession(
  db: Database,
  idHash: string,
  now: string,
): Promise<{ editor: Editor; csrf: string } | undefined> {
  const row = await db
    .prepare(
      `SELECT p.id, p.name, p.email, p.role, s.csrf FROM sessions s JOIN people p ON p.id = s.person_id
        WHERE s.id_hash = ?1 AND s.expires_at > ?2 AND p.disabled_at IS NULL`,
    )
    .bind(idHash, now)
    .first<{ id: number; name: string; email: string; role: Role; csrf: string }>();
  if (!row) return undefined;
  const { csrf, ...person } = row;
  return { editor: { ...person, scopes: scopesOf(person.role) }, csrf };
}

export async function deleteSession(db: Database, idHash: string): Promise<void> {
  await db.prepare("DELETE FROM sessions WHERE id_hash = ?1").bind(idHash).run();
}

export async function forgetExpiredSessions(db: Database, now: string): Promise<void> {
  await db.prepare("DELETE FROM sessions WHERE expires_at <= ?1").bind(now).run();
}
