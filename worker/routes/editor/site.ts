import { Hono } from "hono";
import { describeRoute, resolver } from "hono-openapi";
import { updateSite } from "../../data/editor-writes";
import { readSite } from "../../data/site";
import type { EditorEnv } from "../../http/editor-auth";
import { parseBody } from "../../http/validate";
import { Site, SitePatch } from "../../schemas/site";
import { actorOf, editorDoc, readJson } from "./shared";

/** Editors' changes to the site's settings; they need the `site` scope. */
export const editorSite = new Hono<EditorEnv>().patch(
  "/",
  describeRoute({
    summary: "Change the site's settings",
    description: "Name, IANA time zone, locale, date format, clocks, contacts; any subset.",
    ...editorDoc,
    requestBody: { content: { "application/json": { schema: resolver(SitePatch) } } },
    responses: {
      200: { description: "The site as saved", content: { "application/json": { schema: resolver(Site) } } },
    },
  }),
  async (c) => {
    const patch = parseBody(SitePatch, await readJson(c));
    await updateSite(c.env.DB, patch, actorOf(c));
    c.header("Cache-Control", "private, no-store");
    return c.json(await readSite(c.env.DB));
  },
);
