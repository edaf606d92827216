import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { listSitemap } from "../data/publications";
import { cachedRead } from "../http/cached-read";

/** A sitemap holds at most 50,000 addresses. */
const SITEMAP_LIMIT = 50_000;

const escapeXml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

function urlEntry(loc: string, lastmod?: string): string {
  return `<url><loc>${escapeXml(loc)}</loc>${lastmod ? `<lastmod>${escapeXml(lastmod)}</lastmod>` : ""}</url>`;
}

/** What search engines read: the sitemap and robots.txt. */
export const crawlers = new Hono<{ Bindings: Env }>()
  .get("/sitemap.xml", describeRoute({ summary: "Sitemap", tags: ["Feeds"] }), (c) =>
    cachedRead(c, async () => {
      const origin = new URL(c.req.url).origin;
      const entries = await listSitemap(c.env.DB, new Date().toISOString(), SITEMAP_LIMIT);
      const urls = [
        urlEntry(`${origin}/`),
        urlEntry(`${origin}/publications`),
        ...entries.map((entry) => urlEntry(`${origin}/publications/${entry.slug}`, entry.updated_at)),
      ];
      return {
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join("")}</urlset>\n`,
        contentType: "application/xml; charset=utf-8",
      };
    }),
  )
  .get("/robots.txt", describeRoute({ summary: "robots.txt", tags: ["Feeds"] }), (c) =>
    cachedRead(c, async () => ({
      body: `User-agent: *\nAllow: /\nDisallow: /api/v1/\nSitemap: ${new URL(c.req.url).origin}/sitemap.xml\n`,
      contentType: "text/plain; charset=utf-8",
    })),
  );
