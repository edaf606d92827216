import type { EditorPublication, Status } from "../schemas/publication-input";
import { assignments, insertion } from "./sql";

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

/** Whether `error` is D1 refusing a second row with the same slug. */
export function isSlugTaken(error: unknown): boolean {
  return String(error).includes("UNIQUE constraint failed: publications.slug");
}

/** A published item whose instant is still ahead is scheduled until then. */
export function effectiveStatus(status: Status, publishedAt: string, now: string): Status {
  return status === "published" && publishedAt > now ? "scheduled" : status;
}

export async function findPublicationById(
  db: D1Database,
  id: number,
): Promise<EditorPublication | undefined> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM publications WHERE id = ?1`).bind(id).first<Row>();
  return row ? toPublication(row) : undefined;
}

/** Prepared, not run: an import writes many of these in one batch. */
export function insertStatement(db: D1Database, fields: StoredFields, actor: Actor): D1PreparedStatement {
  const columns = { ...toColumns(fields), created_at: actor.at, updated_at: actor.at, ...stamp(actor) };
  return db
    .prepare(`INSERT INTO publications ${insertion(columns)} RETURNING ${COLUMNS}`)
    .bind(...Object.values(columns));
}

export async function insertPublication(
  db: D1Database,
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
  db: D1Database,
  id: number,
  version: number,
  fields: Partial<StoredFields>,
  actor: Actor,
): Promise<EditorPublication | undefined> {
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

export interface RevisionSummary {
  version: number;
  changed_by: string | null;
  created_at: string;
  status: Status;
  title: string;
}

export async function listRevisions(db: D1Database, id: number): Promise<RevisionSummary[]> {
  const { results } = await db
    .prepare(
      `SELECT version, changed_by, created_at, snapshot ->> 'status' AS status, snapshot ->> 'title' AS title
       FROM revisions WHERE publication_id = ?1 ORDER BY version DESC`,
    )
    .bind(id)
    .all<RevisionSummary>();
  return results;
}

/** The publication's fields as saved in `version`. */
export async function findRevision(
  db: D1Database,
  id: number,
  version: number,
): Promise<StoredFields | undefined> {
  const row = await db
    .prepare("SELECT snapshot FROM revisions WHERE publication_id = ?1 AND version = ?2")
    .bind(id, version)
    .first<{ snapshot: string }>();
  return row ? (JSON.parse(row.snapshot) as StoredFields) : undefined;
}
