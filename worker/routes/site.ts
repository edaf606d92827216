import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import type { AppEnv } from "../bindings";
import { readSite } from "../data/site";
import { cachedRead } from "../http/cached-read";
import { json, publicRead } from "../http/operations";
import { valid } from "../http/validate";
import { defaultLanguage, lookupLanguage, siteIn } from "../languages";
import { PublicSite, SiteQuery } from "../schemas/site";

export const site = new Hono<AppEnv>().get(
  "/",
  describeRoute(
    publicRead({
      summary: "Site settings",
      description:
        "The site's name, time zone, locale, date format, clocks, contacts and languages (the default first), " +
        "its words in the language `lang` finds, each falling back to the default language's where no " +
        "translation was written; `lang` in the answer says which language that is. `version` is what an " +
        "editor's change names in If-Match.",
      tags: ["Site"],
      answer: { description: "The site in one of its languages", content: json(PublicSite) },
    }),
  ),
  valid("query", SiteQuery),
  (c) => {
    const { lang } = c.req.valid("query");
    return cachedRead(c, async () => {
      const stored = await readSite(c.env.DB);
      const chosen = (lang && lookupLanguage(lang, stored.languages)) ?? defaultLanguage(stored);
      const body = siteIn(stored, chosen);
      // Partner sites read this answer: the emblem's address must name our origin.
      return { body: { ...body, emblem: body.emblem && new URL(body.emblem, c.req.url).href } };
    });
  },
);
