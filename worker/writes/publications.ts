import * as v from "valibot";
import {
  changeNoteStatement,
  findPublicationById,
  findRevision,
  importAnswer,
  insertStatement,
  listRevisions,
  oversizedBody,
  publicationAnswer,
  type StoredFields,
  updateStatement,
} from "../data/publication-writes";
import { effectiveStatus } from "../data/status";
import type { Saved } from "../http/idempotency";
import { invalidParams, problem } from "../http/problem";
import { fieldIssues } from "../http/validate";
import { type EditorPublication, PublicationInput } from "../schemas/publication-input";
import { changedSince, commit, expectedVersion, type Writer } from "./commit";
import { expiryIssue, storedFromInput, storedFromRevision } from "./publication-fields";

/**
 * Every write to publications. Each one checks the version the editor
 * started from, stamps who wrote it in which request, turns a slug clash
 * into a 409, and commits with its idempotency record in one batch. The
 * content version moves in the same transaction (migration 0007).
 */

export const IMPORT_LIMIT = 1000;

const clash = (slug: string | undefined) => ({
  on: "publications.slug",
  detail: `Another publication already has the slug "${slug}".`,
});

async function current(writer: Writer, id: number): Promise<EditorPublication> {
  const publication = await findPublicationById(writer.db, id);
  if (!publication) throw problem(404, `No publication has the id ${id}.`);
  return publication;
}

/** A 422 on `body` when `fields` would not fit in D1's rows. */
function assertFits(fields: Partial<StoredFields>): void {
  const reason = oversizedBody(fields);
  if (reason) throw invalidParams([{ name: "body", reason }], 422);
}

/** A 422 on `expires_at` when the publication would expire before it is out. */
function assertExpiry(fields: Pick<StoredFields, "published_at" | "expires_at">): void {
  const reason = expiryIssue(fields);
  if (reason) throw invalidParams([{ name: "expires_at", reason }], 422);
}

/**
 * Writes `fields` if the publication is still at `version`; else 412 with
 * the current version. A `note` tells readers of the edit.
 */
async function save(
  writer: Writer,
  id: number,
  version: number,
  fields: Partial<StoredFields>,
  note?: string,
): Promise<Saved> {
  assertFits(fields);
  const noted = note === undefined ? [] : [changeNoteStatement(writer.db, id, note, writer.actor)];
  const saved = await commit(writer, {
    statements: [updateStatement(writer.db, id, version, fields, writer.actor), ...noted],
    answer: publicationAnswer("id", id, writer.actor),
    status: 200,
    clash: clash(fields.slug),
  });
  return saved ?? changedSince("publication", version, await current(writer, id));
}

export async function createPublication(writer: Writer, input: PublicationInput): Promise<Saved> {
  const fields = await storedFromInput(input, writer.actor.at);
  assertFits(fields);
  assertExpiry(fields);
  const saved = await commit(writer, {
    statements: [insertStatement(writer.db, fields, writer.actor)],
    answer: publicationAnswer("slug", fields.slug, writer.actor),
    status: 201,
    clash: clash(fields.slug),
  });
  if (!saved) throw new Error("a committed insert was not found");
  return saved;
}

/** What an edit says of itself: a public note, or that it is minor and has none. */
export interface EditNote {
  change_note?: string;
  minor?: boolean;
}

/** The note to keep for an edit of `stored`, if any; a note a reader could not see is refused. */
function noteFor(edit: EditNote, stored: EditorPublication, now: string): string | undefined {
  const note = edit.change_note;
  if (note === undefined) return undefined;
  const refuse = (reason: string) => invalidParams([{ name: "change_note", reason }], 422);
  if (edit.minor) throw refuse("must be left out of a minor edit");
  if (effectiveStatus(stored.status, stored.published_at, now) !== "published") {
    throw refuse("is for edits of a published text; this one is not out");
  }
  return note;
}

/**
 * A PATCH or PUT: `toFields` turns the request into fields, given what is
 * stored; `edit` may carry a public note on it.
 */
export async function editPublication(
  writer: Writer,
  id: number,
  toFields: (stored: EditorPublication, now: string) => Promise<Partial<StoredFields>>,
  edit: EditNote = {},
): Promise<Saved> {
  const version = expectedVersion(writer.ifMatch);
  const stored = await current(writer, id);
  const note = noteFor(edit, stored, writer.actor.at);
  const fields = await toFields(stored, writer.actor.at);
  assertExpiry({ ...stored, ...fields });
  return save(writer, id, version, fields, note);
}

/**
 * Takes a published text back: it stays at its address under the reason,
 * and leaves lists, search and the sitemap. If-Match is required.
 */
export async function withdrawPublication(writer: Writer, id: number, reason: string): Promise<Saved> {
  const version = expectedVersion(writer.ifMatch);
  const stored = await current(writer, id);
  if (stored.withdrawn_at) throw problem(409, `This publication was withdrawn on ${stored.withdrawn_at}.`);
  const status = effectiveStatus(stored.status, stored.published_at, writer.actor.at);
  if (status !== "published") {
    throw problem(409, `Only a published text can be withdrawn; this one is ${status}.`);
  }
  return save(writer, id, version, { withdrawn_at: writer.actor.at, withdrawal_reason: reason });
}

/** Soft: it leaves public reads and can be restored. If-Match is optional here. */
export async function archivePublication(writer: Writer, id: number): Promise<Saved> {
  const publication = await current(writer, id);
  const version = writer.ifMatch ? expectedVersion(writer.ifMatch) : publication.version;
  return save(writer, id, version, { status: "archived" });
}

/** Back to the status it had before it was archived. */
export async function restorePublication(writer: Writer, id: number): Promise<Saved> {
  const publication = await current(writer, id);
  if (publication.status !== "archived") throw problem(409, "This publication is not archived.");
  const before = (await listRevisions(writer.db, id)).find((revision) => revision.status !== "archived");
  return save(writer, id, publication.version, { status: before?.status ?? "draft" });
}

/** The revision's fields saved as a new version. */
export async function restoreRevision(writer: Writer, id: number, version: number): Promise<Saved> {
  const expected = expectedVersion(writer.ifMatch);
  const revision = await findRevision(writer.db, id, version);
  if (!revision) throw problem(404, `Publication ${id} has no version ${version}.`);
  return save(writer, id, expected, await storedFromRevision(revision));
}

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
    const expiry = expiryIssue(fields);
    if (expiry) return { status: "invalid", errors: [{ name: "expires_at", reason: expiry }] };
    return { status: "valid", slug: fields.slug, fields };
  } catch (error) {
    return { status: "invalid", errors: [{ name: "body", reason: (error as Error).message }] };
  }
}

/** Marks lines whose slug repeats in the file or is already taken. */
async function withSlugClashes(writer: Writer, lines: Omit<ImportLine, "line">[]): Promise<ImportLine[]> {
  const slugs = lines.flatMap((line) => (line.slug ? [line.slug] : []));
  const { results } = await writer.db
    .prepare("SELECT slug FROM publications WHERE slug IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(slugs))
    .all<{ slug: string }>();
  const taken = new Set(results.map((row) => row.slug));
  const seen = new Set<string>();
  return lines.map((line, index) => {
    const slug = line.slug;
    const reason =
      slug &&
      (taken.has(slug)
        ? "is taken by an existing publication"
        : seen.has(slug)
          ? "repeats an earlier line"
          : undefined);
    if (slug) seen.add(slug);
    if (!reason) return { line: index + 1, ...line };
    return {
      line: index + 1,
      ...line,
      status: "invalid",
      errors: [...(line.errors ?? []), { name: "slug", reason }],
    };
  });
}

/**
 * Every line is checked before anything is written; then all are written in
 * one batch, or none. A 422 reports each line when any fails.
 */
export async function importPublications(writer: Writer, lines: string[]): Promise<Saved> {
  if (lines.length === 0) throw problem(400, "The import is empty.");
  if (lines.length > IMPORT_LIMIT) throw problem(413, `An import holds at most ${IMPORT_LIMIT} lines.`);
  const now = writer.actor.at;
  const report = await withSlugClashes(writer, await Promise.all(lines.map((line) => checkLine(line, now))));
  if (report.some((line) => line.errors)) {
    throw problem(422, "Nothing was imported: see `lines`.", {
      lines: report.map(({ fields, ...line }) => line),
    });
  }
  const saved = await commit(writer, {
    statements: report.map((line) => insertStatement(writer.db, line.fields as StoredFields, writer.actor)),
    answer: importAnswer(writer.actor),
    status: 201,
    clash: { on: "publications.slug", detail: "Another publication took one of these slugs meanwhile." },
  });
  if (!saved) throw new Error("a committed import was not found");
  return saved;
}
