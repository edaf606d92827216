import { type Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import { ACCEPTED, PDF, sniff } from "../content/magic";
import { auditUpload, IMMUTABLE, mediaKey, storeMedia, type Upload } from "../data/media";
import { limitBody } from "../http/body-limit";
import { isNotModified } from "../http/conditional";
import type { EditorEnv } from "../http/editor-auth";
import { editorAction, json, publicRead } from "../http/operations";
import { problem } from "../http/problem";
import { valid } from "../http/validate";
import { StoredMedia } from "../schemas/media";
import { actorOf } from "./editor/shared";

const MAX_BYTES = 10 * 1024 * 1024;
// A form wraps the file in a boundary and part headers. Room for them keeps
// a 10 MB file sent as a form from being refused for its wrapping; the file
// itself is then measured on its own.
const FORM_OVERHEAD = 64 * 1024;

const NAMES = ACCEPTED.map((type) => type.name).join(", ");
const TYPES = ACCEPTED.map((type) => type.contentType);

const TOO_LARGE = "The file is larger than 10 MB.";
const rawLimit = limitBody(MAX_BYTES, TOO_LARGE);
const formLimit = limitBody(MAX_BYTES + FORM_OVERHEAD, TOO_LARGE);

const isForm = (c: Context) => /^multipart\/form-data\b/i.test(c.req.header("Content-Type") ?? "");

/** Counts the body as it streams, so an oversize upload is never read whole. */
const limitUpload = createMiddleware<EditorEnv>((c, next) => (isForm(c) ? formLimit : rawLimit)(c, next));

const KEY = new RegExp(`^[0-9a-f]{32}\\.(?:${ACCEPTED.map((type) => type.extension).join("|")})$`);
const KeyParam = v.object({
  key: v.pipe(v.string(), v.regex(KEY, "must be a key an upload answered with, such as 0123…cdef.png")),
});

/**
 * The file's own name without any folder a browser put before it, and with
 * no control characters: it is kept only to tell people which file this was.
 */
function cleanFilename(name: string): string | undefined {
  const base = name
    .split(/[/\\]/)
    .pop()
    ?.replace(/\p{Cc}/gu, "")
    .trim();
  return base ? base.slice(0, 200) : undefined;
}

/** The one `file` of a multipart form, with its name. */
async function readForm(c: Context): Promise<{ bytes: Uint8Array; filename?: string }> {
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch (error) {
    throw problem(400, `The form could not be read: ${(error as Error).message}.`);
  }
  // Forms hold files at our compatibility date; the runtime's types still say strings.
  const files = form.getAll("file") as unknown as (File | string)[];
  if (files.length !== 1 || !(files[0] instanceof File)) {
    throw problem(422, "Send exactly one file, in the form's `file` field.", {
      "invalid-params": [{ name: "file", reason: "must be one file" }],
    });
  }
  const file = files[0];
  if (file.size > MAX_BYTES) throw problem(413, TOO_LARGE);
  return { bytes: new Uint8Array(await file.arrayBuffer()), filename: cleanFilename(file.name) };
}

/** The uploaded file, its type told by its bytes, whatever the request declared. */
async function readUpload(c: Context): Promise<Upload> {
  const { bytes, filename } = isForm(c)
    ? await readForm(c)
    : { bytes: new Uint8Array(await c.req.arrayBuffer()), filename: undefined };
  if (bytes.byteLength === 0) throw problem(400, "The file is empty.");
  const type = sniff(bytes);
  if (!type) {
    throw problem(
      415,
      `The file is none of the accepted types (${NAMES}); its type is read from its content, not declared.`,
      { accepted: TYPES },
      { "Accept-Post": TYPES.join(", ") },
    );
  }
  return { bytes, type, filename };
}

/** Headers a stored file is served with, on a 200 and a 304 alike. */
function servingHeaders(object: R2Object): Headers {
  const type = object.httpMetadata?.contentType ?? "application/octet-stream";
  const headers = new Headers({
    "Content-Type": type,
    "Content-Length": String(object.size),
    "Cache-Control": IMMUTABLE,
    ETag: object.httpEtag,
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": "inline",
  });
  // A PDF may carry JavaScript: it is downloaded rather than opened in our
  // origin, and sandboxed should a browser open it anyway. (Chrome's viewer
  // refuses sandboxed PDFs inline, so inline with sandbox would show nothing.)
  if (type === PDF.contentType) {
    headers.set("Content-Disposition", "attachment");
    headers.set("Content-Security-Policy", "sandbox");
  }
  return headers;
}

const binary = { schema: { type: "string" as const, format: "binary" } };

/** Images and PDFs for publications: editors upload them, anyone may fetch them. */
export const media = new Hono<EditorEnv>()
  .post(
    "/api/v1/media",
    describeRoute(
      editorAction({
        summary: "Upload an image or a PDF",
        description:
          "The file as the raw body, or as the `file` field of a `multipart/form-data` form; at most 10 MB. " +
          `Its type is read from its first bytes, never from what the request declares: ${NAMES}. ` +
          "A file is stored under a key made from its content, so the same file uploaded again keeps its key.",
        body: {
          ...Object.fromEntries(TYPES.map((type) => [type, binary])),
          "multipart/form-data": {
            schema: { type: "object", properties: { file: binary.schema }, required: ["file"] },
          },
        },
        answer: {
          description: "This file was stored already; its key is the same",
          content: json(StoredMedia),
        },
        created: "Stored; `Location` and `url` say where it is served",
        problems: {
          400: "The body or form cannot be read, or the file is empty",
          413: "The file is larger than 10 MB",
          415: "The file is none of the accepted types",
          422: "The form does not hold exactly one file in its `file` field",
        },
      }),
    ),
    limitUpload,
    async (c) => {
      const upload = await readUpload(c);
      const key = await mediaKey(upload);
      const actor = actorOf(c);
      const created = await storeMedia(c.env.MEDIA, key, upload, actor.name);
      // After the write, so the log never names a file that failed to store.
      await auditUpload(c.env.DB, actor, { key, upload, created });
      const url = new URL(`/media/${key}`, c.req.url).href;
      c.header("Location", url);
      const body = { key, url, content_type: upload.type.contentType, bytes: upload.bytes.byteLength };
      return c.json(body, created ? 201 : 200);
    },
  )
  .get(
    "/media/:key",
    describeRoute(
      publicRead({
        summary: "A stored image or PDF",
        description: "Never changes under its key: cached for a year, revalidated with its ETag.",
        tags: ["Media"],
        answer: { description: "The file", content: Object.fromEntries(TYPES.map((type) => [type, binary])) },
        problems: { 404: "No file has this key" },
        fromCache: false,
      }),
    ),
    valid("param", KeyParam),
    async (c) => {
      const { key } = c.req.valid("param");
      const ifNoneMatch = c.req.header("If-None-Match");
      // A HEAD or a revalidation needs only the metadata: the body is opened only to be sent.
      const head = c.req.method === "HEAD" || ifNoneMatch ? await c.env.MEDIA.head(key) : null;
      if (head && isNotModified(ifNoneMatch, head.httpEtag)) {
        const headers = servingHeaders(head);
        headers.delete("Content-Length");
        return new Response(null, { status: 304, headers });
      }
      // Hono answers HEAD with this GET handler, so it must not open a body.
      const object = c.req.method === "HEAD" ? head : await c.env.MEDIA.get(key);
      if (!object) throw problem(404, `No file is stored under the key ${key}.`);
      return new Response("body" in object ? (object as R2ObjectBody).body : null, {
        headers: servingHeaders(object),
      });
    },
  );
