import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import type { AppEnv } from "../bindings";
import { element, xmlDocument } from "../content/xml";
import { listSitemap } from "../data/publications";
import { readSite } from "../data/site";
import { cachedRead } from "../http/cached-read";
import { publicRead, text } from "../http/operations";
import { valid } from "../http/validate";
import { MAX_LANGUAGES } from "../schemas/site";
import { publicationUrl } from "./publications";

/** A sitemap holds at most 50,000 addresses: the home and archive in each language, then publications. */
const SITEMAP_LIMIT = 50_000;

// Neither file takes a parameter: an undeclared one would only mint another cache entry.
const NoQuery = v.strictObject({}, "is not a parameter of this file");

/** A language version of an address, as Google's hreflang extension of sitemaps names it. */
interface Alternate {
  lang: string;
  href: string;
}

// Each address lists every version of itself, itself included.
const urlEntry = (loc: string, alternates: Alternate[] = [], lastmod?: string) =>
  element(
    "url",
    {},
    element("loc", {}, loc),
    lastmod ? element("lastmod", {}, lastmod) : undefined,
    ...alternates.map(({ lang, href }) => element("xhtml:link", { rel: "alternate", hreflang: lang, href })),
  );

/** A page that lives in each of the site's languages: one entry per language, each naming all. */
function inEveryLanguage(origin: string, languages: readonly string[], path: string) {
  const alternates = [
    ...languages.map((lang) => ({ lang, href: `${origin}/${lang.toLowerCase()}${path}` })),
    // The bare address sends each reader to their own language.
    { lang: "x-default", href: `${origin}${path}` },
  ];
  return alternates.slice(0, -1).map(({ href }) => urlEntry(href, alternates));
}

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
      const now = new Date().toISOString();
      const [site, sitemap] = await Promise.all([
        readSite(c.env.DB),
        listSitemap(c.env.DB, now, SITEMAP_LIMIT - 2 * MAX_LANGUAGES),
      ]);
      const urlset = element(
        "urlset",
        {
          xmlns: "http://www.sitemaps.org/schemas/sitemap/0.9",
          "xmlns:xhtml": "http://www.w3.org/1999/xhtml",
        },
        ...inEveryLanguage(origin, site.languages, "/"),
        ...inEveryLanguage(origin, site.languages, "/publications"),
        ...sitemap.entries.map((entry) =>
          urlEntry(
            publicationUrl(origin, entry.slug),
            // A text in one language has no alternates to name.
            entry.versions.length > 1
              ? entry.versions.map((version) => ({
                  lang: version.lang,
                  href: publicationUrl(origin, version.slug),
                }))
              : [],
            entry.updated_at,
          ),
        ),
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
