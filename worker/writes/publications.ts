import * as v from "valibot";
import { type Piece, refusal } from "../clearance";
import { eventStatement, findPolicy } from "../data/clearance";
import {
  changeNoteStatement,
  findRevision,
  importAnswer,
  insertStatement,
  listRevisions,
  oversizedBody,
  publicationAnswer,
  type Review,
  type StoredFields,
  updateStatement,
} from "../data/publication-writes";
import { effectiveStatus } from "../data/status";
import { sourceCaughtUpStatement } from "../data/translations";
import type { Saved } from "../http/idempotency";
import { invalidParams, problem } from "../http/problem";
import { fieldIssues } from "../http/validate";
import type { ClearanceAction } from "../schemas/clearance";
import type { Status } from "../schemas/publication";
import { type EditorPublication, PublicationInput } from "../schemas/publication-input";
import { assertAllowed, currentPublication as current, personOf, pieceOf } from "./clearance";
import { changedSince, commit, expectedVersion, type Writer } from "./commit";
import { alertIssues, expiryIssue, storedFromInput, storedFromRevision } from "./publication-fields";

/**
 * Every write to publications. Each one asks the rule book
 * (worker/clearance.ts) whether this person may do it to the publication
 * in its state, checks the version the editor started from, stamps who
 * wrote it in which request, turns a slug clash into a 409, and commits
 * with its idempotency record in one batch. The content version moves in
 * the same transaction (migration 0007). Publishing records its step of
 * clearance in the same batch.
 */

export const IMPORT_LIMIT = 1000;

const clash = (slug: string | undefined) => ({
  on: "publications.slug",
  detail: `Another publication already has the slug "${slug}".`,
});

const OUT: readonly Status[] = ["published", "scheduled"];

/** What publishing records: its step, and the reason when no second reader approved it. */
interface Going {
  action: ClearanceAction;
  comment: string | null;
}

const reasonIssue = (reason: string) => invalidParams([{ name: "without_approval", reason }], 422);

const MISSING_REASON =
  "is required: this publishes a text no second reader approved; say why, or have it approved first";
const UNNEEDED_REASON = "must be left out: this request does not publish a text";
const APPROVED_REASON = "must be left out: a second reader approved this text";

/** What is wrong with the reason a request gives to publish a text no one approved, if anything. */
function unapprovedReasonIssue(goesOut: boolean, reason: string | undefined): string | undefined {
  if (goesOut && reason === undefined) return MISSING_REASON;
  if (!goesOut && reason !== undefined) return UNNEEDED_REASON;
  return undefined;
}

/**
 * Whether a write takes `piece` out (to `to`), and what that records; a
 * refusal when the writer may not publish, and a 422 on `without_approval`
 * when the reason is missing, or given where nothing goes out unapproved.
 * `approved` says whether an approval still holds for the text being saved.
 */
async function publishing(
  writer: Writer,
  piece: Piece,
  to: Status | undefined,
  reason: string | undefined,
  approved: boolean,
): Promise<Going | undefined> {
  const goesOut = to !== undefined && OUT.includes(to) && !OUT.includes(piece.status);
  if (goesOut) await assertAllowed(writer, "publish", piece);
  if (goesOut && approved) {
    if (reason !== undefined) throw reasonIssue(APPROVED_REASON);
    return { action: to === "scheduled" ? "scheduled" : "published", comment: null };
  }
  const issue = unapprovedReasonIssue(goesOut, reason);
  if (issue) throw reasonIssue(issue);
  return goesOut ? { action: "published_without_approval", comment: reason ?? null } : undefined;
}

// What an approval does not cover: when and whether the text goes out, and what follows from its body.
const NOT_TEXT = new Set(["status", "published_at", "body_text", "review"]);

const comparable = (key: string, value: unknown) =>
  JSON.stringify(key === "tags" && Array.isArray(value) ? [...new Set(value)].sort() : value);

/** Whether `fields` change the text of `stored`, which voids an approval of it. */
function changesText(stored: EditorPublication, fields: Partial<StoredFields>): boolean {
  return Object.entries(fields).some(
    ([key, value]) =>
      !NOT_TEXT.has(key) &&
      comparable(key, value) !== comparable(key, stored[key as keyof EditorPublication]),
  );
}

// The words a second reader reads: who changes them may not approve them.
const WORDING = ["title", "lead", "body_html"] as const;

/** Who wrote the wording `fields` leave, when they change it: the writer. */
function wordedBy(writer: Writer, stored: EditorPublication, fields: Partial<StoredFields>) {
  const reworded = WORDING.some((key) => fields[key] !== undefined && fields[key] !== stored[key]);
  return reworded ? { written_by: writer.actor.personId } : {};
}

/**
 * Where clearance stands after an edit: publishing clears it, a changed
 * text voids an approval (back to the editors), anything else keeps it.
 */
function reviewAfter(piece: Piece, going: Going | undefined, textChanged: boolean): { review?: Review } {
  if (going) return { review: null };
  if (piece.status === "approved" && textChanged) return { review: "submitted" };
  return {};
}

/** A 422 on `body` when `fields` would not fit in D1's rows. */
function assertFits(fields: Partial<StoredFields>): void {
  const reason = oversizedBody(fields);
  if (reason) throw invalidParams([{ name: "body", reason }], 422);
}

type Timing = Pick<StoredFields, "published_at" | "expires_at" | "kind" | "level">;

/** What is wrong with when a publication ends and, for an alert, how grave it is; each issue names its field. */
function timingIssues(fields: Timing): { name: string; reason: string }[] {
  const reason = expiryIssue(fields);
  return [...alertIssues(fields), ...(reason ? [{ name: "expires_at", reason }] : [])];
}

/** A 422 naming each field when the publication would expire before it is out, or is an alert without its level or end. */
function assertTiming(fields: Timing): void {
  const issues = timingIssues(fields);
  if (issues.length > 0) throw invalidParams(issues, 422);
}

/**
 * Writes `fields` if the publication is still at `version`; else 412 with
 * the current version. A `note` tells readers of the edit. A change to a
 * translation's words (`reworded`) records the version of its source it now
 * follows, so it is no longer out of date; a new tag or date does not.
 */
async function save(
  writer: Writer,
  id: number,
  version: number,
  fields: Partial<StoredFields>,
  note?: string,
  going?: Going,
  reworded = false,
): Promise<Saved> {
  assertFits(fields);
  const noted = note === undefined ? [] : [changeNoteStatement(writer.db, id, note, writer.actor)];
  const stepped = going ? [eventStatement(writer.db, "id", id, going, writer.actor)] : [];
  const caughtUp = reworded ? [sourceCaughtUpStatement(writer.db, id, writer.actor)] : [];
  const saved = await commit(writer, {
    statements: [
      updateStatement(writer.db, id, version, fields, writer.actor),
      ...noted,
      ...stepped,
      ...caughtUp,
    ],
    answer: publicationAnswer("id", id, writer.actor),
    status: 200,
    clash: clash(fields.slug),
  });
  return saved ?? changedSince("publication", version, await current(writer.db, id));
}

/** A new text is a draft of its writer's until it goes out. */
const newPiece = (writer: Writer): Piece => ({
  status: "draft",
  author_id: writer.actor.personId,
  written_by: writer.actor.personId,
});

export async function createPublication(writer: Writer, input: PublicationInput): Promise<Saved> {
  const fields = await storedFromInput(input, writer.actor.at);
  assertFits(fields);
  assertTiming(fields);
  const going = await publishing(writer, newPiece(writer), fields.status, input.without_approval, false);
  const stepped = going ? [eventStatement(writer.db, "slug", fields.slug, going, writer.actor)] : [];
  const saved = await commit(writer, {
    statements: [insertStatement(writer.db, fields, writer.actor), ...stepped],
    answer: publicationAnswer("slug", fields.slug, writer.actor),
    status: 201,
    clash: clash(fields.slug),
  });
  if (!saved) throw new Error("a committed insert was not found");
  return saved;
}

/** What an edit says of itself: a public note, or that it is minor and has none; why it skips approval. */
export interface EditNote {
  change_note?: string;
  minor?: boolean;
  without_approval?: string;
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
  const stored = await current(writer.db, id);
  const piece = pieceOf(stored, writer.actor.at);
  await assertAllowed(writer, "edit", piece);
  const note = noteFor(edit, stored, writer.actor.at);
  const fields = await toFields(stored, writer.actor.at);
  assertTiming({ ...stored, ...fields });
  const textChanged = changesText(stored, fields);
  const approved = piece.status === "approved" && !textChanged;
  const going = await publishing(writer, piece, fields.status, edit.without_approval, approved);
  const review = reviewAfter(piece, going, textChanged);
  return save(
    writer,
    id,
    version,
    { ...fields, ...review, ...wordedBy(writer, stored, fields) },
    note,
    going,
    textChanged,
  );
}

/**
 * Takes a published text back: it stays at its address under the reason,
 * and leaves lists, search and the sitemap. If-Match is required.
 */
export async function withdrawPublication(writer: Writer, id: number, reason: string): Promise<Saved> {
  const version = expectedVersion(writer.ifMatch);
  const stored = await current(writer.db, id);
  if (stored.withdrawn_at) throw problem(409, `This publication was withdrawn on ${stored.withdrawn_at}.`);
  await assertAllowed(writer, "withdraw", pieceOf(stored, writer.actor.at));
  return save(writer, id, version, { withdrawn_at: writer.actor.at, withdrawal_reason: reason });
}

/**
 * Soft: it leaves public reads and can be restored, as a plain draft if it
 * was one; its clearance ends. If-Match is optional here.
 */
export async function archivePublication(writer: Writer, id: number): Promise<Saved> {
  const publication = await current(writer.db, id);
  await assertAllowed(writer, "archive", pieceOf(publication, writer.actor.at));
  const version = writer.ifMatch ? expectedVersion(writer.ifMatch) : publication.version;
  return save(writer, id, version, { status: "archived", review: null });
}

/** Back to the status it had before it was archived. */
export async function restorePublication(writer: Writer, id: number): Promise<Saved> {
  const publication = await current(writer.db, id);
  await assertAllowed(writer, "restore", pieceOf(publication, writer.actor.at));
  const before = (await listRevisions(writer.db, id)).find((revision) => revision.status !== "archived");
  return save(writer, id, publication.version, { status: before?.status ?? "draft" });
}

/**
 * The revision's fields saved as a new version. It brings back a text, and
 * never publishes one: a version that was out comes back to a text that is
 * not as a draft, to be cleared and published as any other.
 */
export async function restoreRevision(writer: Writer, id: number, version: number): Promise<Saved> {
  const expected = expectedVersion(writer.ifMatch);
  const stored = await current(writer.db, id);
  const piece = pieceOf(stored, writer.actor.at);
  await assertAllowed(writer, "edit", piece);
  const revision = await findRevision(writer.db, id, version);
  if (!revision) throw problem(404, `Publication ${id} has no version ${version}.`);
  const fields = await storedFromRevision(revision);
  const status = OUT.includes(fields.status) && !OUT.includes(piece.status) ? "draft" : fields.status;
  const textChanged = changesText(stored, fields);
  const review = reviewAfter(piece, undefined, textChanged);
  return save(writer, id, expected, { ...fields, status, ...review, ...wordedBy(writer, stored, fields) });
}

interface ImportLine {
  line: number;
  status: "valid" | "invalid";
  slug?: string;
  errors?: { name: string; reason: string }[];
  fields?: StoredFields;
  /** Why it goes out unapproved, as the line says. */
  reason?: string;
  going?: Going;
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
    const timing = timingIssues(fields);
    if (timing.length > 0) return { status: "invalid", errors: timing };
    return { status: "valid", slug: fields.slug, fields, reason: parsed.output.without_approval };
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
 * What each line's publishing records. A line that publishes is a
 * publisher's, or the whole import is refused; one that publishes without
 * its reason (or gives one and does not publish) is an error of its own.
 */
async function withClearance(writer: Writer, lines: ImportLine[]): Promise<ImportLine[]> {
  const policy = await findPolicy(writer.db);
  const piece = newPiece(writer);
  return lines.map((line) => {
    if (!line.fields) return line;
    const goesOut = OUT.includes(line.fields.status);
    const refused = goesOut && refusal("publish", personOf(writer.actor), piece, policy);
    if (refused) throw problem(refused.status, `Line ${line.line}: ${refused.reason}`);
    const issue = unapprovedReasonIssue(goesOut, line.reason);
    if (issue) {
      return {
        ...line,
        status: "invalid",
        errors: [...(line.errors ?? []), { name: "without_approval", reason: issue }],
      };
    }
    if (!goesOut) return line;
    return { ...line, going: { action: "published_without_approval", comment: line.reason ?? null } };
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
  const checked = await withSlugClashes(writer, await Promise.all(lines.map((line) => checkLine(line, now))));
  const report = await withClearance(writer, checked);
  if (report.some((line) => line.errors)) {
    throw problem(422, "Nothing was imported: see `lines`.", {
      lines: report.map(({ fields, reason, going, ...line }) => line),
    });
  }
  const saved = await commit(writer, {
    statements: report.flatMap((line) => {
      const fields = line.fields as StoredFields;
      const inserted = insertStatement(writer.db, fields, writer.actor);
      return line.going
        ? [inserted, eventStatement(writer.db, "slug", fields.slug, line.going, writer.actor)]
        : [inserted];
    }),
    answer: importAnswer(writer.actor),
    status: 201,
    clash: { on: "publications.slug", detail: "Another publication took one of these slugs meanwhile." },
  });
  if (!saved) throw new Error("a committed import was not found");
  return saved;
}
