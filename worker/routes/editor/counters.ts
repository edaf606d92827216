import { Hono } from "hono";
import { describeRoute, resolver } from "hono-openapi";
import { deleteCounter, insertCounter, isCounterTaken, updateCounter } from "../../data/editor-writes";
import type { EditorEnv } from "../../http/editor-auth";
import { problem } from "../../http/problem";
import { parseBody, valid } from "../../http/validate";
import { CounterInput, CounterPatch } from "../../schemas/counter";
import { SlugParam } from "../../schemas/publication";
import { actorOf, editorDoc, readJson } from "./shared";

/** Editors' writes to day counters; all need the `counters` scope. */
export const editorCounters = new Hono<EditorEnv>()
  .post(
    "/",
    describeRoute({
      summary: "Create a day counter",
      ...editorDoc,
      requestBody: { content: { "application/json": { schema: resolver(CounterInput) } } },
      responses: { 201: { description: "Created" } },
    }),
    async (c) => {
      const counter = parseBody(CounterInput, await readJson(c));
      try {
        await insertCounter(c.env.DB, counter, actorOf(c));
      } catch (error) {
        if (isCounterTaken(error)) throw problem(409, `A counter already has the slug "${counter.slug}".`);
        throw error;
      }
      c.header("Location", new URL(`/api/v1/counters/${counter.slug}`, c.req.url).href);
      return c.json(counter, 201);
    },
  )
  .patch(
    "/:slug",
    describeRoute({
      summary: "Change a day counter",
      ...editorDoc,
      requestBody: { content: { "application/json": { schema: resolver(CounterPatch) } } },
      responses: { 204: { description: "Saved" } },
    }),
    valid("param", SlugParam),
    async (c) => {
      const { slug } = c.req.valid("param");
      const patch = parseBody(CounterPatch, await readJson(c));
      if (!(await updateCounter(c.env.DB, slug, patch, actorOf(c)))) {
        throw problem(404, `No counter has the slug "${slug}".`);
      }
      return c.body(null, 204);
    },
  )
  .delete(
    "/:slug",
    describeRoute({
      summary: "Delete a day counter",
      ...editorDoc,
      responses: { 204: { description: "Deleted" } },
    }),
    valid("param", SlugParam),
    async (c) => {
      const { slug } = c.req.valid("param");
      if (!(await deleteCounter(c.env.DB, slug, actorOf(c))))
        throw problem(404, `No counter has the slug "${slug}".`);
      return c.body(null, 204);
    },
  );
