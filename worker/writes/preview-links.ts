import { deletedAnswer } from "../data/editor-writes";
import { insertPreviewLink, markRevoked, previewLinkAnswer } from "../data/preview-links";
import { effectiveStatus } from "../data/status";
import type { Saved } from "../http/idempotency";
import { newPreviewId } from "../http/preview-token";
import { problem } from "../http/problem";
import type { PreviewLinkInput } from "../schemas/preview-link";
import { assertAllowed, assertMayHandle, currentPublication, personOf, pieceOf } from "./clearance";
import { commit, type Writer } from "./commit";

/**
 * Every write to preview links: made and revoked through the one write
 * path, so an Idempotency-Key replays the first answer and the audit log
 * names who did it. Whoever may edit the draft keeps its links.
 */

const HOUR_MS = 60 * 60 * 1000;

/** Why publication `id` takes no preview link: it is missing, or already public (or archived). */
async function refusal(writer: Writer, id: number): Promise<never> {
  const publication = await currentPublication(writer.db, id);
  const status = effectiveStatus(publication.status, publication.published_at, writer.actor.at);
  throw problem(
    409,
    `Publication ${id} is ${status}: only a draft or a scheduled publication has preview links.`,
  );
}

/**
 * A link to publication `id` for `expires_in_hours`; `sign` gives the page
 * of a link id and expiry. The expiry is whole seconds, as the link carries it.
 */
export async function createPreviewLink(
  writer: Writer,
  id: number,
  input: PreviewLinkInput,
  sign: (linkId: string, expiresAt: string) => Promise<string>,
): Promise<Saved> {
  const stored = await currentPublication(writer.db, id);
  await assertAllowed(writer, "preview", pieceOf(stored, writer.actor.at));
  const linkId = newPreviewId();
  const expiry = Math.floor((Date.parse(writer.actor.at) + input.expires_in_hours * HOUR_MS) / 1000);
  const expiresAt = new Date(expiry * 1000).toISOString();
  const saved = await commit(writer, {
    statements: [insertPreviewLink(writer.db, { id: linkId, publicationId: id, expiresAt }, writer.actor)],
    answer: previewLinkAnswer(linkId, await sign(linkId, expiresAt), writer.actor),
    status: 201,
  });
  return saved ?? refusal(writer, id);
}

/** Ends link `linkId` of publication `id` at once. */
export async function revokePreviewLink(writer: Writer, id: number, linkId: string): Promise<Saved> {
  assertMayHandle(personOf(writer.actor), await currentPublication(writer.db, id), writer.actor.at);
  const saved = await commit(writer, {
    statements: [markRevoked(writer.db, { id: linkId, publicationId: id }, writer.actor)],
    answer: deletedAnswer,
    status: 204,
  });
  if (!saved) throw problem(404, `Publication ${id} has no preview link ${linkId} that is not revoked.`);
  return saved;
}
