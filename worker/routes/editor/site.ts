import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { limitBody } from "../../http/body-limit";
import type { EditorEnv } from "../../http/editor-auth";
import { editorWrite, json } from "../../http/operations";
import { parseBody } from "../../http/validate";
import { EditorSite, SitePatch } from "../../schemas/site";
import { editSite } from "../../writes/settings";
import { readJson, write } from "./shared";

// Every setting at its longest, each character escaped as `\uXXXX`, takes under 90 KB.
const SITE_BYTES = 128 * 1024;

/** Editors' changes to the site's settings; they need the `site` scope. */
export const editorSite = new Hono<EditorEnv>().patch(
  "/",
  describeRoute(
    editorWrite({
      summary: "Change the site's settings",
      description:
        "Name, IANA time zone, locale, date format, clocks, contacts, and whether someone other than the " +
        "author approves a text (`approver_must_differ`, which the public site does not show); any subset. Requires If-Match with the " +
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
