import type { Database } from "../data/sql";
import { digest, toHex } from "./digest";
import { problem } from "./problem";

/** A write's answer as sent, and as an Idempotency-Key keeps it. */
export interface Saved {
  status: number;
  body: string | null;
  etag: string | null;
  /** A path on this API; the route makes it absolute. */
  location: string | null;
  replayed?: boolean;
}

/** The Idempotency-Key a write holds while it runs. */
export interface Claim {
  personId: number;
  key: string;
}

/** What a key is bound to: the operation, the version it starts from and the body. */
export async function fingerprint(method: string, path: string, ifMatch: string, body: string) {
  return toHex(await digest("SHA-256", `${method} ${path} ${ifMatch}\n${body}`));
}

/**
 * The statement that keeps a write's answer under its key; it goes in the
 * write's own batch, after the write, so the key is done exactly when the
 * write committed. `answer` selects body, etag and location, and finds a
 * row only when the write took place.
 */
export function recordAnswer(
  db: Database,
  claim: Claim,
  status: number,
  answer: { sql: string; params: unknown[] },
): D1PreparedStatement {
  const n = answer.params.length;
  return db
    .prepare(
      `UPDATE idempotency_keys SET status = ?${n + 1}, (body, etag, location) = (${answer.sql})
       WHERE person_id = ?${n + 2} AND key = ?${n + 3} AND EXISTS (${answer.sql})`,
    )
    .bind(...answer.params, status, claim.personId, claim.key);
}

/**
 * Runs `write` once per Idempotency-Key: a retry with the same key and the
 * same request replays the first answer; the same key with another request
 * is refused. Without a key, `write` simply runs. `write` records its answer
 * in its own batch (see `recordAnswer`); a write that fails leaves no key.
 */
export async function idempotent(
  db: Database,
  request: { personId: number; key: string | undefined; fingerprint: string },
  write: (claim?: Claim) => Promise<Saved>,
): Promise<Saved> {
  const { personId, key } = request;
  if (key === undefined) return write();
  const now = Date.now();
  // A key still in progress past ABANDONED_AFTER_MS belongs to a request that
  // was killed before its write committed: the same request may claim it again.
  const claimed = await db
    .prepare(
      `INSERT INTO idempotency_keys (person_id, key, fingerprint, created_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (person_id, key) DO UPDATE SET created_at = excluded.created_at
       WHERE status IS NULL AND fingerprint = excluded.fingerprint AND created_at < ?5`,
    )
    .bind(
      personId,
      key,
      request.fingerprint,
      new Date(now).toISOString(),
      new Date(now - ABANDONED_AFTER_MS).toISOString(),
    )
    .run();
  if (claimed.meta.changes === 0) return replay(db, request);
  try {
    return await write({ personId, key });
  } catch (error) {
    // The write did not commit, so neither did its answer: free the key for a retry.
    await db
      .prepare("DELETE FROM idempotency_keys WHERE person_id = ?1 AND key = ?2 AND status IS NULL")
      .bind(personId, key)
      .run();
    throw error;
  }
}

/** The first answer under a key already taken, or why there is none yet. */
async function replay(
  db: Database,
  request: { personId: number; key: string | undefined; fingerprint: string },
): Promise<Saved> {
  const row = await db
    .prepare(
      "SELECT fingerprint, status, body, etag, location FROM idempotency_keys WHERE person_id = ?1 AND key = ?2",
    )
    .bind(request.personId, request.key)
    .first<Omit<Saved, "status"> & { fingerprint: string; status: number | null }>();
  if (row?.fingerprint !== request.fingerprint) {
    throw problem(422, "This Idempotency-Key was used with a different request.");
  }
  const { fingerprint: _, status, ...answer } = row;
  if (status === null) {
    throw problem(
      409,
      "A request with this Idempotency-Key is still in progress; retry in a few seconds.",
      {},
      { "Retry-After": String(IN_PROGRESS_RETRY_S) },
    );
  }
  return { status, ...answer, replayed: true };
}

/** No request runs this long: a key still in progress after it was abandoned. */
export const ABANDONED_AFTER_MS = 2 * 60 * 1000;
const IN_PROGRESS_RETRY_S = 5;

/** How long a key replays its first answer; retries come within minutes, not days. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Forgets keys older than the window; the worker's hourly Cron Trigger calls this. */
export async function forgetOldKeys(db: Database, now: number): Promise<number> {
  const { meta } = await db
    .prepare("DELETE FROM idempotency_keys WHERE created_at < ?1")
    .bind(new Date(now - IDEMPOTENCY_WINDOW_MS).toISOString())
    .run();
  return meta.changes;
}
