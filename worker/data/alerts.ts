import type { Level } from "../schemas/publication";
import { LEVELS } from "../vocabulary";
import {
  NEXT_DUE,
  oneVersionPerText,
  type PublicationRecord,
  SUMMARY_COLUMNS,
  type SummaryRow,
  toRecord,
} from "./publications";
import { type Database, type Read, run } from "./sql";
import { shown } from "./status";

/** An alert readers see now: its level and the instant it ends are always there. */
export type AlertRecord = PublicationRecord & { level: Level; expires_at: string };

export interface ActiveAlerts {
  /** Most severe first, then newest. */
  items: AlertRecord[];
  /** When what readers see next changes by the calendar alone (an alert ends, another goes out), if ever. */
  nextDueAt?: string;
}

/** More alerts than this at once would bury the page; the most severe come first, so none of those is left out. */
const MOST = 20;

/**
 * The language whose versions come first: a tag, none (the site's default
 * language), or the language of the publication with a slug, so its page
 * reads everything in one round trip before knowing its language.
 */
type Preferred = string | undefined | { languageOf: string };

/** The rank of a level in LEVELS, so SQL orders the most severe first. */
const SEVERITY = `CASE p.level ${LEVELS.map((level, rank) => `WHEN '${level}' THEN ${rank}`).join(" ")} END`;

/**
 * The alerts active at `now` (published, not withdrawn, not yet expired):
 * one version of each text, in `lang` where there is one (else the site's
 * default language's), most severe first, then newest. One query, which
 * also says when the answer next changes by the calendar, so a page or an
 * answer carrying the alerts is never kept past an alert's end.
 */
export function activeAlertsRead(db: Database, lang: Preferred, now: string): Read<ActiveAlerts> {
  const preferred = typeof lang === "object" ? "(SELECT lang FROM publications WHERE slug = ?2)" : "?2";
  // The LEFT JOIN keeps one row with no alert active, so next_due always arrives.
  const sql = `WITH due AS (${NEXT_DUE}),
    active AS (SELECT ${SUMMARY_COLUMNS}, p.expires_at, ${SEVERITY} AS severity FROM publications p
      WHERE p.kind = 'alert' AND ${shown("p")} AND ${oneVersionPerText(preferred)}
      ORDER BY severity, p.published_at DESC, p.id DESC LIMIT ${MOST})
    SELECT due.next_due, active.* FROM due LEFT JOIN active
    ORDER BY active.severity, active.published_at DESC, active.id DESC`;
  return {
    statement: db.prepare(sql).bind(now, typeof lang === "object" ? lang.languageOf : (lang ?? "")),
    parse(rows) {
      const results = rows as (SummaryRow & { expires_at: string; next_due: string | null })[];
      return {
        items: results
          .filter((row) => row.id !== null)
          .map((row) => ({ ...toRecord(row), level: row.level as Level, expires_at: row.expires_at })),
        nextDueAt: results[0]?.next_due ?? undefined,
      };
    },
  };
}

export const activeAlerts = (db: Database, lang: Preferred, now: string): Promise<ActiveAlerts> =>
  run(activeAlertsRead(db, lang, now));
