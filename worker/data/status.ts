import type { Status } from "../schemas/publication";

// Mirrors the WHERE of the partial indexes, so the planner can use them.
export const VISIBLE = "status IN ('published', 'scheduled')";

/** Meant for the public at an instant still ahead of `now` (an SQL value, such as `?1`). */
export const scheduledAfter = (alias: string, now: string) =>
  `(${alias}.${VISIBLE} AND ${alias}.published_at > ${now})`;

/**
 * What readers see of a publication that is out (`alias` names its table,
 * `?1` is now): not yet expired, and, unless `withdrawn` keeps them (feeds
 * tell their readers of a withdrawal), not withdrawn.
 */
export function shown(alias: string, withdrawn = false): string {
  const clauses = [
    `${alias}.${VISIBLE}`,
    `${alias}.published_at <= ?1`,
    `(${alias}.expires_at IS NULL OR ${alias}.expires_at > ?1)`,
    ...(withdrawn ? [] : [`${alias}.withdrawn_at IS NULL`]),
  ];
  return clauses.join(" AND ");
}

/**
 * The status editors see of a row (`alias` names its table, if any): a
 * draft in clearance shows where it stands, `submitted` or `approved`.
 */
export function shownStatus(alias?: string): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return `iif(${column("status")} = 'draft' AND ${column("review")} IS NOT NULL, ${column("review")}, ${column("status")})`;
}

/**
 * Where a publication stands now: one meant for the public is scheduled
 * while its instant is ahead and published from that instant on, whatever
 * was stored when it was saved.
 */
export function effectiveStatus(status: Status, publishedAt: string, now: string): Status {
  if (status !== "published" && status !== "scheduled") return status;
  return publishedAt > now ? "scheduled" : "published";
}

/**
 * The WHERE clauses that pick publications by the status they have now
 * (`?1` is now); without statuses, what the public sees.
 */
export function shownBy(
  statuses: readonly string[] | undefined,
  bind: (value: unknown) => string,
  withdrawn = false,
): string[] {
  if (!statuses) return [shown("p", withdrawn)];
  const clauses = statuses.map((status) => {
    if (status === "published") return `(p.${VISIBLE} AND p.published_at <= ?1)`;
    if (status === "scheduled") return scheduledAfter("p", "?1");
    if (status === "draft") return "(p.status = 'draft' AND p.review IS NULL)";
    if (status === "submitted" || status === "approved") {
      return `(p.status = 'draft' AND p.review = ${bind(status)})`;
    }
    return `p.status = ${bind(status)}`;
  });
  return [`(${clauses.join(" OR ")})`];
}
