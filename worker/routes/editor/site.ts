import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { findSite } from "../../data/editor-writes";
import { limitBody } from "../../http/body-limit";
import type { EditorEnv } from "../../http/editor-auth";
import { editorRead, editorWrite, json } from "../../http/operations";
import { parseBody } from "../../http/validate";
import { EditorSite, SitePatch } from "../../schemas/site";
import { etagOf } from "../../writes/commit";
import { editSite } from "../../writes/settings";
import { readJson, write } from "./shared";

// Every setting at its longest, each character escaped as `\uXXXX`, takes under 90 KB.
const SITE_BYTES = 128 * 1024;

/** Editors' changes to the site's settings; they need the `site` scope. */
export const editorSite = new Hono<EditorEnv>()
  .get(
    "/settings",
    describeRoute(
      editorRead({
        summary: "Read the site's settings as an editor",
        description:
          "Every setting in the default language, the words written in each other language (`translations`), " +
          "the languages the interface has a catalogue in (`catalogues`), and the clearance policy; the ETag " +
          "is what If-Match takes.",
        answer: { description: "The site's settings", content: json(EditorSite) },
      }),
    ),
    async (c) => {
      const settings = await findSite(c.env.DB);
      c.header("ETag", etagOf(settings.version));
      c.header("Cache-Control", "private, no-store");
      return c.json(settings);
    },
  )
  .patch(
    "/",
    describeRoute(
      editorWrite({
        summary: "Change the site's settings",
        description:
          "Name, IANA time zone, locale, date format, clocks, contacts, languages (the default first), " +
          "`translations` (per other language, its name, clock labels and contacts; what is left out falls back " +
          "to the default language's), and whether someone other than the " +
          "author approves a text (`approver_must_differ`, which the public site does not show); any subset. " +
          "Translations are only for the site's languages other than the default (those in the same change, " +
          "else those stored), their clock labels and contact fields no more than the default language has. " +
          "Removing a language drops its translations in the same write; making another language the default " +
          "brings its words forward and keeps the old default's as its translation, before the change's own " +
          "words apply. Requires If-Match with the " +
          "version last read (`GET /api/v1/site` gives it); a stale one answers 412 with the current version.",
        status: 200,
        body: json(SitePatch),
        ifMatch: "required",
        answer: { description: "The site as saved", content: json(EditorSite) },
        problems: { 413: "The body is larger than 128 KB" },
      }),
    ),
    limitBody(SITE_BYTES),
    async (c) => {
      const { text, value } = await readJson(c);
      const patch = parseBody(SitePatch, value);
      return write(c, text, (writer) => editSite(writer, patch));
    },
  );
