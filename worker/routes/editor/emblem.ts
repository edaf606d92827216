import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { limitBody } from "../../http/body-limit";
import type { EditorEnv } from "../../http/editor-auth";
import { editorWrite, json } from "../../http/operations";
import { invalidParams } from "../../http/problem";
import { parseBody } from "../../http/validate";
import { Emblem, EmblemInput } from "../../schemas/emblem";
import { removeEmblem, setEmblem } from "../../writes/emblem";
import { readJson, write } from "./shared";

// A key and its field name: anything longer is not this body.
const EMBLEM_BYTES = 1024;

/**
 * The institution's emblem, shown in the masthead, as the favicon and as
 * the link-preview image of pages without one of their own. Editors upload
 * the image to `POST /api/v1/media` first, then name it here.
 */
export const editorEmblem = new Hono<EditorEnv>()
  .put(
    "/",
    describeRoute(
      editorWrite({
        summary: "Show an uploaded image as the site's emblem",
        description:
          "Names, by `key`, a PNG, JPEG or WebP image uploaded with `POST /api/v1/media`; it replaces any " +
          "emblem before it. The masthead, the favicon and link previews show it; `GET /api/v1/site` answers " +
          "its address as `emblem`.",
        status: 200,
        body: json(EmblemInput),
        answer: { description: "The emblem as saved", content: json(Emblem) },
        problems: {
          413: "The body is larger than 1 KB",
          422: "`key` is not the key of an uploaded PNG, JPEG or WebP image (`invalid-params` says which)",
        },
      }),
    ),
    limitBody(EMBLEM_BYTES),
    async (c) => {
      const { text, value } = await readJson(c);
      const { key } = parseBody(EmblemInput, value);
      if (!(await c.env.MEDIA.head(key))) {
        throw invalidParams([{ name: "key", reason: "names no uploaded file: upload it first" }], 422);
      }
      return write(c, text, (writer) => setEmblem(writer, key, new URL(c.req.url).origin));
    },
  )
  .delete(
    "/",
    describeRoute(
      editorWrite({
        summary: "Take the site's emblem down",
        description:
          "The site goes without an emblem; the image stays in the media store. Done twice, it is no error.",
        status: 204,
        answer: { description: "The site has no emblem" },
      }),
    ),
    (c) => write(c, "", removeEmblem),
  );
