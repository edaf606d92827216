import { Hono } from "hono";
import { describeRoute, resolver } from "hono-openapi";
import { limitBody } from "../../http/body-limit";
import type { EditorEnv } from "../../http/editor-auth";
import { parseBody, valid } from "../../http/validate";
import { CounterInput, CounterPatch, EditorCounter } from "../../schemas/counter";
import { SlugParam } from "../../schemas/publication";
import { createCounter, editCounter, removeCounter } from "../../writes/settings";
import { editorDoc, readJson, write } from "./shared";

// A counter at its longest, each character escaped as `\uXXXX`, takes under 4 KB.
const COUNTER_BYTES = 16 * 1024;
const tooLarge = { 413: { description: "The body is larger than 16 KB" } };

const counterJson = { content: { "application/json": { schema: resolver(EditorCounter) } } };

/** Editors' writes to day counters; all need the `counters` scope. */
export const editorCounters = new Hono<EditorEnv>()
  .post(
    "/",
    describeRoute({
      summary: "Create a day counter",
      description:
        "`template` is the sentence with `{days}` where the count goes; reads give it back as `template`, " +
        "and filled in as `text`. `Idempotency-Key` makes a retried POST create one counter.",
      ...editorDoc,
      requestBody: { content: { "application/json": { schema: resolver(CounterInput) } } },
      responses: { 201: { description: "Created", ...counterJson }, ...tooLarge },
    }),
    limitBody(COUNTER_BYTES),
    async (c) => {
      const { text, value } = await readJson(c);
      const counter = parseBody(CounterInput, value);
      return write(c, text, (writer) => createCounter(writer, counter));
    },
  )
  .patch(
    "/:slug",
    describeRoute({
      summary: "Change a day counter",
      description:
        "Any subset of `since`, `template`, `position`, `active`. Requires If-Match with the counter's " +
        "version; a stale one answers 412 with the current version.",
      ...editorDoc,
      requestBody: { content: { "application/json": { schema: resolver(CounterPatch) } } },
      responses: { 200: { description: "Saved", ...counterJson }, ...tooLarge },
    }),
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
    describeRoute({
      summary: "Delete a day counter",
      description: "If-Match is optional here; a stale one answers 412.",
      ...editorDoc,
      responses: { 204: { description: "Deleted" } },
    }),
    valid("param", SlugParam),
    (c) => write(c, "", (writer) => removeCounter(writer, c.req.valid("param").slug)),
  );
