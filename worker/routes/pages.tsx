import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { JSX } from "hono/jsx/jsx-runtime";
import { type DescribeRouteOptions, describeRoute } from "hono-openapi";
import * as v from "valibot";
import { EVENT_FIELDS } from "../../widget/embed-snippet";
import type { AppEnv } from "../bindings";
import { countersAt, countersRead } from "../data/counters";
import { findPreviewed } from "../data/preview-links";
import { neighboursRead, publicationRead, publicationsRead } from "../data/publications";
import { searchPublications } from "../data/search";
import { readSite, siteRead } from "../data/site";
import { runAll } from "../data/sql";
import { widgetBundle } from "../data/widget-bundle";
import { cachedRead } from "../http/cached-read";
import { declaredUrl } from "../http/declared-url";
import { publicRead, text } from "../http/operations";
import { pageHeaders } from "../http/page-headers";
import { previewSecret, verifyPreview } from "../http/preview-token";
import { stylesheet } from "../http/static-file";
import { valid } from "../http/validate";
import { Slug } from "../schemas/common";
import type { Position } from "../schemas/cursor";
import { type Kind, PublicationListQuery, type PublicationSummary } from "../schemas/publication";
import type { Site } from "../schemas/site";
import { ArchivePage } from "../views/archive";
import { EVENTS, HomePage } from "../views/home";
import { INTERFACE_LANGS, interfaceLang, STRINGS } from "../views/i18n";
import type { LanguageLink, PageContext } from "../views/layout";
import { NotFoundPage } from "../views/not-found";
import { PublicationPage } from "../views/publication";
import { SearchPage } from "../views/search";
import { hasExpired, listBody, pageUrl, publicationUrl, withUrl } from "./publications";

type PageEnv = AppEnv;

const HTML_TYPE = "text/html";
const HTML = `${HTML_TYPE}; charset=utf-8`;
const FEATURED_KINDS = ["speech", "interview", "article"] as const satisfies Kind[];
const ARCHIVE_PAGE = 20;
const SEARCH_HITS = 30;

/** A form's empty field means "any", not a bad value. */
function blankIsAbsent<T extends v.GenericSchema<string, unknown>>(schema: T) {
  return v.optional(
    v.pipe(
      // A bad value is told by the field's own schema, not as a mismatch of both options.
      v.union(
        [v.literal(""), schema],
        (issue) => issue.issues?.find((sub) => sub.type !== "literal")?.message ?? issue.message,
      ),
      v.transform((value) => (value === "" ? undefined : (value as v.InferOutput<T>))),
    ),
  );
}

const { kind, lang, tag, cursor } = PublicationListQuery.entries;

/** Other parameters (a campaign's `utm_*`, say) are ignored, not refused: these are links people share. */
const ArchiveQuery = v.object({
  kind: blankIsAbsent(kind.wrapped),
  lang: blankIsAbsent(lang.wrapped),
  tag: blankIsAbsent(tag.wrapped),
  cursor: blankIsAbsent(cursor.wrapped),
});

const LangQuery = v.object({ lang: blankIsAbsent(lang.wrapped) });

const SearchPageQuery = v.object({
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200, "must be at most 200 characters")), ""),
  lang: blankIsAbsent(lang.wrapped),
});

async function pageContext(
  c: Context<PageEnv>,
  site: Site,
  chosen: string | undefined,
  now: number,
): Promise<PageContext> {
  const bundle = widgetBundle;
  const lang = interfaceLang(chosen ?? site.locale);
  return {
    site,
    lang,
    chosenLang: INTERFACE_LANGS.some((known) => known === chosen),
    t: STRINGS[lang],
    now,
    origin: new URL(c.req.url).origin,
    widgetSrc: `/widget/${bundle.hash}.js`,
  };
}

/** The same address in each interface language, by `?lang=`. */
function languageLinks(c: Context, path: string): LanguageLink[] {
  return INTERFACE_LANGS.map((lang) => {
    const url = new URL(path, c.req.url);
    url.searchParams.set("lang", lang);
    return { lang, href: url.href };
  });
}

/** A page shows clocks to the minute, so no copy outlives the minute it was made in. */
function freshUntil(now: number, nextDueAt?: string): number {
  const nextMinute = (Math.floor(now / 60_000) + 1) * 60_000;
  return nextDueAt ? Math.min(nextMinute, Date.parse(nextDueAt)) : nextMinute;
}

async function html(page: JSX.Element): Promise<string> {
  return page.toString();
}

const archiveUrl = (c: Context, position: Position | undefined) =>
  position && pageUrl(declaredUrl(c).href, position);

/**
 * A reader's 404, or with `gone` a 410 (an expired publication): the site's
 * frame, a short explanation and the way back.
 */
export async function notFoundPage(c: Context<PageEnv>, site?: Site, gone = false): Promise<Response> {
  const page = await pageContext(c, site ?? (await readSite(c.env.DB)), c.req.query("lang"), Date.now());
  const body = await html(
    <NotFoundPage
      page={page}
      gone={gone}
      frame={{
        canonical: declaredUrl(c).href,
        languages: languageLinks(c, "/"),
      }}
    />,
  );
  return c.body(body, gone ? 410 : 404, { "Content-Type": HTML });
}

/**
 * A draft or scheduled publication through a signed preview link. The link,
 * not the address, grants the reading, so nothing keeps a copy: no cache, no
 * search engine. A link forged, expired or revoked, or whose publication has
 * since gone out (it is at its own address then), finds the site's 404 page.
 */
async function previewPage(c: Context<PageEnv>): Promise<Response> {
  c.header("Cache-Control", "private, no-store");
  c.header("X-Robots-Tag", "noindex");
  const now = Date.now();
  const secret = previewSecret(c.env, c.req.url);
  const link = secret && (await verifyPreview(secret, c.req.param("token") ?? "", now));
  const [found, site] = await Promise.all([
    link ? findPreviewed(c.env.DB, link, new Date(now).toISOString()) : undefined,
    readSite(c.env.DB),
  ]);
  if (!found) return notFoundPage(c, site);
  const page = { ...(await pageContext(c, site, found.lang, now)), chosenLang: false };
  const self = new URL(c.req.path, c.req.url).href;
  const body = await html(
    <PublicationPage
      page={page}
      preview
      // A text not out yet has no translations to show, and nothing happened to it after it went out.
      publication={{
        ...found,
        url: self,
        translations: [],
        expires_at: null,
        withdrawn_at: null,
        withdrawal_reason: null,
        changes: [],
        modified_at: null,
      }}
      frame={{ canonical: self, languages: [] }}
    />,
  );
  return c.body(body, 200, { "Content-Type": HTML });
}

const sitePage = (summary: string, description: string, answers?: DescribeRouteOptions["responses"]) =>
  describeRoute(
    publicRead({
      summary,
      description,
      tags: ["Site"],
      answer: { description: "The page", content: text(HTML_TYPE) },
      answers,
    }),
  );

/**
 * The institution's own site: home, archive, publication pages and search,
 * rendered on the server and cached like the API.
 */
export const pages = new Hono<PageEnv>()
  .get(
    "/",
    sitePage("Home page", "Today's date, the clocks, the counters and the latest publications."),
    pageHeaders,
    valid("query", LangQuery),
    (c) =>
      cachedRead(c, async () => {
        const { lang } = c.req.valid("query");
        const now = Date.now();
        const nowIso = new Date(now).toISOString();
        const db = c.env.DB;
        // One round trip to D1 for everything the page shows.
        const [site, board, latest, featured] = await runAll(db, [
          siteRead(db),
          countersRead(db),
          publicationsRead(db, { lang, limit: EVENTS, now: nowIso }),
          publicationsRead(db, { kinds: [...FEATURED_KINDS], lang, limit: 1, now: nowIso, withBody: true }),
        ]);
        const page = await pageContext(c, site, lang, now);
        const counters = countersAt(board, now);
        const events = latest.items.map((item) => withUrl(item, page.origin));
        const eventsQuery = new URLSearchParams({
          limit: String(EVENTS),
          fields: EVENT_FIELDS,
          ...(lang ? { lang } : {}),
        });
        const fields = EVENT_FIELDS.split(",") as (keyof PublicationSummary)[];
        const carried = {
          "/api/v1/counters": counters,
          [`/api/v1/publications?${eventsQuery}`]: listBody(latest, page.origin, fields),
        };
        const body = await html(
          <HomePage
            page={page}
            counters={counters}
            featured={featured.items[0] && { body_html: "", ...withUrl(featured.items[0], page.origin) }}
            events={events}
            featuredKinds={FEATURED_KINDS}
            frame={{
              canonical: declaredUrl(c).href,
              languages: languageLinks(c, "/"),
              alternates: [...languageLinks(c, "/"), { lang: "x-default", href: `${page.origin}/` }],
              carried,
            }}
          />,
        );
        return { body, contentType: HTML, freshUntil: freshUntil(now, latest.nextDueAt) };
      }),
  )
  .get(
    "/publications",
    sitePage("Archive", "Every publication, newest first, a page at a time."),
    pageHeaders,
    valid("query", ArchiveQuery),
    (c) =>
      cachedRead(c, async () => {
        const query = c.req.valid("query");
        const now = Date.now();
        const db = c.env.DB;
        const [site, list] = await runAll(db, [
          siteRead(db),
          publicationsRead(db, {
            kinds: query.kind,
            lang: query.lang,
            tag: query.tag,
            limit: ARCHIVE_PAGE,
            position: query.cursor,
            now: new Date(now).toISOString(),
          }),
        ]);
        const page = await pageContext(c, site, query.lang, now);
        const body = await html(
          <ArchivePage
            page={page}
            items={list.items.map((item) => withUrl(item, page.origin))}
            filter={query}
            newer={archiveUrl(c, list.prev)}
            older={archiveUrl(c, list.next)}
            frame={{
              canonical: declaredUrl(c).href,
              languages: languageLinks(c, declaredUrl(c).href),
            }}
          />,
        );
        return { body, contentType: HTML, freshUntil: freshUntil(now, list.nextDueAt) };
      }),
  )
  // A mistyped address is a reader's 404, not a client error: no slug could be there.
  .get(
    "/publications/:slug",
    sitePage("A publication's page", "One publication in full, with its language versions.", {
      404: {
        description: "No public publication has this slug: the site's 404 page",
        content: text(HTML_TYPE),
      },
      410: {
        description: "The publication has expired: a short notice in the site's layout",
        content: text(HTML_TYPE),
      },
    }),
    pageHeaders,
    (c) => {
      const slug = c.req.param("slug");
      if (!v.is(Slug, slug)) return notFoundPage(c);
      return cachedRead(c, async () => {
        const now = Date.now();
        const nowIso = new Date(now).toISOString();
        const db = c.env.DB;
        const [found, neighbours, site] = await runAll(db, [
          publicationRead(db, slug, nowIso),
          neighboursRead(db, slug, nowIso),
          siteRead(db),
        ]);
        if (!found) throw new HTTPException(404, { res: await notFoundPage(c, site) });
        if (hasExpired(found.publication, nowIso)) {
          throw new HTTPException(410, { res: await notFoundPage(c, site, true) });
        }
        const { publication } = found;
        const page = { ...(await pageContext(c, site, publication.lang, now)), chosenLang: false };
        const translations = publication.translations.map((translation) => withUrl(translation, page.origin));
        const self = { lang: publication.lang, href: publicationUrl(page.origin, slug) };
        const others = translations.map((translation) => ({ lang: translation.lang, href: translation.url }));
        const body = await html(
          <PublicationPage
            page={page}
            publication={{ ...withUrl(publication, page.origin), translations }}
            newer={neighbours.newer && withUrl(neighbours.newer, page.origin)}
            older={neighbours.older && withUrl(neighbours.older, page.origin)}
            frame={{
              canonical: self.href,
              languages: [self, ...others],
              alternates: others.length > 0 ? [self, ...others] : undefined,
            }}
          />,
        );
        return { body, contentType: HTML, freshUntil: freshUntil(now, found.nextDueAt) };
      });
    },
  )
  .get(
    "/search",
    sitePage("Search page", "Publications that contain every word of `q`."),
    pageHeaders,
    valid("query", SearchPageQuery),
    (c) =>
      cachedRead(c, async () => {
        const { q, lang } = c.req.valid("query");
        const now = Date.now();
        const [site, found] = await Promise.all([
          readSite(c.env.DB),
          q === ""
            ? { items: [], nextDueAt: undefined }
            : searchPublications(c.env.DB, { q, lang, limit: SEARCH_HITS, now: new Date(now).toISOString() }),
        ]);
        const page = await pageContext(c, site, lang, now);
        const body = await html(
          <SearchPage
            page={page}
            query={q}
            hits={found.items.map((hit) => withUrl(hit, page.origin))}
            frame={{
              canonical: declaredUrl(c).href,
              languages: languageLinks(c, declaredUrl(c).href),
            }}
          />,
        );
        return { body, contentType: HTML, freshUntil: freshUntil(now, found.nextDueAt) };
      }),
  )
  .get(
    "/preview/:token",
    describeRoute(
      publicRead({
        summary: "A preview link's page",
        description:
          "A draft or scheduled publication in the site's layout, marked as not published, for whoever holds " +
          "the link an editor made (`POST /api/v1/publications/by-id/{id}/previews`). Never cached, never indexed.",
        tags: ["Site"],
        answer: { description: "The page", content: text(HTML_TYPE) },
        fromCache: false,
        unversioned: true,
        answers: {
          404: {
            description:
              "The link is forged, expired or revoked, or its publication has gone out: the site's 404 page",
            content: text(HTML_TYPE),
          },
        },
      }),
    ),
    pageHeaders,
    previewPage,
  )
  .get("/site.css", (c) => stylesheet(c, "site"))
  // The API's own misses stay problem+json: they fall through to the app's notFound.
  .get("*", pageHeaders, (c, next) => (c.req.path.startsWith("/api/") ? next() : notFoundPage(c)));
