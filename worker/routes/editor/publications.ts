import { Hono } from "hono";
import { describeRoute, resolver } from "hono-openapi";
import * as v from "valibot";
import { findPublicationById, findRevision, listRevisions } from "../../data/publication-writes";
import { limitBody } from "../../http/body-limit";
import type { EditorEnv } from "../../http/editor-auth";
import { problem } from "../../http/problem";
import { parseBody, valid } from "../../http/validate";
import { Revision, RevisionList } from "../../schemas/history";
import {
  BodyPreview,
  BodyPreviewResult,
  EditorPublication,
  IdParam,
  PublicationInput,
  PublicationPatch,
} from "../../schemas/publication-input";
import { etagOf } from "../../writes/commit";
import { safeBody, storedFromInput, storedFromPatch } from "../../writes/publication-fields";
import {
  archivePublication,
  createPublication,
  editPublication,
  IMPORT_LIMIT,
  importPublications,
  restorePublication,
  restoreRevision,
} from "../../writes/publications";
import { readPublication } from "./publication-input";
import { editorDoc, readJson, write } from "./shared";

function describeEdit(summary: string, description: string, schema: v.GenericSchema) {
  return describeRoute({
    summary,
    description: `${description} Requires If-Match; a stale one answers 412 with the current version.`,
    ...editorDoc,
    requestBody: { content: { "application/json": { schema: resolver(schema) } } },
    responses: { 200: { description: "Saved", ...json(EditorPublication) } },
  });
}

const json = (schema: v.GenericSchema) => ({ content: { "application/json": { schema: resolver(schema) } } });
const VersionParam = v.object({
  ...IdParam.entries,
  version: v.pipe(v.string(), v.regex(/^[1-9]\d{0,8}$/, "must be a version number"), v.transform(Number)),
});

const PUBLICATION_BYTES = 1024 * 1024;
const IMPORT_BYTES = 16 * 1024 * 1024;

/** Editors' reads and writes of publications; all need the `publish` scope. */
export const editorPublications = new Hono<EditorEnv>()
  .post(
    "/",
    describeRoute({
      summary: "Create a publication",
      description:
        "JSON, or `text/markdown` with front matter. The body is sanitized before it is stored. " +
        "`Idempotency-Key` makes a retried POST create one publication.",
      ...editorDoc,
      requestBody: { content: { "application/json": { schema: resolver(PublicationInput) } } },
      responses: { 201: { description: "Created", ...json(EditorPublication) } },
    }),
    limitBody(PUBLICATION_BYTES),
    async (c) => {
      const { text, value } = await readPublication(c);
      return write(c, text, (writer) => createPublication(writer, parseBody(PublicationInput, value)));
    },
  )
  .post(
    "/preview",
    describeRoute({
      summary: "Preview a body",
      description:
        "Renders Markdown (or takes HTML) and sanitizes it exactly as a save would, storing nothing: " +
        "what the page will show.",
      ...editorDoc,
      requestBody: { content: { "application/json": { schema: resolver(BodyPreview) } } },
      responses: { 200: { description: "The sanitized HTML", ...json(BodyPreviewResult) } },
    }),
    limitBody(PUBLICATION_BYTES),
    async (c) => {
      const input = parseBody(BodyPreview, (await readJson(c)).value);
      c.header("Cache-Control", "private, no-store");
      return c.json({ body_html: await safeBody(input.body, input.body_format) });
    },
  )
  .post(
    "/import",
    describeRoute({
      summary: "Import publications from NDJSON",
      description:
        `One publication per line (JSON), at most ${IMPORT_LIMIT} lines. Every line is checked before anything ` +
        "is written; then all are written in one batch, or none. The answer reports each line.",
      ...editorDoc,
      responses: {
        201: { description: "All lines imported" },
        422: { description: "Nothing imported: see `lines`" },
      },
    }),
    limitBody(IMPORT_BYTES),
    async (c) => {
      if (!/^application\/(x-ndjson|jsonl|x-jsonlines)\b/i.test(c.req.header("Content-Type") ?? "")) {
        throw problem(415, "Send the import as application/x-ndjson: one JSON publication per line.");
      }
      const text = await c.req.text();
      const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
      return write(c, text, (writer) => importPublications(writer, lines));
    },
  )
  .get(
    "/:id{[0-9]+}",
    describeRoute({
      summary: "Read a publication as an editor",
      description: "Any status; the ETag is what If-Match takes.",
      ...editorDoc,
      responses: { 200: { description: "The publication", ...json(EditorPublication) } },
    }),
    valid("param", IdParam),
    async (c) => {
      const { id } = c.req.valid("param");
      const publication = await findPublicationById(c.env.DB, id);
      if (!publication) throw problem(404, `No publication has the id ${id}.`);
      c.header("ETag", etagOf(publication.version));
      c.header("Cache-Control", "private, no-store");
      return c.json(publication);
    },
  )
  .patch(
    "/:id{[0-9]+}",
    describeEdit(
      "Change some fields of a publication",
      "Fields left out keep their values.",
      PublicationPatch,
    ),
    limitBody(PUBLICATION_BYTES),
    valid("param", IdParam),
    async (c) => {
      const { text, value } = await readPublication(c);
      const patch = parseBody(PublicationPatch, value);
      return write(c, text, (writer) =>
        editPublication(writer, c.req.valid("param").id, (stored, now) =>
          storedFromPatch(patch, stored, now),
        ),
      );
    },
  )
  .put(
    "/:id{[0-9]+}",
    describeEdit("Replace a publication", "Fields left out take their defaults.", PublicationInput),
    limitBody(PUBLICATION_BYTES),
    valid("param", IdParam),
    async (c) => {
      const { text, value } = await readPublication(c);
      const input = parseBody(PublicationInput, value);
      return write(c, text, (writer) =>
        editPublication(writer, c.req.valid("param").id, (_stored, now) => storedFromInput(input, now)),
      );
    },
  )
  .delete(
    "/:id{[0-9]+}",
    describeRoute({
      summary: "Archive a publication",
      description: "Soft: it leaves public reads and can be restored. If-Match is optional here.",
      ...editorDoc,
      responses: { 200: { description: "Archived", ...json(EditorPublication) } },
    }),
    valid("param", IdParam),
    (c) => write(c, "", (writer) => archivePublication(writer, c.req.valid("param").id)),
  )
  .post(
    "/:id{[0-9]+}/restore",
    describeRoute({
      summary: "Restore an archived publication",
      description: "It returns to the status it had before it was archived.",
      ...editorDoc,
      responses: { 200: { description: "Restored", ...json(EditorPublication) } },
    }),
    valid("param", IdParam),
    (c) => write(c, "", (writer) => restorePublication(writer, c.req.valid("param").id)),
  )
  .get(
    "/:id{[0-9]+}/revisions",
    describeRoute({
      summary: "List a publication's revisions",
      description: "Every saved version, newest first; read one to see its bodies.",
      ...editorDoc,
      responses: { 200: { description: "The revisions", ...json(RevisionList) } },
    }),
    valid("param", IdParam),
    async (c) => {
      const { id } = c.req.valid("param");
      if (!(await findPublicationById(c.env.DB, id))) throw problem(404, `No publication has the id ${id}.`);
      c.header("Cache-Control", "private, no-store");
      return c.json({ revisions: await listRevisions(c.env.DB, id) });
    },
  )
  .get(
    "/:id{[0-9]+}/revisions/:version{[0-9]+}",
    describeRoute({
      summary: "Read one revision",
      description: "The publication's fields as saved in this version, both bodies included.",
      ...editorDoc,
      responses: { 200: { description: "The revision", ...json(Revision) } },
    }),
    valid("param", VersionParam),
    async (c) => {
      const { id, version } = c.req.valid("param");
      const revision = await findRevision(c.env.DB, id, version);
      if (!revision) throw problem(404, `Publication ${id} has no version ${version}.`);
      c.header("Cache-Control", "private, no-store");
      return c.json({ version, ...revision });
    },
  )
  .post(
    "/:id{[0-9]+}/revisions/:version{[0-9]+}/restore",
    describeRoute({
      summary: "Restore a revision",
      description: "Saves the revision's fields as a new version. Requires If-Match.",
      ...editorDoc,
      responses: { 200: { description: "Restored", ...json(EditorPublication) } },
    }),
    valid("param", VersionParam),
    (c) => {
      const { id, version } = c.req.valid("param");
      return write(c, "", (writer) => restoreRevision(writer, id, version));
    },
  );
