import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import type { AppEnv } from "../bindings";
import { readSite } from "../data/site";
import { problem } from "../http/problem";

// Long enough to spare browsers a request on every page, short enough that a new emblem shows the same day.
const ICON_CACHE = "public, max-age=3600";

/**
 * Where browsers look for an icon unasked: the emblem, when the site has one.
 * A redirect, so the image keeps the one address its pages name.
 */
export const favicon = new Hono<AppEnv>().get(
  "/favicon.ico",
  describeRoute({
    summary: "The site's icon",
    description: "Redirects to the site's emblem, which browsers show as the page's icon.",
    tags: ["Site"],
    security: [],
    responses: {
      302: {
        description: "The emblem is at `Location`",
        headers: { Location: { $ref: "#/components/headers/Location" } },
      },
      404: {
        description: "The site has no emblem",
        content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
      },
    },
  }),
  async (c) => {
    const { emblem } = await readSite(c.env.DB);
    if (!emblem) throw problem(404, "The site has no emblem, so no icon.");
    c.header("Cache-Control", ICON_CACHE);
    return c.redirect(emblem, 302);
  },
);
