import { type Context, Hono } from "hono";
import { describeRoute, resolver } from "hono-openapi";
import * as v from "valibot";
import {
  findPublicationById,
  findRevision,
  insertPublication,
  insertStatement,
  isSlugTaken,
  listRevisions,
  oversizedBody,
  type StoredFields,
  updatePublication,
} from "../../data/publication-writes";
import type { Database } from "../../data/sql";
import { limitBody } from "../../http/body-limit";
import type { EditorEnv } from "../../http/editor-auth";
import { idempotent } from "../../http/idempotency";
import { problem } from "../../http/problem";
import { fieldIssues, parseBody, valid } from "../../http/validate";
import { Revision, RevisionList } from "../../schemas/history";
import {
  BodyPreview,
  BodyPreviewResult,
  EditorPublication,
  IdParam,
  PublicationInput,
  PublicationPatch,
} from "../../schemas/publication-input";
import { readPublication, safeBody, storedFromInput, storedFromPatch } from "./publication-input";
import { actorOf, editorDoc, readJson } from "./shared";

const IMPORT_LIMIT = 1000;

interface ImportLine {
  line: number;
  status: "valid" | "invalid";
  slug?: string;
  errors?: { name: string; reason: string }[];
  fields?: StoredFields;
}

/** One NDJSON line, parsed and checked; nothing is written here. */
async function checkLine(text: string, now: string): Promise<Omit<ImportLine, "line">> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      status: "invalid",
      errors: [{ name: "line", reason: `is not JSON: ${(error as Error).message}` }],
    };
  }
  const parsed = v.safeParse(PublicationInput, value, { abortPipeEarly: true });
  if (!parsed.success) return { status: "invalid", errors: fieldIssues(parsed.issues, "line") };
  try {
    const fields = await storedFromInput(parsed.output, now);
    const tooLarge = oversizedBody(fields);
    if (tooLarge) return { status: "invalid", errors: [{ name: "body", reason: tooLarge }] };
    return { status: "valid", slug: fields.slug, fields };
  } catch (error) {
    return { status: "invalid", errors: [{ name: "body", reason: (error as Error).message }] };
  }
}

/** Marks lines whose slug repeats in the file or is already taken. */
async function withSlugClashes(db: Database, lines: Omit<ImportLine, "line">[]): Promise<ImportLine[]> {
  const slugs = lines.flatMap((line) => (line.slug ? [line.slug] : []));
  const { results } = await db
    .prepare("SELECT slug FROM publications WHERE slug IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(slugs))
    .all<{ slug: string }>();
  const taken = new Set(results.map((row) => row.slug));
  const seen = new Set<string>();
  return lines.map((line, index) => {
    const slug = line.slug;
    const clash =
      slug &&
      (taken.has(slug)
        ? "is taken by an existing publication"
        : seen.has(slug)
          ? "repeats an earlier line"
          : undefined);
    if (slug) seen.add(slug);
    if (!clash) return { line: index + 1, ...line };
    return {
      line: index + 1,
      ...line,
      status: "invalid",
      errors: [...(line.errors ?? []), { name: "slug", reason: clash }],
    };
  });
}

const etagOf = (publication: EditorPublication) => `"v${publication.version}"`;

function answer(c: Context<EditorEnv>, publication: EditorPublication, status: 200 | 201 = 200): Response {
  c.header("ETag", etagOf(publication));
  c.header("Cache-Control", "private, no-store");
  if (status === 201) c.header("Location", new URL(`/api/v1/publications/${publication.id}`, c.req.url).href);
  return c.json(publication, status);
}

async function current(c: Context<EditorEnv>, id: number): Promise<EditorPublication> {
  const publication = await findPublicationById(c.env.DB, id);
  if (!publication) throw problem(404, `No publication has the id ${id}.`);
  return publication;
}

/** The version an If-Match names: `"v3"`; required, so no edit is made blind. */
function expectedVersion(c: Context<EditorEnv>): number {
  const header = c.req.header("If-Match");
  if (!header) {
    throw problem(
      428,
      'Send If-Match with the ETag you last read (e.g. If-Match: "v3"), so no edit is lost.',
    );
  }
  const version = /^(?:W\/)?"v(\d+)"$/.exec(header.trim())?.[1];
  if (!version) throw problem(400, 'If-Match must be an ETag this API gave, such as "v3".');
  return Number(version);
}

/**
 * Writes `fields` if the publication is still at `version`; else 412 with
 * the current version, so two editors never overwrite each other silently.
 */
async function save(
  c: Context<EditorEnv>,
  id: number,
  version: number,
  fields: Partial<StoredFields>,
): Promise<Response> {
  let saved: EditorPublication | undefined;
  try {
    saved = await updatePublication(c.env.DB, id, version, fields, actorOf(c));
  } catch (error) {
    if (isSlugTaken(error)) throw problem(409, `Another publication already has the slug "${fields.slug}".`);
    throw error;
  }
  if (!saved) {
    const now = await current(c, id);
    throw problem(
      412,
      `The publication changed since version ${version}; it is now at version ${now.version}. Read it, merge, and send If-Match: ${etagOf(now)}.`,
      { current_version: now.version, current: now },
      { ETag: etagOf(now) },
    );
  }
  return answer(c, saved);
}

/**
 * A PATCH or PUT: the If-Match version, the body turned into fields by
 * `toFields`, then the conditional save.
 */
async function edit(
  c: Context<EditorEnv>,
  id: number,
  toFields: (value: unknown, stored: EditorPublication, now: string) => Promise<Partial<StoredFields>>,
): Promise<Response> {
  const version = expectedVersion(c);
  const { value } = await readPublication(c);
  return save(c, id, version, await toFields(value, await current(c, id), new Date().toISOString()));
}

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
      return idempotent(c, text, async () => {
        const fields = await storedFromInput(parseBody(PublicationInput, value), new Date().toISOString());
        try {
          const created = await insertPublication(c.env.DB, fields, actorOf(c));
          return answer(c, created, 201);
        } catch (error) {
          if (isSlugTaken(error))
            throw problem(409, `Another publication already has the slug "${fields.slug}".`);
          throw error;
        }
      });
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
      const input = parseBody(BodyPreview, await readJson(c));
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
      const lines = (await c.req.text()).split(/\r?\n/).filter((line) => line.trim() !== "");
      if (lines.length === 0) throw problem(400, "The import is empty.");
      if (lines.length > IMPORT_LIMIT) throw problem(413, `An import holds at most ${IMPORT_LIMIT} lines.`);
      const now = new Date().toISOString();
      const checked = await Promise.all(lines.map((line) => checkLine(line, now)));
      const report = await withSlugClashes(c.env.DB, checked);
      if (report.some((line) => line.errors)) {
        return c.json(
          { title: "Nothing was imported", status: 422, lines: report.map(({ fields, ...line }) => line) },
          422,
          { "Content-Type": "application/problem+json" },
        );
      }
      const actor = actorOf(c);
      const results = await c.env.DB.batch(
        report.map((line) => insertStatement(c.env.DB, line.fields as StoredFields, actor)),
      );
      return c.json(
        {
          imported: results.length,
          lines: results.map((result, index) => {
            const [row] = result.results as { id: number; slug: string }[];
            return { line: index + 1, status: "created", id: row.id, slug: row.slug };
          }),
        },
        201,
      );
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
    async (c) => answer(c, await current(c, c.req.valid("param").id)),
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
    (c) =>
      edit(c, c.req.valid("param").id, (value, stored, now) =>
        storedFromPatch(parseBody(PublicationPatch, value), stored, now),
      ),
  )
  .put(
    "/:id{[0-9]+}",
    describeEdit("Replace a publication", "Fields left out take their defaults.", PublicationInput),
    limitBody(PUBLICATION_BYTES),
    valid("param", IdParam),
    (c) =>
      edit(c, c.req.valid("param").id, (value, _stored, now) =>
        storedFromInput(parseBody(PublicationInput, value), now),
      ),
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
    async (c) => {
      const { id } = c.req.valid("param");
      const publication = await current(c, id);
      const version = c.req.header("If-Match") ? expectedVersion(c) : publication.version;
      return save(c, id, version, { status: "archived" });
    },
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
    async (c) => {
      const { id } = c.req.valid("param");
      const publication = await current(c, id);
      if (publication.status !== "archived") throw problem(409, "This publication is not archived.");
      const before = (await listRevisions(c.env.DB, id)).find((revision) => revision.status !== "archived");
      return save(c, id, publication.version, { status: before?.status ?? "draft" });
    },
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
      await current(c, id);
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
    async (c) => {
      const { id, version } = c.req.valid("param");
      const expected = expectedVersion(c);
      const revision = await findRevision(c.env.DB, id, version);
      if (!revision) throw problem(404, `Publication ${id} has no version ${version}.`);
      return save(c, id, expected, revision);
    },
  );
