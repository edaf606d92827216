import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import { readAuditLog } from "../../data/editor-writes";
import type { EditorEnv } from "../../http/editor-auth";
import { editorRead, json } from "../../http/operations";
import { valid } from "../../http/validate";
import { wholeNumber } from "../../schemas/common";
import { AuditPage } from "../../schemas/history";

const AuditQuery = v.strictObject(
  {
    limit: v.optional(wholeNumber(1, 200), "50"),
    before: v.optional(wholeNumber(1, Number.MAX_SAFE_INTEGER)),
    subject: v.optional(v.pipe(v.string(), v.maxLength(200, "must be at most 200 characters"))),
  },
  "is not a parameter of this endpoint",
);

/** Every write, newest first: who, what, when, in which request, and the change itself. */
export const audit = new Hono<EditorEnv>().get(
  "/",
  describeRoute(
    editorRead({
      summary: "Read the audit log",
      description:
        "Needs the `admin` scope. Page with `before` (the last id seen); filter with `subject`. " +
        "A publication's entry names the fields that changed and keeps the others' values before and after; " +
        "its bodies are in the revisions it names.",
      answer: { description: "Entries, newest first", content: json(AuditPage) },
    }),
  ),
  valid("query", AuditQuery),
  async (c) => {
    const query = c.req.valid("query");
    const entries = await readAuditLog(c.env.DB, query);
    c.header("Cache-Control", "private, no-store");
    return c.json({ entries, next_before: entries.length === query.limit ? entries.at(-1)?.id : null });
  },
);
