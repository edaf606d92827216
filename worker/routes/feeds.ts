import { type Context, Hono } from "hono";
import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import type { AppEnv } from "../bindings";
import { absoluteUrls } from "../content/absolute-urls";
import { publicationsRead } from "../data/publications";
import { siteRead } from "../data/site";
import { runAll } from "../data/sql";
import { cachedRead } from "../http/cached-read";
import { json, publicRead, text } from "../http/operations";
import { valid } from "../http/validate";
import { commaList, Lang } from "../schemas/common";
import { JsonFeed } from "../schemas/feed";
import { Kind } from "../schemas/publication";
import { atom, type FeedSource, jsonFeed, rss } from "../views/feeds";
import { withUrl } from "./publications";

const ITEMS = 20;

const FeedQuery = v.strictObject(
  {
    kind: v.optional(commaList(Kind, "Only these kinds")),
    lang: v.optional(Lang),
  },
  "is not a parameter of this feed",
);
type FeedQuery = v.InferOutput<typeof FeedQuery>;

/**
 * A feed is cached like the API: keyed by the content version, never past
 * the next scheduled or expiring item. A withdrawn item stays, as an updated
 * entry that says so.
 */
function feed(
  c: Context<AppEnv>,
  query: FeedQuery,
  write: (source: FeedSource) => { body: unknown; contentType?: string },
) {
  return cachedRead(c, async () => {
    const now = new Date().toISOString();
    const db = c.env.DB;
    const [site, page] = await runAll(db, [
      siteRead(db),
      publicationsRead(db, {
        kinds: query.kind,
        lang: query.lang,
        limit: ITEMS,
        now,
        withBody: true,
        withdrawn: true,
      }),
    ]);
    const origin = new URL(c.req.url).origin;
    const items = await Promise.all(
      page.items.map(async (item) => ({
        ...withUrl(item, origin),
        body_html: await absoluteUrls(item.body_html ?? "", origin),
      })),
    );
    return {
      ...write({ site, items, origin, self: c.req.url }),
      freshUntil: page.nextDueAt ? Date.parse(page.nextDueAt) : undefined,
    };
  });
}

const doc = (summary: string, content: ReturnType<typeof text>) =>
  describeRoute(
    publicRead({
      summary,
      description: `The newest ${ITEMS} publications; \`kind\` and \`lang\` narrow it.`,
      tags: ["Feeds"],
      answer: { description: "The feed", content },
    }),
  );

/** The newest publications as RSS 2.0, Atom and JSON Feed 1.1, per kind and language too. */
export const feeds = new Hono<AppEnv>()
  .get("/feed.xml", doc("RSS 2.0", text("application/rss+xml")), valid("query", FeedQuery), (c) =>
    feed(c, c.req.valid("query"), (source) => ({
      body: rss(source),
      contentType: "application/rss+xml; charset=utf-8",
    })),
  )
  .get("/atom.xml", doc("Atom", text("application/atom+xml")), valid("query", FeedQuery), (c) =>
    feed(c, c.req.valid("query"), (source) => ({
      body: atom(source),
      contentType: "application/atom+xml; charset=utf-8",
    })),
  )
  .get(
    "/feed.json",
    doc("JSON Feed 1.1", json(JsonFeed, "application/feed+json")),
    valid("query", FeedQuery),
    (c) =>
      feed(c, c.req.valid("query"), (source) => ({
        body: JSON.stringify(jsonFeed(source)),
        contentType: "application/feed+json; charset=utf-8",
      })),
  );
