import * as v from "valibot";

/** RFC 9457 problem details, as every error answer carries them. */
export const Problem = v.object({
  type: v.string(),
  title: v.string(),
  status: v.number(),
  detail: v.optional(v.string()),
  instance: v.optional(v.string()),
  "invalid-params": v.optional(v.array(v.object({ name: v.string(), reason: v.string() }))),
});
export type Problem = v.InferOutput<typeof Problem>;
export type InvalidParam = NonNullable<Problem["invalid-params"]>[number];
