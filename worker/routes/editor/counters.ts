import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { limitBody } from "../../http/body-limit";
import type { EditorEnv } from "../../http/editor-auth";
import { editorWrite, json } from "../../http/operations";
import { parseBody, valid } from "../../http/validate";
import { CounterInput, CounterPatch, EditorCounter } from "../../schemas/counter";
import { SlugParam } from "../../schemas/publication";
import { createCounter, editCounter, removeCounter } from "../../writes/settings";
import { readJson, write } from "./shared";

// A counter at its longest (20 languages of six 500-character forms), each character
// escaped as `\uXXXX`, takes under 400 KB.
const COUNTER_BYTES = 400 * 1024;
const NO_SLUG = { 404: "No counter has this slug" };
const TOO_LARGE = "The body is larger than 400 KB";

/** Editors' writes to day counters; all need the `counters` scope. */
export const editorCounters = new Hono<EditorEnv>()
  .post(
    "/",
    describeRoute(
      editorWrite({
        summary: "Create a day counter",
        description:
          "`sentences` holds the sentence per site language, a form per plural category, with `{days}` " +
          "where the count goes; readers get one language's `forms`, and today's form filled in as `text`. " +
          "`Idempotency-Key` makes a retried POST create one counter.",
        status: 201,
        body: json(CounterInput),
        answer: { description: "Created", content: json(EditorCounter) },
        problems: {
          409: "Another counter has this slug, or a request with this `Idempotency-Key` is in progress",
          413: TOO_LARGE,
        },
      }),
    ),
    limitBody(COUNTER_BYTES),
    async (c) => {
      const { text, value } = await readJson(c);
      const counter = parseBody(CounterInput, value);
      return write(c, text, (writer) => createCounter(writer, counter));
    },
  )
  .patch(
    "/:slug",
    describeRoute(
      editorWrite({
        summary: "Change a day counter",
        description:
          "Any subset of `since`, `sentences` (which replaces every language's), `position`, `active`. " +
          "Requires If-Match with the counter's " +
          "version; a stale one answers 412 with the current version.",
        status: 200,
        body: json(CounterPatch),
        ifMatch: "required",
        answer: { description: "Saved", content: json(EditorCounter) },
        problems: { ...NO_SLUG, 413: TOO_LARGE },
      }),
    ),
    valid("param", SlugParam),
    limitBody(COUNTER_BYTES),
    async (c) => {
      const { text, value } = await readJson(c);
      const patch = parseBody(CounterPatch, value);
      return write(c, text, (writer) => editCounter(writer, c.req.valid("param").slug, patch));
    },
  )
  .delete(
    "/:slug",
    describeRoute(
      editorWrite({
        summary: "Delete a day counter",
        description: "If-Match is optional here; a stale one answers 412.",
        status: 204,
        ifMatch: "optional",
        answer: { description: "Deleted" },
        problems: NO_SLUG,
      }),
    ),
    valid("param", SlugParam),
    (c) => write(c, "", (writer) => removeCounter(writer, c.req.valid("param").slug)),
  );
