import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { JSX } from "hono/jsx/jsx-runtime";
import { type DescribeRouteOptions, describeRoute } from "hono-openapi";
import * as v from "valibot";
import { EVENT_FIELDS } from "../../widget/embed-snippet";
import type { AppEnv } from "../bindings";
import { catalogueFor } from "../catalogues";
import { type AlertRecord, activeAlerts, activeAlertsRead } from "../data/alerts";
import { countersAt, countersRead } from "../data/counters";
import { findPreviewed } from "../data/preview-links";
import { neighboursRead, publicationRead, publicationsRead } from "../data/publications";
import { searchPublications } from "../data/search";
import { readSite, type SiteRecord, siteRead } from "../data/site";
import { runAll } from "../data/sql";
import { widgetBundle } from "../data/widget-bundle";
import { cachedRead } from "../http/cached-read";
import { declaredUrl } from "../http/declared-url";
import { LANG_PARAMETER, publicRead, text } from "../http/operations";
import { pageHeaders } from "../http/page-headers";
import { previewSecret, verifyPreview } from "../http/preview-token";
import { stylesheet } from "../http/static-file";
import { valid } from "../http/validate";
import { defaultLanguage, languageAtPrefix, lookupLanguage, negotiateLanguage, siteIn } from "../languages";
import { Slug } from "../schemas/common";
import type { Position } from "../schemas/cursor";
import { type Kind, PublicationListQuery, type PublicationSummary } from "../schemas/publication";
import type { Site } from "../schemas/site";
import { ArchivePage } from "../views/archive";
import { EVENTS, HomePage } from "../views/home";
import { localPath, type PageContext } from "../views/layout";
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

const { kind, tag, cursor } = PublicationListQuery.entries;

/**
 * Other parameters (a campaign's `utm_*`, say) are ignored, not refused:
 * these are links people share. A page lists one version of each text, in
 * its language where there is one, so a filter by language has nothing left
 * to choose.
 */
const ArchiveQuery = v.object({
  kind: blankIsAbsent(kind.wrapped),
  tag: blankIsAbsent(tag.wrapped),
  cursor: blankIsAbsent(cursor.wrapped),
});

const SearchPageQuery = v.object({
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200, "must be at most 200 characters")), ""),
});

/** The language a page is in, with the site's words and the interface's in it. */
function pageContext(
  c: Context<PageEnv>,
  site: SiteRecord,
  lang: string,
  now: number,
  alerts: AlertRecord[],
): PageContext {
  const fallback = defaultLanguage(site);
  const catalogue = catalogueFor(lang, fallback);
  // The default language writes dates as the site says; another as its catalogue, or as itself without one.
  const locale = lang === fallback ? site.locale : catalogue.fallback ? lang : catalogue.strings.locale;
  const origin = new URL(c.req.url).origin;
  return {
    site: siteIn(site, lang),
    lang,
    t: catalogue.strings,
    locale,
    now,
    origin,
    widgetSrc: `/widget/${widgetBundle.hash}.js`,
    alerts: alerts.map((alert) => withUrl(alert, origin)),
  };
}

/** A publication's page is in its own language when the site speaks it, else in the default one. */
const languageOf = (site: Pick<Site, "languages">, tag: string) =>
  lookupLanguage(tag, site.languages) ?? defaultLanguage(site);

/** The language a reader asks for by `Accept-Language`, else the site's default. */
const negotiated = (c: Context, site: Pick<Site, "languages">) =>
  negotiateLanguage(c.req.header("Accept-Language"), site.languages) ?? defaultLanguage(site);

/**
 * The same page in each of the site's languages, and its `hreflang`
 * alternates: those and `x-default`, the bare address that sends each
 * reader to their own. A page of a list starts again at its first page.
 */
function languageVersions(c: Context, site: Pick<Site, "languages">, path: string) {
  const url = declaredUrl(c);
  url.searchParams.delete("cursor");
  const rest = `${path}${url.search}`;
  const languages = site.languages.map((lang) => ({
    lang,
    href: `${url.origin}${localPath(rest, { lang })}`,
  }));
  return { languages, alternates: [...languages, { lang: "x-default", href: `${url.origin}${rest}` }] };
}

/**
 * A page shows clocks to the minute, so no copy outlives the minute it was
 * made in, nor the next instant the calendar changes what it shows (its
 * list's or its alerts').
 */
function freshUntil(now: number, ...nextDue: (string | undefined)[]): number {
  const nextMinute = (Math.floor(now / 60_000) + 1) * 60_000;
  return Math.min(nextMinute, ...nextDue.flatMap((at) => (at ? [Date.parse(at)] : [])));
}

async function html(page: JSX.Element): Promise<string> {
  return page.toString();
}

const archiveUrl = (c: Context, position: Position | undefined) =>
  position && pageUrl(declaredUrl(c).href, position);

/**
 * A reader's 404, or with `gone` a 410 (an expired publication): the site's
 * frame, a short explanation and the way back, in `lang`, else in the
 * reader's language by `Accept-Language`.
 */
export async function notFoundPage(
  c: Context<PageEnv>,
  site?: SiteRecord,
  { gone = false, lang }: { gone?: boolean; lang?: string } = {},
): Promise<Response> {
  const record = site ?? (await readSite(c.env.DB));
  const now = Date.now();
  const language = lang ?? negotiated(c, record);
  const { items } = await activeAlerts(c.env.DB, language, new Date(now).toISOString());
  const page = pageContext(c, record, language, now, items);
  const home = (language: string) => ({
    lang: language,
    href: `${page.origin}${localPath("/", { lang: language })}`,
  });
  const body = await html(
    <NotFoundPage
      page={page}
      gone={gone}
      // The address as asked for: any path can miss, `//` too, which a declared URL cannot be made of.
      frame={{ canonical: new URL(c.req.url).href, languages: record.languages.map(home) }}
    />,
  );
  return c.body(body, gone ? 410 : 404, {
    "Content-Type": HTML,
    ...(lang ? {} : { Vary: "Accept-Language" }),
  });
}

/** The site's 404 page, thrown from inside a cached read. */
async function notFound(c: Context<PageEnv>, site: SiteRecord, lang?: string): Promise<never> {
  throw new HTTPException(404, { res: await notFoundPage(c, site, { lang }) });
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
  const lang = languageOf(site, found.lang);
  const { items: alerts } = await activeAlerts(c.env.DB, lang, new Date(now).toISOString());
  const page = pageContext(c, site, lang, now, alerts);
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

/**
 * The bare address of a page that lives under a language's prefix: a
 * redirect to the reader's language by `Accept-Language`, else the
 * default's, the query kept. No shared cache keeps it: each reader may be
 * sent elsewhere, and a cache that keys on the whole header would hold a
 * copy per browser's wording of it for a redirect that costs one small read.
 * An old link's `?lang=` naming a site language moves for good instead.
 */
async function toLanguage(c: Context<PageEnv>, path: string): Promise<Response> {
  const site = await readSite(c.env.DB);
  const url = new URL(c.req.url);
  const asked = url.searchParams.get("lang");
  const named = asked ? lookupLanguage(asked, site.languages) : undefined;
  url.searchParams.delete("lang");
  const location = `${localPath(path, { lang: named ?? negotiated(c, site) })}${url.search}`;
  if (named) return c.redirect(location, 301);
  c.header("Vary", "Accept-Language");
  c.header("Cache-Control", "private, no-store");
  return c.redirect(location, 302);
}

const toLanguageDoc = (page: string) =>
  describeRoute({
    summary: `${page}: to the reader's language`,
    description:
      `Sends the reader to the ${page.toLowerCase()} in their language (\`Accept-Language\`), else the ` +
      "site's default language, the query kept. An old link's `lang` naming one of the site's languages " +
      "moves there for good (301).",
    tags: ["Site"],
    security: [],
    responses: {
      301: {
        description: "`lang` names one of the site's languages: its address, for good",
        headers: { Location: { description: "The page in that language", schema: { type: "string" } } },
      },
      302: {
        description: "The page in the reader's language; never kept by a shared cache",
        headers: {
          Location: { description: "The page in the reader's language", schema: { type: "string" } },
          Vary: { description: "`Accept-Language`", schema: { type: "string" } },
          "Cache-Control": { description: "`private, no-store`", schema: { type: "string" } },
        },
      },
    },
  });

const sitePage = (
  summary: string,
  description: string,
  answers?: DescribeRouteOptions["responses"],
  inLanguage = true,
) => {
  const operation = publicRead({
    summary,
    description,
    tags: ["Site"],
    answer: { description: "The page", content: text(HTML_TYPE) },
    answers: {
      ...(inLanguage && {
        404: {
          description: "The prefix is not one of the site's languages: the site's 404 page",
          content: text(HTML_TYPE),
        },
      }),
      ...answers,
    },
  });
  return describeRoute(
    inLanguage ? { ...operation, parameters: [LANG_PARAMETER, ...(operation.parameters ?? [])] } : operation,
  );
};

/**
 * The institution's own site: home, archive and search under each of its
 * languages' prefixes, publication pages at their own addresses, rendered on
 * the server and cached like the API.
 */
export const pages = new Hono<PageEnv>()
  .get("/", toLanguageDoc("Home page"), (c) => toLanguage(c, "/"))
  .get("/publications", toLanguageDoc("Archive"), (c) => toLanguage(c, "/publications"))
  .get("/search", toLanguageDoc("Search page"), (c) => toLanguage(c, "/search"))
  // A mistyped address is a reader's 404, not a client error: no slug could be there.
  .get(
    "/publications/:slug",
    sitePage(
      "A publication's page",
      "One publication in full, with its language versions, in its own language.",
      {
        404: {
          description: "No public publication has this slug: the site's 404 page",
          content: text(HTML_TYPE),
        },
        410: {
          description: "The publication has expired: a short notice in the site's layout",
          content: text(HTML_TYPE),
        },
      },
      false,
    ),
    pageHeaders,
    (c) => {
      const slug = c.req.param("slug");
      if (!v.is(Slug, slug)) return notFoundPage(c);
      return cachedRead(c, async () => {
        const now = Date.now();
        const nowIso = new Date(now).toISOString();
        const db = c.env.DB;
        const [found, neighbours, site, alerts] = await runAll(db, [
          publicationRead(db, slug, nowIso),
          neighboursRead(db, slug, nowIso),
          siteRead(db),
          activeAlertsRead(db, { languageOf: slug }, nowIso),
        ]);
        if (!found) return notFound(c, site);
        const lang = languageOf(site, found.publication.lang);
        if (hasExpired(found.publication, nowIso)) {
          throw new HTTPException(410, { res: await notFoundPage(c, site, { gone: true, lang }) });
        }
        const { publication } = found;
        const page = pageContext(c, site, lang, now, alerts.items);
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
        return { body, contentType: HTML, freshUntil: freshUntil(now, found.nextDueAt, alerts.nextDueAt) };
      });
    },
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
  .get(
    "/:lang/",
    sitePage(
      "Home page",
      "Today's date, the clocks, the counters and the latest publications, in one language.",
    ),
    pageHeaders,
    (c) =>
      cachedRead(c, async () => {
        const prefix = c.req.param("lang");
        const now = Date.now();
        const nowIso = new Date(now).toISOString();
        const db = c.env.DB;
        // One round trip to D1 for everything the page shows; the prefix is checked against the site read with it.
        const [site, board, latest, featured, alerts] = await runAll(db, [
          siteRead(db),
          countersRead(db),
          publicationsRead(db, { preferLang: prefix, limit: EVENTS, now: nowIso }),
          publicationsRead(db, {
            kinds: [...FEATURED_KINDS],
            preferLang: prefix,
            limit: 1,
            now: nowIso,
            withBody: true,
          }),
          activeAlertsRead(db, prefix, nowIso),
        ]);
        const lang = languageAtPrefix(prefix, site.languages);
        if (!lang) return notFound(c, site);
        const page = pageContext(c, site, lang, now, alerts.items);
        const counters = countersAt(board, now, lang);
        const events = latest.items.map((item) => withUrl(item, page.origin));
        // The very requests the elements make with the page's `lang`, so the widget starts from these answers.
        const eventsQuery = new URLSearchParams({
          limit: String(EVENTS),
          fields: EVENT_FIELDS,
          prefer_lang: lang,
        });
        const fields = EVENT_FIELDS.split(",") as (keyof PublicationSummary)[];
        const carried = {
          [`/api/v1/counters?lang=${lang}`]: counters,
          [`/api/v1/publications?${eventsQuery}`]: listBody(latest, page.origin, fields),
        };
        const body = await html(
          <HomePage
            page={page}
            counters={counters}
            featured={featured.items[0] && { body_html: "", ...withUrl(featured.items[0], page.origin) }}
            events={events}
            featuredKinds={FEATURED_KINDS}
            frame={{ canonical: declaredUrl(c).href, ...languageVersions(c, site, "/"), carried }}
          />,
        );
        return { body, contentType: HTML, freshUntil: freshUntil(now, latest.nextDueAt, alerts.nextDueAt) };
      }),
  )
  .get(
    "/:lang/publications",
    sitePage("Archive", "Every publication, newest first, a page at a time, one version of each text."),
    pageHeaders,
    valid("query", ArchiveQuery),
    (c) =>
      cachedRead(c, async () => {
        const prefix = c.req.param("lang");
        const query = c.req.valid("query");
        const now = Date.now();
        const nowIso = new Date(now).toISOString();
        const db = c.env.DB;
        const [site, list, alerts] = await runAll(db, [
          siteRead(db),
          publicationsRead(db, {
            kinds: query.kind,
            preferLang: prefix,
            tag: query.tag,
            limit: ARCHIVE_PAGE,
            position: query.cursor,
            now: nowIso,
          }),
          activeAlertsRead(db, prefix, nowIso),
        ]);
        const lang = languageAtPrefix(prefix, site.languages);
        if (!lang) return notFound(c, site);
        const page = pageContext(c, site, lang, now, alerts.items);
        const body = await html(
          <ArchivePage
            page={page}
            items={list.items.map((item) => withUrl(item, page.origin))}
            filter={query}
            newer={archiveUrl(c, list.prev)}
            older={archiveUrl(c, list.next)}
            frame={{ canonical: declaredUrl(c).href, ...languageVersions(c, site, "/publications") }}
          />,
        );
        return { body, contentType: HTML, freshUntil: freshUntil(now, list.nextDueAt, alerts.nextDueAt) };
      }),
  )
  .get(
    "/:lang/search",
    sitePage("Search page", "Publications that contain every word of `q`, one version of each text."),
    pageHeaders,
    valid("query", SearchPageQuery),
    (c) =>
      cachedRead(c, async () => {
        const prefix = c.req.param("lang");
        const { q } = c.req.valid("query");
        const now = Date.now();
        const nowIso = new Date(now).toISOString();
        // The prefix goes to the queries as it is (languages compare in lower case) and is checked with the site.
        const db = c.env.DB;
        const [[site, alerts], found] = await Promise.all([
          runAll(db, [siteRead(db), activeAlertsRead(db, prefix, nowIso)]),
          q === ""
            ? { items: [], nextDueAt: undefined }
            : searchPublications(db, {
                q,
                preferLang: prefix,
                limit: SEARCH_HITS,
                now: nowIso,
              }),
        ]);
        const lang = languageAtPrefix(prefix, site.languages);
        if (!lang) return notFound(c, site);
        const page = pageContext(c, site, lang, now, alerts.items);
        const body = await html(
          <SearchPage
            page={page}
            query={q}
            hits={found.items.map((hit) => withUrl(hit, page.origin))}
            frame={{ canonical: declaredUrl(c).href, ...languageVersions(c, site, "/search") }}
          />,
        );
        return { body, contentType: HTML, freshUntil: freshUntil(now, found.nextDueAt, alerts.nextDueAt) };
      }),
  )
  // The API's own misses stay problem+json: they fall through to the app's notFound.
  .get("*", pageHeaders, async (c, next) => {
    if (c.req.path.startsWith("/api/")) return next();
    const site = await readSite(c.env.DB);
    // A language's prefix typed without its slash finds its home page.
    const lang = languageAtPrefix(c.req.path.slice(1), site.languages);
    if (lang) return c.redirect(`${localPath("/", { lang })}${new URL(c.req.url).search}`, 301);
    return notFoundPage(c, site);
  });
