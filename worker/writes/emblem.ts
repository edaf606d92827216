import { emblemAnswer, removedAnswer, updateEmblem } from "../data/emblem";
import type { Saved } from "../http/idempotency";
import { commit, type Writer } from "./commit";

/**
 * Every write to the site's emblem, through the one write path: stamped,
 * audited and idempotent like the other settings, but without a version:
 * the image is replaced whole, so there is nothing to merge.
 */

/** Shows the uploaded image under `key` (checked to exist by the caller) as the site's emblem. */
export async function setEmblem(writer: Writer, key: string, origin: string): Promise<Saved> {
  const saved = await commit(writer, {
    statements: [updateEmblem(writer.db, key, writer.actor)],
    answer: emblemAnswer(writer.actor, origin),
    status: 200,
  });
  if (!saved) throw new Error("a committed emblem was not found");
  return saved;
}

/** Leaves the site without an emblem; doing so twice is no error. */
export async function removeEmblem(writer: Writer): Promise<Saved> {
  const saved = await commit(writer, {
    statements: [updateEmblem(writer.db, null, writer.actor)],
    answer: removedAnswer(writer.actor),
    status: 204,
  });
  if (!saved) throw new Error("a committed removal of the emblem was not found");
  return saved;
}
