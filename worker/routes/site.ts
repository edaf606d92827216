import { Hono } from "hono";
import { describeRoute, resolver } from "hono-openapi";
import type { AppEnv } from "../bindings";
import { readSite } from "../data/site";
import { cachedRead } from "../http/cached-read";
import { Site } from "../schemas/site";

export const site = new Hono<AppEnv>().get(
  "/",
  describeRoute({
    summary: "Site settings",
    description: "The site's name, time zone, locale, date format, clocks and contacts.",
    tags: ["Site"],
    responses: {
      200: { description: "The site", content: { "application/json": { schema: resolver(Site) } } },
    },
  }),
  (c) => cachedRead(c, async () => ({ body: await readSite(c.env.DB) })),
);
