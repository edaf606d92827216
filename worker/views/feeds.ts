import { catalogueFor } from "../catalogues";
import { asHtml, cdata, element, xmlDocument } from "../content/xml";
import type { LifecycleRecord, PublicationRecord } from "../data/publications";
import { defaultLanguage } from "../languages";
import type { JsonFeed } from "../schemas/feed";
import type { Site } from "../schemas/site";
import { siteDate } from "./parts";

/**
 * One item as every feed gives it: its page, its body with absolute
 * addresses, and what became of it since it went out.
 */
export type FeedItem = PublicationRecord & { url: string; body_html: string; lifecycle?: LifecycleRecord };

export interface FeedSource {
  /** The site with its words in the feed's language (or the default one). */
  site: Site;
  /** The feed's language. */
  lang: string;
  /** The site's home page in that language. */
  home: string;
  items: FeedItem[];
  /** This feed's own address, filters included. */
  self: string;
  /** The WebSub hub that announces the feed's changes, if the site has one. */
  hub: string | null;
}

/** Its kind, an alert's level (so a reader can filter emergencies), and its tags. */
const categories = (item: FeedItem) => [item.kind, ...(item.level ? [item.level] : []), ...item.tags];

/** When an item last changed for its readers: its latest change note or withdrawal, else its publication. */
const itemUpdated = (item: FeedItem) => item.lifecycle?.modified_at ?? item.published_at;

/** The feed changes when an item arrives or changes: the latest of those instants stands for it. */
const updated = (items: FeedItem[]) => new Date(items.map(itemUpdated).sort().at(-1) ?? 0);

/**
 * The body as readers get it: after the notice of its withdrawal and the
 * notes of its public changes, in the item's language, dated on the site's
 * calendar. Feed readers show the updated entry with them.
 */
function content(item: FeedItem, site: Site): string {
  const t = catalogueFor(item.lang, defaultLanguage(site)).strings;
  const { withdrawn_at: withdrawnAt, withdrawal_reason: reason, changes = [] } = item.lifecycle ?? {};
  const withdrawal = withdrawnAt
    ? [`<p><strong>${asHtml(t.withdrawn(siteDate(site, withdrawnAt)))}:</strong> ${asHtml(reason ?? "")}</p>`]
    : [];
  const notes = changes.map(
    (change) => `<p>${asHtml(t.updated(siteDate(site, change.at)))}: ${asHtml(change.note)}</p>`,
  );
  return [...withdrawal, ...notes, item.body_html].join("\n");
}

/**
 * RSS 2.0. Titles and categories are plain text; readers take a description
 * as HTML, so the lead goes as HTML that shows its text and nothing else. The
 * body, already sanitized HTML, goes whole in `content:encoded`.
 */
export function rss({ site, lang, home, items, self, hub }: FeedSource): string {
  // RSS has no date of change: Atom's, which readers know, carries it.
  const entries = items.map((item) =>
    element(
      "item",
      {},
      element("title", {}, item.title),
      element("link", {}, item.url),
      element("guid", { isPermaLink: "false" }, item.url),
      element("pubDate", {}, new Date(item.published_at).toUTCString()),
      item.lifecycle?.modified_at ? element("atom:updated", {}, item.lifecycle.modified_at) : undefined,
      element("description", {}, asHtml(item.lead)),
      element("content:encoded", {}, cdata(content(item, site))),
      ...categories(item).map((name) => element("category", {}, name)),
    ),
  );
  const channel = element(
    "channel",
    {},
    element("title", {}, site.name),
    element("link", {}, home),
    element("description", {}, site.name),
    element("language", {}, lang),
    element("lastBuildDate", {}, updated(items).toUTCString()),
    element("generator", {}, "chancery"),
    element("atom:link", { href: self, rel: "self", type: "application/rss+xml" }),
    hub ? element("atom:link", { href: hub, rel: "hub" }) : undefined,
    ...entries,
  );
  return xmlDocument(
    element(
      "rss",
      {
        version: "2.0",
        "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        "xmlns:atom": "http://www.w3.org/2005/Atom",
      },
      channel,
    ),
  );
}

/** Atom 1.0: titles and summaries are text (Atom's default type), the body is `type="html"`. */
export function atom({ site, lang, home, items, self, hub }: FeedSource): string {
  const entries = items.map((item) =>
    element(
      "entry",
      { "xml:lang": item.lang },
      element("title", {}, item.title),
      element("id", {}, item.url),
      element("link", { rel: "alternate", href: item.url }),
      element("published", {}, item.published_at),
      element("updated", {}, itemUpdated(item)),
      element("summary", {}, item.lead),
      element("content", { type: "html" }, cdata(content(item, site))),
      ...categories(item).map((term) => element("category", { term })),
    ),
  );
  return xmlDocument(
    element(
      "feed",
      { xmlns: "http://www.w3.org/2005/Atom", "xml:lang": lang },
      element("id", {}, self),
      element("title", {}, site.name),
      element("updated", {}, updated(items).toISOString()),
      element("generator", {}, "chancery"),
      element("author", {}, element("name", {}, site.name)),
      element("link", { rel: "alternate", href: home }),
      element("link", { rel: "self", href: self }),
      hub ? element("link", { rel: "hub", href: hub }) : undefined,
      element("rights", {}, site.name),
      ...entries,
    ),
  );
}

/** JSON Feed 1.1; JSON escapes its own strings. */
export function jsonFeed({ site, lang, home, items, self, hub }: FeedSource): JsonFeed {
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: site.name,
    home_page_url: home,
    feed_url: self,
    language: lang,
    ...(hub ? { hubs: [{ type: "WebSub" as const, url: hub }] } : {}),
    items: items.map((item) => ({
      id: item.url,
      url: item.url,
      title: item.title,
      summary: item.lead,
      content_html: content(item, site),
      date_published: item.published_at,
      ...(item.lifecycle?.modified_at ? { date_modified: item.lifecycle.modified_at } : {}),
      language: item.lang,
      tags: categories(item),
    })),
  };
}
