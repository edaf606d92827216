import { invalidParams } from "../http/problem";
import type { RevisionSummary } from "../schemas/history";
import type { Status } from "../schemas/publication";
import type { EditorPublication } from "../schemas/publication-input";
import { assignments, type Database, insertion } from "./sql";

/** What is stored of a publication; the body is already sanitized. */
export type StoredFields = Omit<EditorPublication, "id" | "version" | "created_at" | "updated_at">;

/** Who writes, in which request, when: the triggers copy it into revisions and the audit log. */
export interface Actor {
  name: string;
  requestId: string;
  at: string;
}

/** The columns each written row carries about who wrote it. */
export const stamp = (actor: Actor) => ({ changed_by: actor.name, request_id: actor.requestId });

interface Row extends Omit<EditorPublication, "featured" | "tags" | "body_html"> {
  body: string;
  featured: number;
  tags: string;
}

const COLUMNS = `id, slug, kind, lang, title, lead, body, body_markdown, published_at, status, featured, tags,
  translation_group, version, created_at, updated_at`;

function toPublication(row: Row): EditorPublication {
  const { body, featured, tags, ...rest } = row;
  return { ...rest, body_html: body, featured: featured === 1, tags: JSON.parse(tags) };
}

function toColumns(fields: Partial<StoredFields>): Record<string, unknown> {
  const { body_html, featured, tags, ...rest } = fields;
  return {
    ...rest,
    ...(body_html === undefined ? {} : { body: body_html }),
    ...(featured === undefined ? {} : { featured: featured ? 1 : 0 }),
    ...(tags === undefined ? {} : { tags: JSON.stringify([...new Set(tags)].sort()) }),
  };
}

/**
 * D1 refuses any string or row over 2,000,000 bytes
 * (https://developers.cloudflare.com/d1/platform/limits/), and local D1 lets
 * them pass: the limit is kept here, before anything is written.
 */
export const D1_MAX_BYTES = 2_000_000;

// The title, lead, tags and the rest take a few kilobytes at most, even as
// escaped JSON; the bodies share what is left of a row.
const BODIES_MAX_BYTES = D1_MAX_BYTES - 64_000;

const utf8 = new TextEncoder();
const jsonBytes = (value: string | null) => utf8.encode(JSON.stringify(value)).byteLength;

/**
 * Why these bodies cannot be stored, or undefined when they can. The
 * publication's row and its revision's hold both bodies; the answer that an
 * Idempotency-Key keeps in a row holds both as JSON, so a little more; the
 * search index's trigger (migration 0003) builds one string of the HTML as
 * JSON with each `<` written as `","`. The HTML a Markdown table makes is
 * several times its source: the input's length limit alone does not keep
 * these under D1's limit.
 */
export function oversizedBody(fields: Partial<StoredFields>): string | undefined {
  const { body_html: html, body_markdown: markdown } = fields;
  if (html === undefined) return undefined;
  const angles = html.split("<").length - 1;
  const needed = jsonBytes(html) + Math.max(jsonBytes(markdown ?? null), 2 * angles);
  if (needed <= BODIES_MAX_BYTES) return undefined;
  return `is too large to store: rendered and sanitized it takes ${needed.toLocaleString("en")} bytes, and at most ${BODIES_MAX_BYTES.toLocaleString("en")} fit`;
}

/** A 422 on `body` when `fields` would not fit in D1's rows. */
function assertFits(fields: Partial<StoredFields>): void {
  const reason = oversizedBody(fields);
  if (reason) throw invalidParams([{ name: "body", reason }], 422);
}

/** Whether `error` is D1 refusing a second row with the same slug. */
export function isSlugTaken(error: unknown): boolean {
  return String(error).includes("UNIQUE constraint failed: publications.slug");
}

/** A published item whose instant is still ahead is scheduled until then. */
export function effectiveStatus(status: Status, publishedAt: string, now: string): Status {
  return status === "published" && publishedAt > now ? "scheduled" : status;
}

export async function findPublicationById(db: Database, id: number): Promise<EditorPublication | undefined> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM publications WHERE id = ?1`).bind(id).first<Row>();
  return row ? toPublication(row) : undefined;
}

/** Prepared, not run: an import writes many of these in one batch. */
export function insertStatement(db: Database, fields: StoredFields, actor: Actor): D1PreparedStatement {
  assertFits(fields);
  const columns = { ...toColumns(fields), created_at: actor.at, updated_at: actor.at, ...stamp(actor) };
  return db
    .prepare(`INSERT INTO publications ${insertion(columns)} RETURNING ${COLUMNS}`)
    .bind(...Object.values(columns));
}

export async function insertPublication(
  db: Database,
  fields: StoredFields,
  actor: Actor,
): Promise<EditorPublication> {
  return toPublication((await insertStatement(db, fields, actor).first<Row>()) as Row);
}

/**
 * Applies `fields` only if the stored version is still `version`: two
 * editors starting from one version cannot both win. Undefined when it was not.
 */
export async function updatePublication(
  db: Database,
  id: number,
  version: number,
  fields: Partial<StoredFields>,
  actor: Actor,
): Promise<EditorPublication | undefined> {
  assertFits(fields);
  const columns = { ...toColumns(fields), updated_at: actor.at, ...stamp(actor) };
  const row = await db
    .prepare(
      `UPDATE publications SET ${assignments(columns, 3)}, version = version + 1
       WHERE id = ?1 AND version = ?2 RETURNING ${COLUMNS}`,
    )
    .bind(id, version, ...Object.values(columns))
    .first<Row>();
  return row ? toPublication(row) : undefined;
}

export async function listRevisions(db: Database, id: number): Promise<RevisionSummary[]> {
  const { results } = await db
    .prepare(
      `SELECT version, changed_by, created_at, fields ->> 'status' AS status, fields ->> 'title' AS title
       FROM revisions WHERE publication_id = ?1 ORDER BY version DESC`,
    )
    .bind(id)
    .all<RevisionSummary>();
  return results;
}

/** The publication's fields as saved in `version`. */
export async function findRevision(
  db: Database,
  id: number,
  version: number,
): Promise<StoredFields | undefined> {
  const row = await db
    .prepare(
      "SELECT fields, body_html, body_markdown FROM revisions WHERE publication_id = ?1 AND version = ?2",
    )
    .bind(id, version)
    .first<{ fields: string; body_html: string; body_markdown: string | null }>();
  if (!row) return undefined;
  const { fields, ...bodies } = row;
  return { ...JSON.parse(fields), ...bodies };
}
