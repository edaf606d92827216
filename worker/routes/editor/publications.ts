import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import { findRevision, listRevisions } from "../../data/publication-writes";
import { limitBody } from "../../http/body-limit";
import type { EditorEnv } from "../../http/editor-auth";
import { editorAction, editorRead, editorWrite, json } from "../../http/operations";
import { problem } from "../../http/problem";
import { bodyText } from "../../http/request";
import { parseBody, valid } from "../../http/validate";
import { Revision, RevisionList } from "../../schemas/history";
import { ImportRefusal, ImportReport } from "../../schemas/import";
import {
  BodyPreview,
  BodyPreviewResult,
  EditorPublication,
  IdParam,
  PublicationInput,
  PublicationPatch,
  PublicationReplacement,
  Withdrawal,
} from "../../schemas/publication-input";
import { currentPublication } from "../../writes/clearance";
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
  withdrawPublication,
} from "../../writes/publications";
import { previewLinks } from "./preview-links";
import { readPublication } from "./publication-input";
import { readJson, write } from "./shared";

/** JSON of `schema`, or Markdown whose front matter carries its fields. */
const publicationBody = (schema: v.GenericSchema) => ({
  ...json(schema),
  "text/markdown": {
    schema: {
      type: "string" as const,
      description: "Markdown, with the fields in YAML front matter between `---` lines",
    },
  },
});

const saved = { description: "Saved", content: json(EditorPublication) };
const NO_ID = { 404: "No publication has this id" };

function describeEdit(summary: string, description: string, schema: v.GenericSchema) {
  return describeRoute(
    editorWrite({
      summary,
      description:
        `${description} Requires If-Match; a stale one answers 412 with the current version. ` +
        "A contributor edits their own drafts, an editor any draft, a publisher a text that is out; " +
        "publishing a text no one approved takes `without_approval`. An edit of an approved text voids " +
        "its approval.",
      status: 200,
      body: publicationBody(schema),
      ifMatch: "required",
      answer: saved,
      problems: NO_ID,
    }),
  );
}
const VersionParam = v.object({
  ...IdParam.entries,
  version: v.pipe(v.string(), v.regex(/^[1-9]\d{0,8}$/, "must be a version number"), v.transform(Number)),
});

// One JSON value per line goes by several names.
const NDJSON_TYPES = ["application/x-ndjson", "application/jsonl", "application/x-jsonlines"];
const NDJSON = new RegExp(`^(?:${NDJSON_TYPES.join("|")})\\b`, "i");

const PUBLICATION_BYTES = 1024 * 1024;
const IMPORT_BYTES = 16 * 1024 * 1024;
const WITHDRAWAL_BYTES = 16 * 1024;

/** Editors' reads and writes of publications; all need the `publish` scope. */
export const editorPublications = new Hono<EditorEnv>()
  .route("/by-id/:id{[0-9]+}/previews", previewLinks)
  .post(
    "/",
    describeRoute(
      editorWrite({
        summary: "Create a publication",
        description:
          "JSON, or `text/markdown` with front matter. The body is sanitized before it is stored. " +
          "`Idempotency-Key` makes a retried POST create one publication. Its writer is its author. " +
          "Publishing (a publisher or above) takes `without_approval`: a new text has no approval yet.",
        status: 201,
        body: publicationBody(PublicationInput),
        answer: { description: "Created", content: json(EditorPublication) },
        problems: {
          409: "Another publication has this slug, or a request with this `Idempotency-Key` is in progress",
        },
      }),
    ),
    limitBody(PUBLICATION_BYTES),
    async (c) => {
      const { text, value } = await readPublication(c);
      return write(c, text, (writer) => createPublication(writer, parseBody(PublicationInput, value)));
    },
  )
  .get(
    "/by-id/:id{[0-9]+}",
    describeRoute(
      editorRead({
        summary: "Read a publication as an editor",
        description: "Any status; the ETag is what If-Match takes.",
        answer: { description: "The publication", content: json(EditorPublication) },
        problems: NO_ID,
      }),
    ),
    valid("param", IdParam),
    async (c) => {
      const { id } = c.req.valid("param");
      const publication = await currentPublication(c.env.DB, id);
      c.header("ETag", etagOf(publication.version));
      c.header("Cache-Control", "private, no-store");
      return c.json(publication);
    },
  )
  .patch(
    "/by-id/:id{[0-9]+}",
    describeEdit(
      "Change some fields of a publication",
      "Fields left out keep their values; `expires_at: null` lifts an expiry. An edit of a published text " +
        "may carry a public `change_note`, or `minor: true` for none.",
      PublicationPatch,
    ),
    limitBody(PUBLICATION_BYTES),
    valid("param", IdParam),
    async (c) => {
      const { text, value } = await readPublication(c);
      const patch = parseBody(PublicationPatch, value);
      return write(c, text, (writer) =>
        editPublication(
          writer,
          c.req.valid("param").id,
          (stored, now) => storedFromPatch(patch, stored, now),
          patch,
        ),
      );
    },
  )
  .put(
    "/by-id/:id{[0-9]+}",
    describeEdit(
      "Replace a publication",
      "Fields left out take their defaults; a withdrawal stays. An edit of a published text may carry a " +
        "public `change_note`, or `minor: true` for none.",
      PublicationReplacement,
    ),
    limitBody(PUBLICATION_BYTES),
    valid("param", IdParam),
    async (c) => {
      const { text, value } = await readPublication(c);
      const input = parseBody(PublicationReplacement, value);
      return write(c, text, (writer) =>
        editPublication(
          writer,
          c.req.valid("param").id,
          (_stored, now) => storedFromInput(input, now),
          input,
        ),
      );
    },
  )
  .delete(
    "/by-id/:id{[0-9]+}",
    describeRoute(
      editorWrite({
        summary: "Archive a publication",
        description: "Soft: it leaves public reads and can be restored. If-Match is optional here.",
        status: 200,
        ifMatch: "optional",
        answer: { description: "Archived", content: json(EditorPublication) },
        problems: NO_ID,
      }),
    ),
    valid("param", IdParam),
    (c) => write(c, "", (writer) => archivePublication(writer, c.req.valid("param").id)),
  )
  .post(
    "/by-id/:id{[0-9]+}/restore",
    describeRoute(
      editorWrite({
        summary: "Restore an archived publication",
        description: "It returns to the status it had before it was archived.",
        status: 200,
        answer: { description: "Restored", content: json(EditorPublication) },
        problems: {
          ...NO_ID,
          409: "The publication is not archived",
          412: "The publication changed while it was being restored; read it and retry",
        },
      }),
    ),
    valid("param", IdParam),
    (c) => write(c, "", (writer) => restorePublication(writer, c.req.valid("param").id)),
  )
  .post(
    "/by-id/:id{[0-9]+}/withdraw",
    describeRoute(
      editorWrite({
        summary: "Withdraw a published text",
        description:
          'The text stays at its address under "Withdrawn on DATE: REASON"; it leaves lists, search and ' +
          "the sitemap, and feeds carry it as an updated entry. Requires If-Match.",
        status: 200,
        body: json(Withdrawal),
        ifMatch: "required",
        answer: { description: "Withdrawn", content: json(EditorPublication) },
        problems: { ...NO_ID, 409: "The publication is not published, or was withdrawn already" },
      }),
    ),
    limitBody(WITHDRAWAL_BYTES),
    valid("param", IdParam),
    async (c) => {
      const { text, value } = await readJson(c);
      const { reason } = parseBody(Withdrawal, value);
      return write(c, text, (writer) => withdrawPublication(writer, c.req.valid("param").id, reason));
    },
  )
  .get(
    "/by-id/:id{[0-9]+}/revisions",
    describeRoute(
      editorRead({
        summary: "List a publication's revisions",
        description: "Every saved version, newest first; read one to see its bodies.",
        answer: { description: "The revisions", content: json(RevisionList) },
        problems: NO_ID,
      }),
    ),
    valid("param", IdParam),
    async (c) => {
      const { id } = c.req.valid("param");
      await currentPublication(c.env.DB, id);
      c.header("Cache-Control", "private, no-store");
      return c.json({ revisions: await listRevisions(c.env.DB, id) });
    },
  )
  .get(
    "/by-id/:id{[0-9]+}/revisions/:version{[0-9]+}",
    describeRoute(
      editorRead({
        summary: "Read one revision",
        description: "The publication's fields as saved in this version, both bodies included.",
        answer: { description: "The revision", content: json(Revision) },
        problems: { 404: "The publication has no such version" },
      }),
    ),
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
    "/by-id/:id{[0-9]+}/revisions/:version{[0-9]+}/restore",
    describeRoute(
      editorWrite({
        summary: "Restore a revision",
        description: "Saves the revision's fields as a new version. Requires If-Match.",
        status: 200,
        ifMatch: "required",
        answer: { description: "Restored", content: json(EditorPublication) },
        problems: { 404: "The publication has no such version" },
      }),
    ),
    valid("param", VersionParam),
    (c) => {
      const { id, version } = c.req.valid("param");
      return write(c, "", (writer) => restoreRevision(writer, id, version));
    },
  );

/** What a body will look like once saved; needs the `publish` scope. */
export const previews = new Hono<EditorEnv>().post(
  "/",
  describeRoute(
    editorAction({
      summary: "Preview a body",
      description:
        "Renders Markdown (or takes HTML) and sanitizes it exactly as a save would, storing nothing: " +
        "what the page will show.",
      body: json(BodyPreview),
      answer: { description: "The sanitized HTML", content: json(BodyPreviewResult) },
    }),
  ),
  limitBody(PUBLICATION_BYTES),
  async (c) => {
    const input = parseBody(BodyPreview, (await readJson(c)).value);
    c.header("Cache-Control", "private, no-store");
    return c.json({ body_html: await safeBody(input.body, input.body_format) });
  },
);

/** Publications in bulk, from NDJSON; needs the `publish` scope. */
export const imports = new Hono<EditorEnv>().post(
  "/",
  describeRoute(
    editorWrite({
      summary: "Import publications from NDJSON",
      description:
        `One publication per line (JSON), at most ${IMPORT_LIMIT} lines. Every line is checked before anything ` +
        "is written; then all are written in one batch, or none. The answer reports each line.",
      status: 201,
      body: Object.fromEntries(
        NDJSON_TYPES.map((type) => [
          type,
          {
            schema: {
              type: "string",
              description: "One JSON publication per line, as `POST /api/v1/publications` takes",
            },
          },
        ]),
      ),
      answer: { description: "All lines imported", content: json(ImportReport) },
      problems: {
        413: `The body is larger than 16 MB, or holds more than ${IMPORT_LIMIT} lines`,
        422: "Nothing was imported: `lines` says what is wrong with each line",
      },
      refusals: { 422: ImportRefusal },
    }),
  ),
  limitBody(IMPORT_BYTES),
  async (c) => {
    if (!NDJSON.test(c.req.header("Content-Type") ?? "")) {
      throw problem(415, "Send the import as application/x-ndjson: one JSON publication per line.");
    }
    const text = await bodyText(c.req.raw);
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
    return write(c, text, (writer) => importPublications(writer, lines));
  },
);
