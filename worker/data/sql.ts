/** Small pieces of SQL built from a record of columns, bound as numbered parameters. */

/**
 * What the data modules need of D1: the binding itself, or one request's
 * session on it (read replicas, bookmarks), which offers the same two calls.
 */
export type Database = Pick<D1Database, "prepare" | "batch">;

/** `a = ?first, b = ?first+1, ...` for an UPDATE's SET. */
export function assignments(columns: Record<string, unknown>, first: number): string {
  return Object.keys(columns)
    .map((name, i) => `${name} = ?${i + first}`)
    .join(", ");
}

/** `(a, b) VALUES (?1, ?2)` for an INSERT. */
export function insertion(columns: Record<string, unknown>): string {
  const names = Object.keys(columns);
  return `(${names.join(", ")}) VALUES (${names.map((_, i) => `?${i + 1}`).join(", ")})`;
}

/** A read as its statement and what its rows mean, so several can go to D1 in one batch. */
export interface Read<T> {
  statement: D1PreparedStatement;
  parse(rows: unknown[]): T;
}

type Results<Reads extends Read<unknown>[]> = {
  [K in keyof Reads]: Reads[K] extends Read<infer T> ? T : never;
};

/** Runs one read. */
export async function run<T>(read: Read<T>): Promise<T> {
  return read.parse((await read.statement.all()).results);
}

/**
 * Runs reads in one round trip to D1 (a batch), each parsed as its own.
 * @example const [site, page] = await runAll(db, [siteRead(db), publicationsRead(db, filter)]);
 */
export async function runAll<Reads extends Read<unknown>[]>(
  db: Database,
  reads: [...Reads],
): Promise<Results<Reads>> {
  const results = await db.batch(reads.map((read) => read.statement));
  return reads.map((read, index) => read.parse(results[index].results)) as Results<Reads>;
}
