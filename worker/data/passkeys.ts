import type { Passkey } from "../schemas/passkey";
import { type Spending, spentBy } from "./invitations";
import type { Database } from "./sql";

/** A passkey as the server checks a signature with it. */
export interface StoredPasskey {
  id: string;
  personId: number;
  /** The COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
}

export interface NewPasskey extends StoredPasskey {
  name: string;
  createdAt: string;
}

/** Stores a passkey; one registered on an invitation only if this join spent it (`spending`). */
export function insertPasskey(db: Database, passkey: NewPasskey, spending?: Spending): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO passkeys (id, person_id, public_key, counter, transports, name, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE ?8 IS NULL OR ${spentBy("?8", "?9")}`,
    )
    .bind(
      passkey.id,
      passkey.personId,
      passkey.publicKey,
      passkey.counter,
      JSON.stringify(passkey.transports),
      passkey.name,
      passkey.createdAt,
      spending?.invitation ?? null,
      spending?.session ?? null,
    );
}

/** The passkey with credential id `id`, if its person may sign in (not disabled). */
export async function findPasskey(db: Database, id: string): Promise<StoredPasskey | undefined> {
  const row = await db
    .prepare(
      `SELECT k.id, k.person_id, k.public_key, k.counter, k.transports FROM passkeys k
         JOIN people p ON p.id = k.person_id WHERE k.id = ?1 AND p.disabled_at IS NULL`,
    )
    .bind(id)
    .first<{ id: string; person_id: number; public_key: string; counter: number; transports: string }>();
  if (!row) return undefined;
  return {
    id: row.id,
    personId: row.person_id,
    publicKey: row.public_key,
    counter: row.counter,
    transports: JSON.parse(row.transports),
  };
}

/** Records a sign-in with a passkey: its signature counter, and when. */
export function usePasskey(db: Database, id: string, counter: number, at: string): D1PreparedStatement {
  return db
    .prepare("UPDATE passkeys SET counter = ?2, last_used_at = ?3 WHERE id = ?1")
    .bind(id, counter, at);
}

/** A person's passkeys, oldest first. */
export async function passkeysOf(db: Database, personId: number): Promise<Passkey[]> {
  const { results } = await db
    .prepare(
      "SELECT id, name, created_at, last_used_at FROM passkeys WHERE person_id = ?1 ORDER BY created_at, id",
    )
    .bind(personId)
    .all<Passkey>();
  return results;
}

/** The credentials a person already holds, so an authenticator does not register one twice. */
export async function credentialsOf(
  db: Database,
  personId: number,
): Promise<{ id: string; transports: string[] }[]> {
  const { results } = await db
    .prepare("SELECT id, transports FROM passkeys WHERE person_id = ?1")
    .bind(personId)
    .all<{ id: string; transports: string }>();
  return results.map((row) => ({ id: row.id, transports: JSON.parse(row.transports) }));
}

/**
 * Removes a person's passkey unless it is their last: in one statement, so
 * two removals at once cannot leave them with none. "last" when it was
 * kept for that, "missing" when they hold no such passkey.
 */
export async function removePasskey(
  db: Database,
  personId: number,
  id: string,
): Promise<"removed" | "last" | "missing"> {
  const [removed, held] = await db.batch<{ id: string }>([
    db
      .prepare(
        `DELETE FROM passkeys WHERE id = ?1 AND person_id = ?2
           AND (SELECT count(*) FROM passkeys WHERE person_id = ?2) > 1 RETURNING id`,
      )
      .bind(id, personId),
    db.prepare("SELECT id FROM passkeys WHERE id = ?1 AND person_id = ?2").bind(id, personId),
  ]);
  if (removed.results.length > 0) return "removed";
  return held.results.length > 0 ? "last" : "missing";
}
