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

const CURSOR_TEXT = "^[A-Za-z0-9_-]+$";

export const Cursor = v.pipe(
  v.string(),
  // What a cursor holds, for the API reference: programs that make requests from it can make a real one.
  v.metadata({
    jsonSchema: {
      type: "string",
      pattern: CURSOR_TEXT,
      contentEncoding: "base64url",
      contentMediaType: "application/json",
      contentSchema: {
        type: "array",
        prefixItems: [
          { enum: ["after", "before"] },
          { type: "string", format: "date-time" },
          { type: "integer", minimum: 1 },
        ],
        minItems: 3,
        maxItems: 3,
      },
      description: "Opaque; take it from `next_cursor` or the `Link` header",
    },
  }),
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
