import * as v from "valibot";
import { Slug } from "./common";
import { InvalidParam, Problem } from "./problem";

/** What an import made: each line's new publication. */
export const ImportReport = v.object({
  imported: v.number(),
  lines: v.array(v.object({ line: v.number(), status: v.literal("created"), id: v.number(), slug: Slug })),
});

/** An import refused whole: what is wrong with each line, and which lines were fine. */
export const ImportRefusal = v.object({
  ...Problem.entries,
  lines: v.array(
    v.object({
      line: v.number(),
      status: v.picklist(["valid", "invalid"]),
      slug: v.optional(v.string()),
      errors: v.optional(v.array(InvalidParam)),
    }),
  ),
});
