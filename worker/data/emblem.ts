import type { AnswerSql } from "../writes/commit";
import type { Actor } from "./publication-writes";
import { stamp } from "./publication-writes";
import type { Database } from "./sql";

/**
 * The site's emblem: a column of the site row, set apart from the other
 * settings. It takes no part in the settings' version, so replacing the
 * image never makes an editor's open settings form stale; the row's audit
 * trigger logs it all the same, and its content-version trigger clears
 * every cached page.
 */

/** Shows the image stored under `key`, or none with null. */
export function updateEmblem(db: Database, key: string | null, actor: Actor): D1PreparedStatement {
  const { changed_by, request_id } = stamp(actor);
  return db
    .prepare("UPDATE site SET emblem = ?1, changed_by = ?2, request_id = ?3 WHERE id = 1")
    .bind(key, changed_by, request_id);
}

/** The emblem this request set, with `origin` naming where it is served. */
export const emblemAnswer = (actor: Actor, origin: string): AnswerSql => ({
  sql: `SELECT json_object('key', emblem, 'url', ?2 || '/media/' || emblem) AS body,
          NULL AS etag, NULL AS location
        FROM site WHERE id = 1 AND request_id = ?1 AND emblem IS NOT NULL`,
  params: [actor.requestId, origin],
});

/** The empty answer to taking the emblem down, found only if this request did. */
export const removedAnswer = (actor: Actor): AnswerSql => ({
  sql: "SELECT NULL AS body, NULL AS etag, NULL AS location FROM site WHERE id = 1 AND request_id = ?1",
  params: [actor.requestId],
});
