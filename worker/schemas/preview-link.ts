import * as v from "valibot";
import { Instant } from "./common";
import { IdParam } from "./publication-input";

/** How long a preview link lives unless the editor says otherwise, and at most. */
export const PREVIEW_HOURS = { default: 48, max: 720 } as const;

export const PreviewLinkInput = v.strictObject(
  {
    expires_in_hours: v.optional(
      v.pipe(
        v.number("must be a number of hours"),
        v.integer("must be a whole number of hours"),
        v.minValue(1, "must be at least 1"),
        v.maxValue(PREVIEW_HOURS.max, `must be at most ${PREVIEW_HOURS.max}`),
        v.description(
          `Hours the link works, from 1 to ${PREVIEW_HOURS.max}; ${PREVIEW_HOURS.default} if left out`,
        ),
      ),
      PREVIEW_HOURS.default,
    ),
  },
  "is not a field of a preview link",
);
export type PreviewLinkInput = v.InferOutput<typeof PreviewLinkInput>;

export const PreviewLink = v.object({
  id: v.pipe(v.string(), v.description("Names the link for revoking it")),
  url: v.pipe(
    v.string(),
    v.url(),
    v.description("The page anyone holding it may open until it expires or is revoked"),
  ),
  expires_at: Instant,
  created_by: v.pipe(v.nullable(v.string()), v.description("The name of the token that made it")),
  created_at: Instant,
});
export type PreviewLink = v.InferOutput<typeof PreviewLink>;

export const PreviewLinkList = v.object({
  preview_links: v.pipe(v.array(PreviewLink), v.description("The live links, newest first")),
});

/** A link's id: 16 random bytes, base64url. */
export const PREVIEW_ID = /^[A-Za-z0-9_-]{22}$/;

export const PreviewLinkParam = v.object({
  ...IdParam.entries,
  previewId: v.pipe(v.string(), v.regex(PREVIEW_ID, "must be a preview link's id")),
});
