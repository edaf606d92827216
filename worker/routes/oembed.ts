import { type Context, Hono } from "hono";
import { html } from "hono/html";
import { HTTPException } from "hono/http-exception";
import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import type { AppEnv } from "../bindings";
import { publicationRead } from "../data/publications";
import { siteRead } from "../data/site";
import { runAll } from "../data/sql";
import { cachedRead } from "../http/cached-read";
import { json, publicRead, text } from "../http/operations";
import { framedPageHeaders } from "../http/page-headers";
import { problem } from "../http/problem";
import { valid } from "../http/validate";
import { defaultLanguage, lookupLanguage, siteIn } from "../languages";
import { Slug } from "../schemas/common";
import { EMBED_SIZE, OembedAnswer, OembedQuery } from "../schemas/oembed";
import { EmbedPublicationPage } from "../views/embed-publication";
import { notFoundPage } from "./pages";
import { hasExpired, publicationUrl } from "./publications";

const HTML = "text/html; charset=utf-8";

/** The slug a publication page's address names on this origin, if it names one. */
function slugAt(address: string, origin: string): string | undefined {
  const url = new URL(address);
  const slug = /^\/publications\/([^/]+)$/.exec(url.pathname)?.[1];
  return url.origin === origin && slug && v.is(Slug, slug) ? slug : undefined;
}

/**
 * A publication that went out, with the site's words in its language, and
 * until when that holds (a scheduled change); undefined when none is out.
 */
async function readPublic(c: Context<AppEnv>, slug: string) {
  const now = new Date().toISOString();
  const db = c.env.DB;
  const [found, site] = await runAll(db, [publicationRead(db, slug, now), siteRead(db)]);
  if (!found) return { site };
  const lang = lookupLanguage(found.publication.lang, site.languages) ?? defaultLanguage(site);
  const freshUntil = found.nextDueAt ? Date.parse(found.nextDueAt) : undefined;
  return {
    site,
    found: { ...found, freshUntil, expired: hasExpired(found.publication, now), words: siteIn(site, lang) },
  };
}

/**
 * oEmbed (https://oembed.com): a consumer that finds a publication page's
 * discovery link asks here how to embed it, and gets an iframe of the
 * publication's embed page.
 */
export const oembed = new Hono<AppEnv>()
  .get(
    "/oembed",
    describeRoute(
      publicRead({
        summary: "oEmbed",
        description:
          "How to embed a publication on another site (oEmbed 1.0, a `rich` answer): an `<iframe>` of its " +
          `embed page, ${EMBED_SIZE.width}×${EMBED_SIZE.height} unless \`maxwidth\` or \`maxheight\` ask ` +
          "for less, inside `<chancery-frame>` with the widget's script, which fits the iframe's height to its " +
          "content (never past `maxheight`); without the script the iframe keeps its size. " +
          "Publication pages name this address in a `<link rel=alternate type=application/json+oembed>`. " +
          "Only JSON is served: another `format` is refused with 400 naming it, where the oEmbed spec says " +
          "501, a status this API does not use.",
        tags: ["Site"],
        answer: { description: "The embed", content: json(OembedAnswer) },
        problems: {
          404: "`url` is not a public publication's page on this site",
        },
      }),
    ),
    valid("query", OembedQuery),
    (c) => {
      const { url, maxwidth, maxheight } = c.req.valid("query");
      return cachedRead(c, async () => {
        const origin = new URL(c.req.url).origin;
        const slug = slugAt(url, origin);
        const found = slug ? (await readPublic(c, slug)).found : undefined;
        if (!slug || !found || found.expired) {
          throw problem(404, `No public publication of this site is at ${url}.`);
        }
        const { publication } = found;
        const width = Math.min(EMBED_SIZE.width, maxwidth ?? EMBED_SIZE.width);
        const height = Math.min(EMBED_SIZE.height, maxheight ?? EMBED_SIZE.height);
        const src = `${origin}/embed/publications/${slug}`;
        // The widget resizes the iframe to its content (widget/frame-resizer.ts), never past a
        // maxheight the consumer asked for; without it, the fixed height stands.
        const limit = maxheight === undefined ? "" : html` maxheight="${maxheight}"`;
        const iframe =
          await html`<chancery-frame${limit}><iframe src="${src}" width="${width}" height="${height}" title="${publication.title}" loading="lazy" style="border:0"></iframe></chancery-frame><script type="module" src="${origin}/widget.js"></script>`;
        const body: OembedAnswer = {
          version: "1.0",
          type: "rich",
          title: publication.title,
          provider_name: found.words.name,
          provider_url: `${origin}/`,
          html: iframe.toString(),
          width,
          height,
        };
        return { body, freshUntil: found.freshUntil };
      });
    },
  )
  .get(
    "/embed/publications/:slug",
    describeRoute(
      publicRead({
        summary: "A publication, to be framed",
        description:
          "A publication's title (a link to its page), date and lead, in its own language, as a small page " +
          "any site may frame (`Content-Security-Policy: frame-ancestors *`): what the oEmbed answer's iframe shows.",
        tags: ["Site"],
        answer: { description: "The page", content: text("text/html") },
        answers: {
          404: {
            description: "No public publication has this slug: the site's 404 page",
            content: text("text/html"),
          },
          410: { description: "The publication has expired: the site's notice", content: text("text/html") },
        },
      }),
    ),
    framedPageHeaders,
    (c) => {
      const slug = c.req.param("slug");
      if (!v.is(Slug, slug)) return notFoundPage(c);
      return cachedRead(c, async () => {
        const { site, found } = await readPublic(c, slug);
        if (!found) throw new HTTPException(404, { res: await notFoundPage(c, site) });
        if (found.expired) {
          throw new HTTPException(410, {
            res: await notFoundPage(c, site, { gone: true, lang: found.words.lang }),
          });
        }
        const origin = new URL(c.req.url).origin;
        const page = EmbedPublicationPage({
          site: found.words,
          publication: { ...found.publication, url: publicationUrl(origin, slug) },
        });
        return { body: (await page)?.toString() ?? "", contentType: HTML, freshUntil: found.freshUntil };
      });
    },
  );
