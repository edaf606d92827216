import type { PreviewLink } from "../schemas/preview-link";
import type { Actor } from "./publication-writes";
import { type PublicationRecord, SUMMARY_COLUMNS, type SummaryRow, toRecord } from "./publications";
import type { Database } from "./sql";
import { scheduledAfter } from "./status";

/**
 * Preview links as rows: what verifying and revoking a link need, never the
 * link itself (see http/preview-token.ts). The audit triggers of migration
 * 0011 log each one made and revoked under its publication.
 */

// Not public yet at ?now: a draft, or meant for the public at a later instant.
const NOT_YET_PUBLIC = (p: string, now: string) => `(${p}.status = 'draft' OR ${scheduledAfter(p, now)})`;

/** A new link, made only while its publication is not yet public. */
export function insertPreviewLink(
  db: Database,
  link: { id: string; publicationId: number; expiresAt: string },
  actor: Actor,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO preview_links (id, publication_id, expires_at, created_by, created_at, request_id)
       SELECT ?1, p.id, ?3, ?4, ?5, ?6 FROM publications p WHERE p.id = ?2 AND ${NOT_YET_PUBLIC("p", "?5")}`,
    )
    .bind(link.id, link.publicationId, link.expiresAt, actor.name, actor.at, actor.requestId);
}

/** The answer to making link `id`, found only if this request made it; `url` is its signed page. */
export function previewLinkAnswer(id: string, url: string, actor: Actor) {
  return {
    sql: `SELECT json_object('id', id, 'url', ?3, 'expires_at', expires_at, 'created_by', created_by,
            'created_at', created_at) AS body, NULL AS etag,
            '/api/v1/publications/by-id/' || publication_id || '/previews' AS location
          FROM preview_links WHERE id = ?1 AND request_id = ?2`,
    params: [id, actor.requestId, url],
  };
}

/** Ends a link of this publication at once; a link already revoked is left as it was. */
export function markRevoked(
  db: Database,
  link: { id: string; publicationId: number },
  actor: Actor,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE preview_links SET revoked_at = ?3, revoked_by = ?4, request_id = ?5
       WHERE id = ?1 AND publication_id = ?2 AND revoked_at IS NULL`,
    )
    .bind(link.id, link.publicationId, actor.at, actor.name, actor.requestId);
}

/** A publication's links that still open its preview at `now`, newest first, without their URLs. */
export async function livePreviewLinks(
  db: Database,
  publicationId: number,
  now: string,
): Promise<Omit<PreviewLink, "url">[]> {
  const { results } = await db
    .prepare(
      `SELECT id, expires_at, created_by, created_at FROM preview_links
       WHERE publication_id = ?1 AND revoked_at IS NULL AND expires_at > ?2
       ORDER BY created_at DESC, id`,
    )
    .bind(publicationId, now)
    .all<Omit<PreviewLink, "url">>();
  return results;
}

/**
 * The publication a verified link shows: only while the link stands (not
 * revoked, the expiry it was signed with) and the publication is not yet
 * public; once published, it is read at its own address.
 */
export async function findPreviewed(
  db: Database,
  link: { id: string; expiresAt: string },
  now: string,
): Promise<(PublicationRecord & { body_html: string }) | undefined> {
  const row = await db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS}, p.body FROM preview_links l JOIN publications p ON p.id = l.publication_id
       WHERE l.id = ?1 AND l.expires_at = ?2 AND l.revoked_at IS NULL AND ${NOT_YET_PUBLIC("p", "?3")}`,
    )
    .bind(link.id, link.expiresAt, now)
    .first<SummaryRow & { body: string }>();
  return row ? { ...toRecord(row), body_html: row.body } : undefined;
}
