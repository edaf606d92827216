import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import type { AppEnv } from "../bindings";
import { searchPublications } from "../data/search";
import { publicOrEditorRead } from "../http/cached-read";
import { json, publicRead } from "../http/operations";
import { valid } from "../http/validate";
import { SearchQuery, SearchResults } from "../schemas/search";
import { BY_STATUS, withUrl } from "./publications";

export const search = new Hono<AppEnv>().get(
  "/",
  describeRoute(
    publicRead({
      summary: "Search publications",
      description:
        "Public publications containing every word of `q`, best match first: a match in the title " +
        "counts more than one in the lead, and that more than one in the body. Each item carries a " +
        "`snippet` of plain text with the matches marked by `<mark>`, safe to put into a page as it is.",
      tags: ["Publications"],
      answer: { description: "The best matches, at most `limit`", content: json(SearchResults) },
      editorsWhen: BY_STATUS,
    }),
  ),
  valid("query", SearchQuery),
  (c) => {
    const query = c.req.valid("query");
    const read = async () => {
      const found = await searchPublications(c.env.DB, {
        q: query.q,
        lang: query.lang,
        kinds: query.kind,
        limit: query.limit,
        now: new Date().toISOString(),
        statuses: query.status,
      });
      const origin = new URL(c.req.url).origin;
      return {
        body: { query: query.q, items: found.items.map((item) => withUrl(item, origin)) },
        freshUntil: found.nextDueAt ? Date.parse(found.nextDueAt) : undefined,
      };
    };
    return publicOrEditorRead(c, query.status !== undefined, read);
  },
);
