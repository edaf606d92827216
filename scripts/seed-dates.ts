/**
 * The sample tells of autumn 2020. Loaded as it is, a new site would open on
 * news years old; so once loaded, every instant of its publications and of
 * their history moves forward by the same whole number of days, until the
 * newest published one is less than a day old (never ahead of the clock,
 * where it would wait as if scheduled). Whole days keep each
 * text's weekday and hour, and the order and spacing of all of them;
 * counters' `since` dates stay, being anniversaries.
 */
import type { D1Database } from "@cloudflare/workers-types";

const DAY_MS = 86_400_000;

/**
 * The whole days that have passed from `newest` to `now`: moved by them,
 * `newest` is less than a day before `now`. Never less than 0, so a sample
 * that is new already stays where it is.
 * @example daysToBring("2020-10-21T08:00:00.000Z", new Date("2020-10-25T07:00:00Z")) // 3
 */
export function daysToBring(newest: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(newest)) / DAY_MS));
}

/** `column` moved `?1` days on, in the API's form (milliseconds, `Z`); NULL stays NULL. */
const moved = (column: string) => `${column} = strftime('%Y-%m-%dT%H:%M:%fZ', ${column}, ?1 || ' days')`;

/** Every instant the sample's publications carry, and the history their loading wrote. */
const STATEMENTS = [
  `UPDATE publications SET ${["published_at", "created_at", "updated_at", "expires_at", "withdrawn_at"].map(moved).join(", ")}`,
  `UPDATE revisions SET ${moved("created_at")}`,
  `UPDATE change_notes SET ${moved("at")}`,
  `UPDATE audit_log SET ${moved("at")} WHERE subject LIKE 'publication:%'`,
];

/**
 * Moves the sample in `db` forward so that its newest published text is
 * less than a day older than `now`; answers by how many days.
 */
export async function bringForward(db: D1Database, now = new Date()): Promise<number> {
  const row = await db
    .prepare("SELECT max(published_at) AS newest FROM publications WHERE status = 'published'")
    .first<{ newest: string | null }>();
  if (!row?.newest) return 0;
  const days = daysToBring(row.newest, now);
  if (days > 0) await db.batch(STATEMENTS.map((sql) => db.prepare(sql).bind(`+${days}`)));
  return days;
}
