import { counterSentence, dateInZone, daysBetween } from "../../widget/time";
import type { Counter, Counters } from "../schemas/counter";
import { type Database, type Read, run } from "./sql";

export interface CounterRecord {
  slug: string;
  since: string;
  text: string;
  version: number;
}

export interface CounterBoard {
  timeZone: string;
  counters: CounterRecord[];
}

/**
 * The site's zone and its active counters (or the one named by `slug`), in
 * order, with one query.
 */
export function countersRead(db: Database, slug?: string): Read<CounterBoard> {
  return {
    statement: db
      .prepare(
        `SELECT s.time_zone, c.slug, c.since, c.text, c.version FROM site s
          LEFT JOIN counters c ON c.active = 1 AND (?1 IS NULL OR c.slug = ?1)
          WHERE s.id = 1 ORDER BY c.position, c.slug`,
      )
      .bind(slug ?? null),
    parse(rows) {
      const results = rows as ({ time_zone: string } & {
        [K in keyof CounterRecord]: CounterRecord[K] | null;
      })[];
      return {
        timeZone: results[0]?.time_zone ?? "UTC",
        counters: results.flatMap(({ slug, since, text, version }) =>
          slug !== null && since !== null && text !== null && version !== null
            ? [{ slug, since, text, version }]
            : [],
        ),
      };
    },
  };
}

export const readCounters = (db: Database, slug?: string): Promise<CounterBoard> =>
  run(countersRead(db, slug));

/** The counters as they read at `instant` on the site's calendar. */
export function countersAt(board: CounterBoard, instant: number): Counters {
  const date = dateInZone(instant, board.timeZone);
  return {
    time_zone: board.timeZone,
    date,
    counters: board.counters.map(
      (record): Counter => ({
        slug: record.slug,
        since: record.since,
        days: daysBetween(record.since, date),
        text: counterSentence(record.text, record.since, date),
        template: record.text,
        version: record.version,
      }),
    ),
  };
}
