import type { Actor } from "../data/publication-writes";
import type { Database } from "../data/sql";
import { type Claim, recordAnswer, type Saved } from "../http/idempotency";
import { problem } from "../http/problem";

/** Everything a write owner needs of the request: where, who, and what the client vouched for. */
export interface Writer {
  db: Database;
  actor: Actor;
  /** The Idempotency-Key this write holds, if the client sent one. */
  claim?: Claim;
  /** The If-Match header as sent. */
  ifMatch?: string;
}

/**
 * SQL selecting `body`, `etag` and `location` of the answer from the rows
 * just written. It finds a row only when the write took place, so the
 * answer and its idempotency record are read from the database, not guessed.
 */
export interface AnswerSql {
  sql: string;
  params: unknown[];
}

/** One write: its statements, the answer read back after them, and what a unique clash means. */
export interface Write {
  statements: D1PreparedStatement[];
  answer: AnswerSql;
  status: 200 | 201 | 204;
  clash?: { on: string; detail: string };
}

/**
 * Runs the write, its answer and its idempotency record in one D1 batch
 * (one transaction): all of it commits, or none of it. Undefined when the
 * write's condition (a version, a row's existence) did not hold.
 */
export async function commit(writer: Writer, write: Write): Promise<Saved | undefined> {
  const { db, claim } = writer;
  const answer = db.prepare(write.answer.sql).bind(...write.answer.params);
  const record = claim ? [recordAnswer(db, claim, write.status, write.answer)] : [];
  let results: D1Result[];
  try {
    results = await db.batch([...write.statements, answer, ...record]);
  } catch (error) {
    if (write.clash && String(error).includes(`UNIQUE constraint failed: ${write.clash.on}`)) {
      throw problem(409, write.clash.detail);
    }
    // Nothing was written: the batch is one transaction. Saying so lets the client retry safely.
    console.error("write not committed", error);
    throw problem(
      503,
      "The database did not take the write, and nothing was saved. Retry in a moment; with the same Idempotency-Key it is made once.",
      {},
      { "Retry-After": "1" },
    );
  }
  const row = results[write.statements.length].results[0] as Omit<Saved, "status"> | undefined;
  return row && { status: write.status, ...row };
}

/** The ETag of a version, which If-Match gives back. */
export const etagOf = (version: number) => `"v${version}"`;

/** The version an If-Match names: `"v3"`; required, so no edit is made blind. */
export function expectedVersion(ifMatch: string | undefined): number {
  if (!ifMatch) {
    throw problem(
      428,
      'Send If-Match with the ETag you last read (e.g. If-Match: "v3"), so no edit is lost.',
    );
  }
  // Its form was checked on the way in (http/write-headers.ts): only the number is left to read.
  return Number(/\d+/.exec(ifMatch)?.[0]);
}

/** The 412 for an edit made from `version` of `what`, which is now at `current.version`. */
export function changedSince(what: string, version: number, current: { version: number }): never {
  throw problem(
    412,
    `The ${what} changed since version ${version}; it is now at version ${current.version}. Read it, merge, and send If-Match: ${etagOf(current.version)}.`,
    { current_version: current.version, current },
    { ETag: etagOf(current.version) },
  );
}
