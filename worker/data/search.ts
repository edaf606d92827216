import type { Kind, Status } from "../schemas/publication";
import { queryWords } from "../vocabulary";
import { personRef } from "./people";
import {
  NEXT_DUE,
  oneVersionPerText,
  type PublicationRecord,
  SUMMARY_COLUMNS,
  type SummaryRow,
  toRecord,
} from "./publications";
import type { Database } from "./sql";
import { effectiveStatus, shownBy, shownStatus } from "./status";

export interface SearchFilter {
  /** What the reader typed; it is never handed to FTS5 as query syntax. */
  q: string;
  lang?: string;
  /** One version per translation group, chosen among those that match: see `oneVersionPerText`. */
  preferLang?: string;
  kinds?: Kind[];
  limit: number;
  /** Readers find what is published at or before this instant (ISO 8601). */
  now: string;
  /** Editors search by status instead, whatever the instant; hits then carry their status, expiry and withdrawal. */
  statuses?: string[];
}

export interface SearchHit extends PublicationRecord {
  status?: Status;
  expires_at?: string | null;
  withdrawn_at?: string | null;
  /** Plain text around the best match, HTML-escaped, each match in `<mark>`…`</mark>`. */
  snippet: string;
}

export interface SearchPage {
  items: SearchHit[];
  /** The instant the next scheduled publication goes public, if any. */
  nextDueAt?: string;
}

// Private-use characters mark the matches, so escaping the text leaves them alone.
const OPEN = "\uE000";
const CLOSE = "\uE001";
// bm25 weights of the columns title, lead, body_text (migrations/0008_search_text.sql).
const WEIGHTS = "10.0, 4.0, 1.0";
const SNIPPET_TOKENS = 24;

/**
 * The reader's words as an FTS5 query: each word a quoted phrase, all of
 * them required, the last one also as the start of a longer word. Undefined
 * when there is no word at all.
 * @example matchExpression('visa "rules') // '"visa" AND "rules"*'
 */
export function matchExpression(text: string): string | undefined {
  const words = queryWords(text);
  if (words.length === 0) return undefined;
  // A word holds no `"` (only letters, marks and digits), so quoting cannot be broken out of.
  return words.map((word, i) => `"${word}"${i === words.length - 1 ? "*" : ""}`).join(" AND ");
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * SQLite's snippet as safe HTML: the text escaped, whitespace folded, and
 * only the marked matches turned into `<mark>`. A marker without its pair
 * (the text itself held one) is dropped, so the marks are always balanced.
 */
export function markSnippet(snippet: string): string {
  return snippet
    .replace(/[&<>"']/g, (char) => ESCAPES[char])
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\uE000([^\uE000\uE001]*)\uE001/g, "<mark>$1</mark>")
    .replace(/[\uE000\uE001]/g, "");
}

/**
 * Public publications matching the reader's words, best first: bm25 with
 * the title counting above the lead and the lead above the body. One query:
 * the hits and the next scheduled instant, which bounds how long the answer
 * may be cached.
 * @example await searchPublications(env.DB, { q: "visa", limit: 20, now: new Date().toISOString() })
 */
export async function searchPublications(db: Database, filter: SearchFilter): Promise<SearchPage> {
  const match = matchExpression(filter.q);
  if (match === undefined) return { items: [] };
  const params: unknown[] = [filter.now, match, OPEN, CLOSE];
  const bind = (value: unknown) => `?${params.push(value)}`;
  const where = ["publication_search MATCH ?2", ...shownBy(filter.statuses, bind)];
  if (filter.kinds) where.push(`p.kind IN (${filter.kinds.map(bind).join(", ")})`);
  if (filter.lang) where.push(`p.lang = ${bind(filter.lang)}`);
  // Only a version that matches stands in for its text: words typed in one language find that version.
  if (filter.preferLang) {
    where.push(
      oneVersionPerText(
        bind(filter.preferLang),
        false,
        " AND s.id IN (SELECT rowid FROM publication_search WHERE publication_search MATCH ?2)",
      ),
    );
  }
  // The LEFT JOIN keeps one row even when nothing matches, so next_due always arrives.
  const sql = `WITH due AS (${NEXT_DUE}),
    hits AS (SELECT ${SUMMARY_COLUMNS}, ${shownStatus("p")} AS status, p.expires_at, p.withdrawn_at,
        ${personRef("p.author_id")} AS author, bm25(publication_search, ${WEIGHTS}) AS score,
        snippet(publication_search, -1, ?3, ?4, '…', ${SNIPPET_TOKENS}) AS snippet
      FROM publication_search JOIN publications p ON p.id = publication_search.rowid
      WHERE ${where.join(" AND ")}
      ORDER BY score, p.published_at DESC, p.id DESC LIMIT ${bind(filter.limit)})
    SELECT due.next_due, hits.* FROM due LEFT JOIN hits
    ORDER BY hits.score, hits.published_at DESC, hits.id DESC`;
  const { results } = await db
    .prepare(sql)
    .bind(...params)
    .all<
      SummaryRow & {
        status: Status;
        expires_at: string | null;
        withdrawn_at: string | null;
        author: string | null;
        snippet: string;
        next_due: string | null;
      }
    >();
  return {
    items: results
      .filter((row) => row.id !== null)
      .map((row) => ({
        ...toRecord(row),
        ...(filter.statuses
          ? {
              status: effectiveStatus(row.status, row.published_at, filter.now),
              expires_at: row.expires_at,
              withdrawn_at: row.withdrawn_at,
              author: row.author ? JSON.parse(row.author) : null,
            }
          : {}),
        snippet: markSnippet(row.snippet),
      })),
    nextDueAt: results[0]?.next_due ?? undefined,
  };
}
