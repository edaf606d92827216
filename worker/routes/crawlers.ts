import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import type { AppEnv } from "../bindings";
import { element, xmlDocument } from "../content/xml";
import { listSitemap } from "../data/publications";
import { cachedRead } from "../http/cached-read";
import { publicRead, text } from "../http/operations";
import { valid } from "../http/validate";
import { publicationUrl } from "./publications";

/** A sitemap holds at most 50,000 addresses. */
const SITEMAP_LIMIT = 50_000;

// Neither file takes a parameter: an undeclared one would only mint another cache entry.
const NoQuery = v.strictObject({}, "is not a parameter of this file");

const urlEntry = (loc: string, lastmod?: string) =>
  element("url", {}, element("loc", {}, loc), lastmod ? element("lastmod", {}, lastmod) : undefined);

const file = (summary: string, type: string) =>
  describeRoute(
    publicRead({
      summary,
      description: "For search engines.",
      tags: ["Feeds"],
      answer: { description: summary, content: text(type) },
    }),
  );

/** What search engines read: the sitemap and robots.txt. */
export const crawlers = new Hono<AppEnv>()
  .get("/sitemap.xml", file("Sitemap", "application/xml"), valid("query", NoQuery), (c) =>
    cachedRead(c, async () => {
      const origin = new URL(c.req.url).origin;
      const sitemap = await listSitemap(c.env.DB, new Date().toISOString(), SITEMAP_LIMIT);
      const urlset = element(
        "urlset",
        { xmlns: "http://www.sitemaps.org/schemas/sitemap/0.9" },
        urlEntry(`${origin}/`),
        urlEntry(`${origin}/publications`),
        ...sitemap.entries.map((entry) => urlEntry(publicationUrl(origin, entry.slug), entry.updated_at)),
      );
      return {
        body: xmlDocument(urlset),
        contentType: "application/xml; charset=utf-8",
        // A scheduled publication joins the sitemap at its instant, with no write to clear the cache.
        freshUntil: sitemap.nextDueAt ? Date.parse(sitemap.nextDueAt) : undefined,
      };
    }),
  )
  .get("/robots.txt", file("robots.txt", "text/plain"), valid("query", NoQuery), (c) =>
    cachedRead(c, async () => ({
      body: `User-agent: *\nAllow: /\nDisallow: /api/v1/\nSitemap: ${new URL(c.req.url).origin}/sitemap.xml\n`,
      contentType: "text/plain; charset=utf-8",
    })),
  );
