import type { Role } from "../schemas/editor";
import type { RevisionSummary } from "../schemas/history";
import type { EditorPublication } from "../schemas/publication-input";
import { personRef } from "./people";
import { assignments, type Database, insertion } from "./sql";
import { shownStatus } from "./status";

/** Where a draft stands in clearance; NULL while it is a plain draft. */
export type Review = "submitted" | "approved" | null;

/** What is stored of a publication; the body is already sanitized, and its plain text kept beside it. */
export type StoredFields = Omit<
  EditorPublication,
  | "id"
  | "version"
  | "created_at"
  | "updated_at"
  | "withdrawn_at"
  | "withdrawal_reason"
  | "author"
  | "written_by"
> & {
  /** What search indexes: the sanitizer's text of the body, never read back from the HTML. */
  body_text: string;
  review?: Review;
  /** The person who changed the wording (title, lead, body) in this write. */
  written_by?: number;
} & Partial<Pick<EditorPublication, "withdrawn_at" | "withdrawal_reason">>;

/** Who writes, in which request, when: the triggers copy it into revisions and the audit log. */
export interface Actor {
  /** The person, and the token they wrote with, as the audit log names them. */
  name: string;
  personId: number;
  /** What the person may do, which the rule book (worker/clearance.ts) reads. */
  role: Role;
  requestId: string;
  at: string;
}

/** The columns each written row carries about who wrote it. */
export const stamp = (actor: Actor) => ({ changed_by: actor.name, request_id: actor.requestId });

/**
 * A publication as an editor reads it, made by SQL as one JSON value: the
 * same expression answers a read, a write, and a write's replay.
 */
const PUBLICATION_JSON = `json_object('id', id, 'slug', slug, 'kind', kind, 'lang', lang, 'title', title,
  'lead', lead, 'body_html', body, 'body_markdown', body_markdown, 'published_at', published_at,
  'status', ${shownStatus()}, 'featured', json(iif(featured, 'true', 'false')), 'tags', json(tags),
  'translation_group', translation_group, 'expires_at', expires_at, 'withdrawn_at', withdrawn_at,
  'withdrawal_reason', withdrawal_reason, 'level', level, 'version', version, 'created_at', created_at,
  'updated_at', updated_at, 'author', json(${personRef("publications.author_id")}),
  'written_by', json(${personRef("publications.written_by")}))`;

/** The answer to a write of one publication, found only if this request wrote it. */
export function publicationAnswer(where: "id" | "slug", value: number | string, actor: Actor) {
  return {
    sql: `SELECT ${PUBLICATION_JSON} AS body, '"v' || version || '"' AS etag,
            '/api/v1/publications/by-id/' || id AS location
          FROM publications WHERE ${where} = ?1 AND request_id = ?2`,
    params: [value, actor.requestId],
  };
}

/** The answer to an import: each line's new id and slug, in order. */
export function importAnswer(actor: Actor) {
  return {
    sql: `SELECT json_object('imported', count(*), 'lines', json_group_array(
              json_object('line', line, 'status', 'created', 'id', id, 'slug', slug))) AS body,
            NULL AS etag, NULL AS location
          FROM (SELECT row_number() OVER (ORDER BY id) AS line, id, slug FROM publications
                WHERE request_id = ?1 ORDER BY id)
          HAVING count(*) > 0`,
    params: [actor.requestId],
  };
}

function toColumns(fields: Partial<StoredFields>): Record<string, unknown> {
  const { body_html, featured, tags, ...rest } = fields;
  // A body stored without its text would leave search finding the words it used to have.
  if (body_html !== undefined && fields.body_text === undefined) throw new Error("A body needs its text.");
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
const bytes = (value: string | null | undefined) => utf8.encode(value ?? "").byteLength;
const jsonBytes = (value: string | null) => bytes(JSON.stringify(value));

/**
 * Why these bodies cannot be stored, or undefined when they can. The
 * publication's row holds the HTML, the Markdown and the text; its
 * revision's, the first two; the answer that an Idempotency-Key keeps in a
 * row holds those two as JSON, so a little more. The HTML a Markdown table
 * makes is several times its source: the input's length limit alone does
 * not keep these under D1's limit.
 */
export function oversizedBody(fields: Partial<StoredFields>): string | undefined {
  const { body_html: html, body_markdown: markdown = null, body_text: text } = fields;
  if (html === undefined) return undefined;
  const needed = Math.max(bytes(html) + bytes(markdown) + bytes(text), jsonBytes(html) + jsonBytes(markdown));
  if (needed <= BODIES_MAX_BYTES) return undefined;
  return `is too large to store: rendered and sanitized it takes ${needed.toLocaleString("en")} bytes, and at most ${BODIES_MAX_BYTES.toLocaleString("en")} fit`;
}

/** The one row a query makes as a JSON value (`SELECT <json> AS json ...`), parsed. */
export async function findJson<T>(db: Database, sql: string, ...params: unknown[]): Promise<T | undefined> {
  const row = await db
    .prepare(sql)
    .bind(...params)
    .first<{ json: string }>();
  return row ? JSON.parse(row.json) : undefined;
}

export const findPublicationById = (db: Database, id: number) =>
  findJson<EditorPublication>(db, `SELECT ${PUBLICATION_JSON} AS json FROM publications WHERE id = ?1`, id);

/** A new publication's row, its writer its author and the writer of its words; an import writes many in one batch. */
export function insertStatement(db: Database, fields: StoredFields, actor: Actor): D1PreparedStatement {
  const columns = {
    ...toColumns(fields),
    author_id: actor.personId,
    written_by: actor.personId,
    created_at: actor.at,
    updated_at: actor.at,
    ...stamp(actor),
  };
  return db.prepare(`INSERT INTO publications ${insertion(columns)}`).bind(...Object.values(columns));
}

/**
 * Applies `fields` only if the stored version is still `version`: two
 * editors starting from one version cannot both win.
 */
export function updateStatement(
  db: Database,
  id: number,
  version: number,
  fields: Partial<StoredFields>,
  actor: Actor,
): D1PreparedStatement {
  const columns = { ...toColumns(fields), updated_at: actor.at, ...stamp(actor) };
  return db
    .prepare(
      `UPDATE publications SET ${assignments(columns, 3)}, version = version + 1 WHERE id = ?1 AND version = ?2`,
    )
    .bind(id, version, ...Object.values(columns));
}

/**
 * A public note on an edit, written only if this request's update took
 * place: in the same batch, after it.
 */
export function changeNoteStatement(
  db: Database,
  id: number,
  note: string,
  actor: Actor,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO change_notes (publication_id, at, note, changed_by, request_id)
       SELECT id, ?2, ?3, ?4, ?5 FROM publications WHERE id = ?1 AND request_id = ?5`,
    )
    .bind(id, actor.at, note, actor.name, actor.requestId);
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

/** The publication's fields as saved in `version`; its text is not kept, being the HTML's. */
export async function findRevision(
  db: Database,
  id: number,
  version: number,
): Promise<Omit<StoredFields, "body_text"> | undefined> {
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
