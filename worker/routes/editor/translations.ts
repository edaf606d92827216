import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { readSite } from "../../data/site";
import { findTranslationGroup, listMissing, listOutdated, SCANNED } from "../../data/translations";
import { limitBody } from "../../http/body-limit";
import type { EditorEnv } from "../../http/editor-auth";
import { editorRead, editorWrite, json } from "../../http/operations";
import { problem } from "../../http/problem";
import { parseBody, valid } from "../../http/validate";
import { EditorPublication, IdParam } from "../../schemas/publication-input";
import {
  TranslationClash,
  TranslationDashboard,
  TranslationGroup,
  TranslationRequest,
  TranslationsQuery,
} from "../../schemas/translation";
import { translatePublication } from "../../writes/translations";
import { readJson, write } from "./shared";

const PUBLICATION = "/publications/by-id/:id{[0-9]+}";
const REQUEST_BYTES = 4 * 1024;

/**
 * Translation of publications: a linked draft in another of the site's
 * languages, where a text stands among its languages, and the dashboard of
 * what is missing or out of date.
 */
export const translations = new Hono<EditorEnv>()
  .post(
    `${PUBLICATION}/translations`,
    describeRoute(
      editorWrite({
        summary: "Translate a publication",
        description:
          "Makes a draft of the text in another of the site's languages, in the same translation group (the " +
          "source's slug names a new one, in the same batch), with the source's kind, tags and featured flag " +
          "and its title, lead and body to translate over; its slug is the source's with the language, and its " +
          "writer its author. It records which version of the source it was made from.",
        status: 201,
        body: json(TranslationRequest),
        answer: { description: "The new draft", content: json(EditorPublication) },
        problems: {
          404: "No publication has this id",
          409: "The text has a version in this language already (`translation` names it), or is archived",
          422: "`lang` is not one of the site's languages",
        },
        refusals: { 409: TranslationClash },
      }),
    ),
    limitBody(REQUEST_BYTES),
    valid("param", IdParam),
    async (c) => {
      const { text, value } = await readJson(c);
      const { lang } = parseBody(TranslationRequest, value);
      return write(c, text, (writer) => translatePublication(writer, c.req.valid("param").id, lang));
    },
  )
  .get(
    `${PUBLICATION}/translations`,
    describeRoute(
      editorRead({
        summary: "A publication's languages",
        description:
          "Its versions in the site's languages, the languages it has none in, what it was translated from, " +
          "and whether its source's words changed since it was last saved.",
        answer: { description: "Where it stands", content: json(TranslationGroup) },
        problems: { 404: "No publication has this id" },
      }),
    ),
    valid("param", IdParam),
    async (c) => {
      const { id } = c.req.valid("param");
      const group = await findTranslationGroup(c.env.DB, id);
      if (!group) throw problem(404, `No publication has the id ${id}.`);
      c.header("Cache-Control", "private, no-store");
      return c.json(group);
    },
  )
  .get(
    "/translations",
    describeRoute(
      editorRead({
        summary: "What to translate",
        description:
          "For the site's languages: texts out (published or scheduled) with no version in a language, one per " +
          `translation group, newest first, among the newest ${SCANNED} texts out; and translations whose ` +
          "source's words changed after the version " +
          "they were last saved from. Each list holds `limit` items at most (default 50, at most 100); " +
          "`more` says when there are others.",
        answer: { description: "The dashboard", content: json(TranslationDashboard) },
      }),
    ),
    valid("query", TranslationsQuery),
    async (c) => {
      const { limit } = c.req.valid("query");
      const db = c.env.DB;
      const [site, missing, outdated] = await Promise.all([
        readSite(db),
        listMissing(db, new Date().toISOString(), limit + 1),
        listOutdated(db, limit + 1),
      ]);
      c.header("Cache-Control", "private, no-store");
      return c.json({
        languages: site.languages,
        limit,
        missing: { items: missing.slice(0, limit), more: missing.length > limit },
        outdated: { items: outdated.slice(0, limit), more: outdated.length > limit },
      });
    },
  );
