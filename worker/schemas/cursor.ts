import * as v from "valibot";
import { fromBase64Url, toBase64Url } from "../http/digest";
import { Instant } from "./common";

/**
 * A keyset position: the page continues after (older) or before (newer)
 * the publication with this `published_at` and `id`.
 */
const Position = v.object({
  direction: v.picklist(["after", "before"]),
  published_at: Instant,
  id: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export type Position = v.InferOutput<typeof Position>;

const MALFORMED = "is not a cursor this API issued; take next_cursor or the Link header as given";

/** Cursors are opaque to clients: base64url JSON, checked whole on the way in. */
export function encodeCursor(position: Position): string {
  const json = JSON.stringify([position.direction, position.published_at, position.id]);
  return toBase64Url(new TextEncoder().encode(json));
}

function decodeCursor(cursor: string): unknown {
  const [direction, published_at, id] = JSON.parse(new TextDecoder().decode(fromBase64Url(cursor)));
  return { direction, published_at, id };
}

export const Cursor = v.pipe(
  v.string(),
  v.description("Opaque; take it from `next_cursor` or the `Link` header"),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    try {
      const position = v.safeParse(Position, decodeCursor(dataset.value));
      if (position.success) return position.output;
    } catch {
      // Falls through: undecodable text is reported like a forged position.
    }
    addIssue({ message: MALFORMED });
    return NEVER;
  }),
);
