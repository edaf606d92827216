import { type Context, Hono } from "hono";
import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import type { AppEnv } from "../bindings";
import { absoluteUrls } from "../content/absolute-urls";
import { type PublicationPage, publicationsRead } from "../data/publications";
import { hubRead, readSite, type SiteRecord, siteRead } from "../data/site";
import { runAll } from "../data/sql";
import { cachedRead } from "../http/cached-read";
import { json, LANG_PARAMETER, publicRead, text } from "../http/operations";
import { problem } from "../http/problem";
import { valid } from "../http/validate";
import { defaultLanguage, languageAtPrefix, lookupLanguage, siteIn } from "../languages";
import { commaList, Lang } from "../schemas/common";
import { JsonFeed } from "../schemas/feed";
import { Kind } from "../schemas/publication";
import { atom, type FeedSource, jsonFeed, rss } from "../views/feeds";
import { LEVELS } from "../vocabulary";
import { withUrl } from "./publications";

const ITEMS = 20;

/** A feed's language prefix: a feed reader is told a malformed one as a problem. */
const FEED_LANG = {
  ...LANG_PARAMETER,
  schema: { type: "string" as const, pattern: "^[a-z]{2,3}(-[a-z0-9]{1,8})*$" },
};

const kinds = v.optional(commaList(Kind, "Only these kinds"));

const FeedQuery = v.strictObject(
  {
    kind: kinds,
    lang: v.optional(
      v.pipe(
        Lang,
        v.description(
          "One of the site's languages moves the feed to that language's address (301); " +
            "another language keeps only the publications in it",
        ),
      ),
    ),
  },
  "is not a parameter of this feed",
);
type FeedQuery = v.InferOutput<typeof FeedQuery>;

const LanguageFeedQuery = v.strictObject({ kind: kinds }, "is not a parameter of this feed");

/** What one feed lists: one version of each text, preferring `lang`; with `only`, that language's items alone. */
interface Selection {
  kind?: FeedQuery["kind"];
  lang: string;
  only?: boolean;
}

/** The alerts of a feed's read that are active (not withdrawn), most severe first, then newest. */
function activeFirst(alerts: PublicationPage["items"]): PublicationPage["items"] {
  const severity = (item: PublicationPage["items"][number]) => LEVELS.indexOf(item.level ?? "routine");
  return alerts
    .filter((item) => !item.lifecycle?.withdrawn_at)
    .sort((a, b) => severity(a) - severity(b) || b.published_at.localeCompare(a.published_at) || b.id - a.id);
}

/**
 * A feed is cached like the API: keyed by the content version, never past
 * the next scheduled or expiring item. A withdrawn item stays, as an updated
 * entry that says so. In one of the site's languages it lists one version
 * of each text, as that language's pages do. The citizen alerts active now
 * come first, most severe first, whatever their date: a reader that shows
 * a feed in its order shows them on top.
 */
function feed(
  c: Context<AppEnv>,
  selection: (site: SiteRecord) => Selection | undefined,
  prefix: string | undefined,
  write: (source: FeedSource) => { body: unknown; contentType?: string },
) {
  return cachedRead(c, async () => {
    const now = new Date().toISOString();
    const db = c.env.DB;
    const [site, hub] = await runAll(db, [siteRead(db), hubRead(db)]);
    const chosen = selection(site);
    if (!chosen) throw problem(404, `The site has no language "${prefix}".`);
    const filter = {
      ...(chosen.only ? { lang: chosen.lang } : { preferLang: chosen.lang }),
      limit: ITEMS,
      now,
      withBody: true,
      withdrawn: true,
    };
    const withAlerts = !chosen.kind || chosen.kind.includes("alert");
    const [page, alerts] = await runAll(db, [
      publicationsRead(db, { ...filter, kinds: chosen.kind }),
      publicationsRead(db, { ...filter, kinds: withAlerts ? ["alert"] : [] }),
    ]);
    const first = activeFirst(alerts.items);
    const firstIds = new Set(first.map((item) => item.id));
    const origin = new URL(c.req.url).origin;
    const items = await Promise.all(
      [...first, ...page.items.filter((item) => !firstIds.has(item.id))].map(async (item) => ({
        ...withUrl(item, origin),
        body_html: await absoluteUrls(item.body_html ?? "", origin),
      })),
    );
    // A language the site does not speak reads the site's words in its default language.
    const inSite = languageAtPrefix(chosen.lang.toLowerCase(), site.languages) ?? defaultLanguage(site);
    return {
      ...write({
        site: siteIn(site, inSite),
        lang: chosen.lang,
        home: `${origin}/${inSite.toLowerCase()}/`,
        items,
        self: c.req.url,
        hub,
      }),
      freshUntil: page.nextDueAt ? Date.parse(page.nextDueAt) : undefined,
    };
  });
}

interface Format {
  path: string;
  summary: string;
  content: ReturnType<typeof text>;
  write: (source: FeedSource) => { body: unknown; contentType?: string };
}

const FORMATS: Format[] = [
  {
    path: "/feed.xml",
    summary: "RSS 2.0",
    content: text("application/rss+xml"),
    write: (source) => ({ body: rss(source), contentType: "application/rss+xml; charset=utf-8" }),
  },
  {
    path: "/atom.xml",
    summary: "Atom",
    content: text("application/atom+xml"),
    write: (source) => ({ body: atom(source), contentType: "application/atom+xml; charset=utf-8" }),
  },
  {
    path: "/feed.json",
    summary: "JSON Feed 1.1",
    content: json(JsonFeed, "application/feed+json"),
    write: (source) => ({
      body: JSON.stringify(jsonFeed(source)),
      contentType: "application/feed+json; charset=utf-8",
    }),
  },
];

/** Each format's address, as the bare feed and after each language's prefix: what WebSub announces. */
export const FEED_PATHS = FORMATS.map((format) => format.path);

/**
 * The newest publications as RSS 2.0, Atom and JSON Feed 1.1: one feed per
 * site language at `/{lang}/…`, and at the bare address the default
 * language's, the one feed readers already subscribe to.
 */
export const feeds = new Hono<AppEnv>();

for (const format of FORMATS) {
  feeds.get(
    format.path,
    describeRoute(
      publicRead({
        summary: format.summary,
        description:
          `The newest ${ITEMS} publications in the site's default language, one version of each text ` +
          "(as on its pages); `kind` narrows it, `lang` moves to another language's feed.",
        tags: ["Feeds"],
        answer: { description: "The feed", content: format.content },
        answers: {
          301: {
            description: "`lang` names one of the site's languages: that language's feed, for good",
            headers: { Location: { description: "The feed in that language", schema: { type: "string" } } },
          },
        },
      }),
    ),
    valid("query", FeedQuery),
    async (c) => {
      const query = c.req.valid("query");
      if (query.lang) {
        const site = await readSite(c.env.DB);
        const named = lookupLanguage(query.lang, site.languages);
        if (named) {
          const url = new URL(c.req.url);
          url.searchParams.delete("lang");
          return c.redirect(`/${named.toLowerCase()}${format.path}${url.search}`, 301);
        }
      }
      return feed(
        c,
        (site) =>
          query.lang
            ? { kind: query.kind, lang: query.lang, only: true }
            : { kind: query.kind, lang: defaultLanguage(site) },
        undefined,
        format.write,
      );
    },
  );
  feeds.get(
    `/:lang${format.path}`,
    describeRoute(
      (() => {
        const operation = publicRead({
          summary: `${format.summary} in one language`,
          description: `The newest ${ITEMS} publications, one version of each text as on the pages in \`lang\`; \`kind\` narrows it.`,
          tags: ["Feeds"],
          answer: { description: "The feed", content: format.content },
          problems: { 404: "The site has no such language" },
        });
        return { ...operation, parameters: [FEED_LANG, ...(operation.parameters ?? [])] };
      })(),
    ),
    valid("query", LanguageFeedQuery),
    (c) => {
      const prefix = c.req.param("lang");
      const { kind } = c.req.valid("query");
      return feed(
        c,
        (site) => {
          const lang = languageAtPrefix(prefix, site.languages);
          return lang ? { kind, lang } : undefined;
        },
        prefix,
        format.write,
      );
    },
  );
}
