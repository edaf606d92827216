import { Feed } from "feed";
import { type Context, Hono } from "hono";
import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import { absoluteUrls } from "../content/absolute-urls";
import { type PublicationPage, publicationsRead } from "../data/publications";
import { siteRead } from "../data/site";
import { runAll } from "../data/sql";
import { cachedRead } from "../http/cached-read";
import { valid } from "../http/validate";
import { commaList, Lang } from "../schemas/common";
import { Kind } from "../schemas/publication";
import type { Site } from "../schemas/site";
import { publicationUrl } from "./publications";

const ITEMS = 20;

const FeedQuery = v.strictObject(
  {
    kind: v.optional(commaList(Kind, "Only these kinds")),
    lang: v.optional(Lang),
  },
  "is not a parameter of this feed",
);
type FeedQuery = v.InferOutput<typeof FeedQuery>;

interface FeedSource {
  site: Site;
  page: PublicationPage;
  origin: string;
  /** This feed's own address, filters included. */
  self: string;
}

function rssOrAtom(source: FeedSource): Feed {
  const { site, page, origin, self } = source;
  const feed = new Feed({
    id: self,
    title: site.name,
    link: origin,
    language: site.locale,
    updated: new Date(page.items[0]?.published_at ?? 0),
    generator: "chancery",
    copyright: site.name,
    feedLinks: { rss: `${origin}/feed.xml`, atom: `${origin}/atom.xml`, json: `${origin}/feed.json` },
  });
  for (const item of page.items) {
    feed.addItem({
      id: publicationUrl(origin, item.slug),
      title: item.title,
      link: publicationUrl(origin, item.slug),
      date: new Date(item.published_at),
      description: item.lead,
      content: item.body_html,
      category: [{ name: item.kind }, ...item.tags.map((tag) => ({ name: tag }))],
    });
  }
  return feed;
}

/** JSON Feed 1.1, written out: the `feed` package writes only version 1. */
function jsonFeed({ site, page, origin, self }: FeedSource) {
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: site.name,
    home_page_url: origin,
    feed_url: self,
    language: site.locale,
    items: page.items.map((item) => ({
      id: publicationUrl(origin, item.slug),
      url: publicationUrl(origin, item.slug),
      title: item.title,
      summary: item.lead,
      content_html: item.body_html,
      date_published: item.published_at,
      language: item.lang,
      tags: [item.kind, ...item.tags],
    })),
  };
}

/** A feed is cached like the API: keyed by the content version, never past the next scheduled item. */
function feed(
  c: Context<{ Bindings: Env }>,
  query: FeedQuery,
  write: (source: FeedSource) => { body: unknown; contentType?: string },
) {
  return cachedRead(c, async () => {
    const now = new Date().toISOString();
    const db = c.env.DB;
    const [site, page] = await runAll(db, [
      siteRead(db),
      publicationsRead(db, { kinds: query.kind, lang: query.lang, limit: ITEMS, now, withBody: true }),
    ]);
    const origin = new URL(c.req.url).origin;
    const items = await Promise.all(
      page.items.map(async (item) => ({
        ...item,
        body_html: await absoluteUrls(item.body_html ?? "", origin),
      })),
    );
    return {
      ...write({ site, page: { ...page, items }, origin, self: c.req.url }),
      freshUntil: page.nextDueAt ? Date.parse(page.nextDueAt) : undefined,
    };
  });
}

const doc = (summary: string) =>
  describeRoute({ summary, tags: ["Feeds"], description: "`kind` and `lang` narrow it." });

/** The newest publications as RSS 2.0, Atom and JSON Feed 1.1, per kind and language too. */
export const feeds = new Hono<{ Bindings: Env }>()
  .get("/feed.xml", doc("RSS 2.0"), valid("query", FeedQuery), (c) =>
    feed(c, c.req.valid("query"), (source) => ({
      body: rssOrAtom(source).rss2(),
      contentType: "application/rss+xml; charset=utf-8",
    })),
  )
  .get("/atom.xml", doc("Atom"), valid("query", FeedQuery), (c) =>
    feed(c, c.req.valid("query"), (source) => ({
      body: rssOrAtom(source).atom1(),
      contentType: "application/atom+xml; charset=utf-8",
    })),
  )
  .get("/feed.json", doc("JSON Feed 1.1"), valid("query", FeedQuery), (c) =>
    feed(c, c.req.valid("query"), (source) => ({
      body: JSON.stringify(jsonFeed(source)),
      contentType: "application/feed+json; charset=utf-8",
    })),
  );
