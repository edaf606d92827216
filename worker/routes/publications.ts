import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import type { AppEnv } from "../bindings";
import { findPublication, listPublications, type PublicationPage } from "../data/publications";
import { cachedRead, publicOrEditorRead } from "../http/cached-read";
import { json, publicRead } from "../http/operations";
import { problem } from "../http/problem";
import { valid } from "../http/validate";
import { encodeCursor, type Position } from "../schemas/cursor";
import {
  Publication,
  PublicationList,
  PublicationListQuery,
  type PublicationSummary,
  SlugParam,
} from "../schemas/publication";

/** A publication's page on the site. */
export const publicationUrl = (origin: string, slug: string) => `${origin}/publications/${slug}`;

/** The record with its page on the site, as every public read gives it. */
export function withUrl<T extends { slug: string }>(record: T, origin: string): T & { url: string } {
  return { ...record, url: publicationUrl(origin, record.slug) };
}

/** An item trimmed to the `fields` a client asked for. */
function pick(item: PublicationSummary, fields?: (keyof PublicationSummary)[]): Partial<PublicationSummary> {
  return fields ? Object.fromEntries(fields.map((field) => [field, item[field]])) : item;
}

/**
 * What `GET /api/v1/publications` answers for `page`: the home page carries
 * the same body for the widget, so the two are one piece of code.
 */
export function listBody(page: PublicationPage, origin: string, fields?: (keyof PublicationSummary)[]) {
  return {
    items: page.items.map((item) => pick(withUrl(item, origin), fields)),
    next_cursor: page.next ? encodeCursor(page.next) : null,
  };
}

/** The same request, at another page of the list. */
export function pageUrl(requestUrl: string, position: Position): string {
  const url = new URL(requestUrl);
  url.searchParams.set("cursor", encodeCursor(position));
  return url.href;
}

function linkHeader(requestUrl: string, links: { next?: Position; prev?: Position }): Record<string, string> {
  const parts = Object.entries(links).flatMap(([rel, position]) =>
    position ? [`<${pageUrl(requestUrl, position)}>; rel="${rel}"`] : [],
  );
  return parts.length > 0 ? { Link: parts.join(", ") } : {};
}

/** An expired publication's address answers 410 Gone: it was there, and is not coming back. */
export const hasExpired = (publication: { expires_at: string | null }, now: string) =>
  publication.expires_at !== null && publication.expires_at <= now;

/** A read by `status` is an editors' read: it needs a token with `publish`. */
export const BY_STATUS = "`status` was given";

export const publications = new Hono<AppEnv>()
  .get(
    "/",
    describeRoute(
      publicRead({
        summary: "List publications",
        description:
          "Published items whose publication instant has passed, newest first, keyset-paged. " +
          "Follow `next_cursor` or the `Link` header (`rel=next`, `rel=prev`) for more. " +
          "With `prefer_lang`, one version of each text, as the site's pages in that language list them.",
        tags: ["Publications"],
        answer: { description: "One page", content: json(PublicationList) },
        link: true,
        editorsWhen: BY_STATUS,
      }),
    ),
    valid("query", PublicationListQuery),
    (c) => {
      const query = c.req.valid("query");
      const read = async () => {
        const page = await listPublications(c.env.DB, {
          kinds: query.kind,
          lang: query.lang,
          preferLang: query.prefer_lang,
          tag: query.tag,
          limit: query.limit,
          position: query.cursor,
          now: new Date().toISOString(),
          statuses: query.status,
        });
        const origin = new URL(c.req.url).origin;
        return {
          body: listBody(page, origin, query.fields),
          freshUntil: page.nextDueAt ? Date.parse(page.nextDueAt) : undefined,
          headers: linkHeader(c.req.url, { next: page.next, prev: page.prev }),
        };
      };
      return publicOrEditorRead(c, query.status !== undefined, read);
    },
  )
  .get(
    "/:slug",
    describeRoute(
      publicRead({
        summary: "Get a publication",
        description: "One public publication with its sanitized HTML body and its language versions.",
        tags: ["Publications"],
        answer: { description: "The publication", content: json(Publication) },
        problems: { 404: "No public publication has this slug", 410: "The publication has expired" },
      }),
    ),
    valid("param", SlugParam),
    (c) => {
      const { slug } = c.req.valid("param");
      return cachedRead(c, async () => {
        const now = new Date().toISOString();
        const found = await findPublication(c.env.DB, slug, now);
        if (!found) throw problem(404, `No public publication has the slug "${slug}".`);
        if (hasExpired(found.publication, now)) {
          throw problem(410, `The publication "${slug}" expired on ${found.publication.expires_at}.`);
        }
        const origin = new URL(c.req.url).origin;
        const { publication } = found;
        return {
          body: {
            ...withUrl(publication, origin),
            translations: publication.translations.map((translation) => withUrl(translation, origin)),
          },
          freshUntil: found.nextDueAt ? Date.parse(found.nextDueAt) : undefined,
        };
      });
    },
  );
