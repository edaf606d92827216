import type { Editor, Scope } from "../schemas/editor";
import type { Database } from "./sql";

export interface NewSession {
  idHash: string;
  tokenId: number;
  csrf: string;
  createdAt: string;
  expiresAt: string;
}

export async function insertSession(db: Database, session: NewSession): Promise<void> {
  await db
    .prepare(
      "INSERT INTO sessions (id_hash, token_id, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(session.idHash, session.tokenId, session.csrf, session.createdAt, session.expiresAt)
    .run();
}

/** The editor of a live session: not expired, its token not revoked. */
export async function findSession(
  db: Database,
  idHash: string,
  now: string,
): Promise<{ editor: Editor; csrf: string } | undefined> {
  const row = await db
    .prepare(
      `SELECT t.id, t.name, t.scopes, s.csrf FROM sessions s JOIN tokens t ON t.id = s.token_id
        WHERE s.id_hash = ?1 AND s.expires_at > ?2 AND t.revoked_at IS NULL`,
    )
    .bind(idHash, now)
    .first<{ id: number; name: string; scopes: string; csrf: string }>();
  if (!row) return undefined;
  return {
    editor: { id: row.id, name: row.name, scopes: JSON.parse(row.scopes) as Scope[] },
    csrf: row.csrf,
  };
}

export async function deleteSession(db: Database, idHash: string): Promise<void> {
  await db.prepare("DELETE FROM sessions WHERE id_hash = ?1").bind(idHash).run();
}

export async function forgetExpiredSessions(db: Database, now: string): Promise<void> {
  await db.prepare("DELETE FROM sessions WHERE expires_at <= ?1").bind(now).run();
}
