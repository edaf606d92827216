import * as v from "valibot";

/** A field a request got wrong, and why. */
export const InvalidParam = v.object({ name: v.string(), reason: v.string() });
export type InvalidParam = v.InferOutput<typeof InvalidParam>;

/** RFC 9457 problem details, as every error answer carries them. */
export const Problem = v.object({
  type: v.string(),
  title: v.string(),
  status: v.number(),
  detail: v.optional(v.string()),
  instance: v.optional(v.string()),
  "invalid-params": v.optional(v.array(InvalidParam)),
});
export type Problem = v.InferOutput<typeof Problem>;
