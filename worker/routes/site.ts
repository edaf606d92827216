import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import type { AppEnv } from "../bindings";
import { readSite } from "../data/site";
import { cachedRead } from "../http/cached-read";
import { json, publicRead } from "../http/operations";
import { Site } from "../schemas/site";

export const site = new Hono<AppEnv>().get(
  "/",
  describeRoute(
    publicRead({
      summary: "Site settings",
      description: "The site's name, time zone, locale, date format, clocks and contacts.",
      tags: ["Site"],
      answer: { description: "The site", content: json(Site) },
    }),
  ),
  (c) => cachedRead(c, async () => ({ body: await readSite(c.env.DB) })),
);
