import type { Context } from "hono";
import type { Database } from "../data/sql";
import { digest, toHex } from "./digest";
import type { EditorEnv } from "./editor-auth";
import { problem } from "./problem";

interface KeyRow {
  fingerprint: string;
  status: number | null;
  location: string | null;
  body: string | null;
}

/**
 * Runs `create` once per Idempotency-Key: a retry with the same key and the
 * same body replays the first answer; the same key with another body is
 * refused. Without a key, `create` simply runs.
 */
export async function idempotent(
  c: Context<EditorEnv>,
  body: string,
  create: () => Promise<Response>,
): Promise<Response> {
  const key = c.req.header("Idempotency-Key");
  if (!key) return create();
  if (!/^[\x21-\x7e]{1,255}$/.test(key))
    throw problem(400, "Idempotency-Key must be 1 to 255 visible ASCII characters.");
  const db = c.env.DB;
  const tokenId = c.var.editor.id;
  const fingerprint = toHex(await digest("SHA-256", body));
  const now = Date.now();
  // A key still in progress past ABANDONED_AFTER_MS belongs to a request that
  // was killed: the same request may claim it again rather than wait a day.
  const claimed = await db
    .prepare(
      `INSERT INTO idempotency_keys (token_id, key, fingerprint, created_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (token_id, key) DO UPDATE SET created_at = excluded.created_at
       WHERE status IS NULL AND fingerprint = excluded.fingerprint AND created_at < ?5`,
    )
    .bind(
      tokenId,
      key,
      fingerprint,
      new Date(now).toISOString(),
      new Date(now - ABANDONED_AFTER_MS).toISOString(),
    )
    .run();
  if (claimed.meta.changes === 0) {
    const row = await db
      .prepare(
        "SELECT fingerprint, status, location, body FROM idempotency_keys WHERE token_id = ?1 AND key = ?2",
      )
      .bind(tokenId, key)
      .first<KeyRow>();
    if (row?.fingerprint !== fingerprint) {
      throw problem(422, "This Idempotency-Key was used with a different request body.");
    }
    if (row.status === null) {
      throw problem(
        409,
        "A request with this Idempotency-Key is still in progress; retry in a few seconds.",
        {},
        { "Retry-After": String(IN_PROGRESS_RETRY_S) },
      );
    }
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "Idempotent-Replayed": "true",
    };
    if (row.location) headers.Location = row.location;
    return new Response(row.body, { status: row.status, headers });
  }
  const forget = () =>
    db.prepare("DELETE FROM idempotency_keys WHERE token_id = ?1 AND key = ?2").bind(tokenId, key).run();
  try {
    const response = await create();
    await db
      .prepare(
        "UPDATE idempotency_keys SET status = ?3, location = ?4, body = ?5 WHERE token_id = ?1 AND key = ?2",
      )
      .bind(tokenId, key, response.status, response.headers.get("Location"), await response.clone().text())
      .run();
    return response;
  } catch (error) {
    // A failed attempt leaves nothing behind: the client may retry with the same key.
    await forget();
    throw error;
  }
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
