import * as v from "valibot";

/** The ETag a write is made on: `"v3"` (a weak `W/"v3"` is taken as the same). */
export const IfMatch = v.pipe(
  v.string(),
  v.regex(/^(?:W\/)?"v[0-9]{1,15}"$/, 'must be an ETag this API gave, such as "v3"'),
  v.description('The `ETag` last read, such as `"v3"`: the edit is made only on that version'),
);

export const IdempotencyKey = v.pipe(
  v.string(),
  v.regex(/^[\x21-\x7e]{1,255}$/, "must be 1 to 255 visible ASCII characters"),
  v.description(
    "Any unique key: a retry with the same key and body is made once, and gets the first answer again",
  ),
);

/** The headers a write reads, checked before anything else about it. */
export const WriteHeaders = v.object({
  "If-Match": v.optional(IfMatch),
  "Idempotency-Key": v.optional(IdempotencyKey),
});
