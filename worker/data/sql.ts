/** Small pieces of SQL built from a record of columns, bound as numbered parameters. */

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
