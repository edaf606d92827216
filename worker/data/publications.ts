import type { Position } from "../schemas/cursor";
import type {
  ChangeNote,
  Kind,
  Level,
  Publication,
  PublicationSummary,
  Status,
} from "../schemas/publication";
import { personRef } from "./people";
import { type Database, type Read, run } from "./sql";
import { effectiveStatus, shown, shownBy, shownStatus, VISIBLE } from "./status";

/** A publication as stored, before the site gives it a URL. */
export type PublicationRecord = Omit<PublicationSummary, "url">;
export type PublicationDetailRecord = Omit<Publication, "url" | "translations"> & {
  translations: { lang: string; slug: string }[];
};

export interface ListFilter {
  kinds?: Kind[];
  lang?: string;
  /** One version per translation group: see `oneVersionPerText`. */
  preferLang?: string;
  tag?: string;
  limit: number;
  position?: Position;
  /** Readers see what is published at or before this instant (ISO 8601). */
  now: string;
  /** Editors list by status instead, whatever the instant; items then carry their status, expiry and withdrawal. */
  statuses?: string[];
  /** Feeds carry each item's body too. */
  withBody?: boolean;
  /** Feeds keep withdrawn items, to tell their readers, and carry each item's lifecycle. */
  withdrawn?: boolean;
}

/** What a reader is told of a publication after it went out. */
export type LifecycleRecord = Pick<
  Publication,
  "expires_at" | "withdrawn_at" | "withdrawal_reason" | "changes" | "modified_at"
>;

export interface PublicationPage {
  items: (PublicationRecord & {
    body_html?: string;
    status?: Status;
    expires_at?: string | null;
    withdrawn_at?: string | null;
    lifecycle?: LifecycleRecord;
  })[];
  /** Where the next (older) page starts, if there is one. */
  next?: Position;
  /** Where the previous (newer) page ends, if there is one. */
  prev?: Position;
  /** The instant the next scheduled publication goes public or a public one expires, if any. */
  nextDueAt?: string;
}

export const SUMMARY_COLUMNS =
  "p.id, p.slug, p.kind, p.lang, p.title, p.lead, p.published_at, p.featured, p.tags, p.level";

/** When what readers see next changes by the calendar alone: a publication goes out, or one expires. */
export const NEXT_DUE = `SELECT MIN(at) AS next_due FROM (
    SELECT MIN(published_at) AS at FROM publications WHERE ${VISIBLE} AND published_at > ?1
    UNION ALL SELECT MIN(expires_at) FROM publications WHERE ${VISIBLE} AND expires_at > ?1)`;

/** The columns of a publication's lifecycle; `changes` the notes as JSON, newest first. */
const LIFECYCLE_COLUMNS = `p.expires_at, p.withdrawn_at, p.withdrawal_reason,
  (SELECT json_group_array(json_object('at', n.at, 'note', n.note)) FROM
    (SELECT at, note FROM change_notes WHERE publication_id = p.id ORDER BY at DESC, id DESC) n) AS changes`;

interface LifecycleRow {
  expires_at: string | null;
  withdrawn_at: string | null;
  withdrawal_reason: string | null;
  changes: string;
}

/** The lifecycle as readers get it; its latest public change is the newer of the last note and the withdrawal. */
function toLifecycle(row: LifecycleRow): LifecycleRecord {
  const changes: ChangeNote[] = JSON.parse(row.changes);
  const latest = [changes[0]?.at, row.withdrawn_at].filter((at): at is string => Boolean(at)).sort();
  return {
    expires_at: row.expires_at,
    withdrawn_at: row.withdrawn_at,
    withdrawal_reason: row.withdrawal_reason,
    changes,
    modified_at: latest.at(-1) ?? null,
  };
}

export interface SummaryRow {
  id: number;
  slug: string;
  kind: Kind;
  lang: string;
  title: string;
  lead: string;
  published_at: string;
  featured: number;
  tags: string;
  level: Level | null;
}

/** A row of SUMMARY_COLUMNS as the API gives it: tags a list, featured a boolean. */
export function toRecord(row: SummaryRow): PublicationRecord {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    lang: row.lang,
    title: row.title,
    lead: row.lead,
    published_at: row.published_at,
    tags: JSON.parse(row.tags),
    featured: row.featured === 1,
    level: row.level,
  };
}

/** The site's default language, its first: read in the same statement, so a list needs no second query. */
const DEFAULT_LANGUAGE = "(SELECT json_extract(languages, '$[0]') FROM site WHERE id = 1)";

/**
 * Keeps `p` (with `?1` now) only when no visible version of the same text
 * comes before it: the version in `lang` (an SQL value), else in the site's
 * default language, else the earliest published, ties by id. A text without
 * a translation group is its own group. The choice depends on the group and
 * the language alone, never on a list's other filters or its page, so keyset
 * paging never shows a text twice; the check runs once per candidate row,
 * through the `publications_translation_group` index. A sibling counts when
 * readers see it (withdrawn ones too with `withdrawn`, as feeds keep them)
 * and meets `also`, an SQL condition on `s` (search: it matches the words).
 */
export function oneVersionPerText(lang: string, withdrawn = false, also = ""): string {
  const rank = (alias: string) =>
    `(CASE lower(${alias}.lang) WHEN lower(${lang}) THEN 0 WHEN lower(${DEFAULT_LANGUAGE}) THEN 1 ELSE 2 END)`;
  return `NOT EXISTS (SELECT 1 FROM publications s
    WHERE s.translation_group = p.translation_group AND s.id <> p.id AND ${shown("s", withdrawn)}${also}
      AND (${rank("s")}, s.published_at, s.id) < (${rank("p")}, p.published_at, p.id))`;
}

function filterClauses(filter: ListFilter): { where: string[]; params: unknown[] } {
  const params: unknown[] = [filter.now];
  const bind = (value: unknown) => `?${params.push(value)}`;
  const where = shownBy(filter.statuses, bind, filter.withdrawn);
  if (filter.kinds) where.push(`p.kind IN (${filter.kinds.map(bind).join(", ")})`);
  if (filter.lang) where.push(`p.lang = ${bind(filter.lang)}`);
  if (filter.preferLang) where.push(oneVersionPerText(bind(filter.preferLang), filter.withdrawn));
  if (filter.tag) {
    where.push(`p.id IN (SELECT publication_id FROM publication_tags WHERE tag = ${bind(filter.tag)})`);
  }
  if (filter.position) {
    const towards = filter.position.direction === "after" ? "<" : ">";
    where.push(
      `(p.published_at, p.id) ${towards} (${bind(filter.position.published_at)}, ${bind(filter.position.id)})`,
    );
  }
  return { where, params };
}

function positionOf(direction: Position["direction"], item: PublicationRecord): Position {
  return { direction, published_at: item.published_at, id: item.id };
}

type ListRow = SummaryRow &
  Partial<LifecycleRow> & { body?: string; status?: Status; author?: string | null; next_due: string | null };

/** What an editors' list adds to each item: where it stands, so a withdrawn or expired text is told apart. */
const EDITOR_COLUMNS = `, ${shownStatus("p")} AS status, p.expires_at, p.withdrawn_at, ${personRef("p.author_id")} AS author`;

/**
 * One page of public publications, newest first, keyset-paged on
 * (published_at, id). One query: the page and the next scheduled instant,
 * which bounds how long the page may be cached.
 */
export function publicationsRead(db: Database, filter: ListFilter): Read<PublicationPage> {
  const { where, params } = filterClauses(filter);
  const backwards = filter.position?.direction === "before";
  const order = backwards ? "ASC" : "DESC";
  const limit = `?${params.push(filter.limit + 1)}`;
  // The LEFT JOIN keeps one row even for an empty page, so next_due always arrives.
  const sql = `WITH due AS (${NEXT_DUE}),
    page AS (SELECT ${SUMMARY_COLUMNS}${filter.withBody ? ", p.body" : ""}${filter.statuses ? EDITOR_COLUMNS : ""}${filter.withdrawn ? `, ${LIFECYCLE_COLUMNS}` : ""} FROM publications p WHERE ${where.join(" AND ")}
      ORDER BY p.published_at ${order}, p.id ${order} LIMIT ${limit})
    SELECT due.next_due, page.* FROM due LEFT JOIN page
    ORDER BY page.published_at ${order}, page.id ${order}`;
  return {
    statement: db.prepare(sql).bind(...params),
    parse: (rows) => pageOf(rows as ListRow[], filter),
  };
}

function pageOf(results: ListRow[], filter: ListFilter): PublicationPage {
  const backwards = filter.position?.direction === "before";
  const rows = results.filter((row) => row.id !== null);
  const more = rows.length > filter.limit;
  const items = rows.slice(0, filter.limit).map((row) => ({
    ...toRecord(row),
    ...(row.body === undefined ? {} : { body_html: row.body }),
    ...(row.status === undefined
      ? {}
      : {
          status: effectiveStatus(row.status, row.published_at, filter.now),
          expires_at: row.expires_at ?? null,
          withdrawn_at: row.withdrawn_at ?? null,
          author: row.author ? JSON.parse(row.author) : null,
        }),
    ...(row.changes === undefined ? {} : { lifecycle: toLifecycle(row as LifecycleRow) }),
  }));
  if (backwards) items.reverse();
  const first = items.at(0);
  const last = items.at(-1);
  const hasNewer = backwards ? more : filter.position !== undefined;
  const hasOlder = backwards ? true : more;
  return {
    items,
    next: hasOlder && last ? positionOf("after", last) : undefined,
    prev: hasNewer && first ? positionOf("before", first) : undefined,
    nextDueAt: results[0]?.next_due ?? undefined,
  };
}

export const listPublications = (db: Database, filter: ListFilter): Promise<PublicationPage> =>
  run(publicationsRead(db, filter));

interface DetailRow extends SummaryRow, LifecycleRow {
  body: string;
  translations: string;
  next_due: string | null;
}

type FoundPublication = { publication: PublicationDetailRecord; nextDueAt?: string } | undefined;

/**
 * A publication by slug that went out, or undefined when there is none or it
 * is not public yet. An expired one is found too: its address answers 410, not 404.
 */
export function publicationRead(db: Database, slug: string, now: string): Read<FoundPublication> {
  return {
    statement: db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS}, p.body, ${LIFECYCLE_COLUMNS},
          (SELECT json_group_array(json_object('lang', t.lang, 'slug', t.slug)) FROM publications t
            WHERE t.translation_group = p.translation_group AND t.id <> p.id
              AND ${shown("t")}) AS translations,
          (${NEXT_DUE}) AS next_due
        FROM publications p
        WHERE p.slug = ?2 AND p.${VISIBLE} AND p.published_at <= ?1`,
      )
      .bind(now, slug),
    parse(rows) {
      const row = rows[0] as DetailRow | undefined;
      if (!row) return undefined;
      return {
        publication: {
          ...toRecord(row),
          body_html: row.body,
          ...toLifecycle(row),
          translations: JSON.parse(row.translations),
        },
        nextDueAt: row.next_due ?? undefined,
      };
    },
  };
}

export const findPublication = (db: Database, slug: string, now: string): Promise<FoundPublication> =>
  run(publicationRead(db, slug, now));

export interface Sitemap {
  /** Each publication with every public version of its text, itself included (none when it has no group). */
  entries: { slug: string; updated_at: string; versions: { lang: string; slug: string }[] }[];
  /** The instant the next scheduled publication goes public, if any. */
  nextDueAt?: string;
}

/** Every public publication's slug, last change and versions, newest first, and when the list next changes. */
export async function listSitemap(db: Database, now: string, limit: number): Promise<Sitemap> {
  // The LEFT JOIN keeps one row even with nothing public, so next_due always arrives.
  const { results } = await db
    .prepare(
      `WITH due AS (${NEXT_DUE}),
        entries AS (SELECT slug, updated_at, published_at, id,
            (SELECT json_group_array(json_object('lang', t.lang, 'slug', t.slug)) FROM publications t
              WHERE t.translation_group = p.translation_group AND ${shown("t")}) AS versions
          FROM publications p
          WHERE ${shown("p")} ORDER BY p.published_at DESC, p.id DESC LIMIT ?2)
       SELECT due.next_due, entries.slug, entries.updated_at, entries.versions FROM due LEFT JOIN entries
       ORDER BY entries.published_at DESC, entries.id DESC`,
    )
    .bind(now, limit)
    .all<{ next_due: string | null; slug: string | null; updated_at: string; versions: string }>();
  return {
    entries: results.flatMap(({ slug, updated_at, versions }) =>
      slug === null ? [] : [{ slug, updated_at, versions: JSON.parse(versions) }],
    ),
    nextDueAt: results[0]?.next_due ?? undefined,
  };
}

export interface Neighbours {
  newer?: { slug: string; title: string };
  older?: { slug: string; title: string };
}

const neighbour = (comparison: "<" | ">", order: "ASC" | "DESC") =>
  `(SELECT json_object('slug', n.slug, 'title', n.title) FROM publications n
     WHERE ${shown("n")} AND n.lang = p.lang
       AND (n.published_at, n.id) ${comparison} (p.published_at, p.id)
     ORDER BY n.published_at ${order}, n.id ${order} LIMIT 1)`;

/** The public publications just newer and just older than `slug` in its language, for reading on. */
export function neighboursRead(db: Database, slug: string, now: string): Read<Neighbours> {
  return {
    statement: db
      .prepare(
        `SELECT ${neighbour(">", "ASC")} AS newer, ${neighbour("<", "DESC")} AS older
          FROM publications p WHERE p.slug = ?2`,
      )
      .bind(now, slug),
    parse(rows) {
      const row = rows[0] as { newer: string | null; older: string | null } | undefined;
      return {
        newer: row?.newer ? JSON.parse(row.newer) : undefined,
        older: row?.older ? JSON.parse(row.older) : undefined,
      };
    },
  };
}
