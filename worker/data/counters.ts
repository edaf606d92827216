import { type Forms, sentence, sentenceText } from "../../widget/plural";
import { dateInZone } from "../../widget/time";
import { defaultLanguage, lookupLanguage } from "../languages";
import type { Counter, Counters } from "../schemas/counter";
import { type Database, type Read, run } from "./sql";

export interface CounterRecord {
  slug: string;
  since: string;
  /** Forms per language: `{ "<lang>": { "<category>": "<form>" } }`. */
  sentences: Record<string, Forms>;
  version: number;
}

export interface CounterBoard {
  timeZone: string;
  /** The site's languages, the default first. */
  languages: string[];
  counters: CounterRecord[];
}

/**
 * The site's zone and languages and its active counters (or the one named
 * by `slug`), in order, with one query.
 */
export function countersRead(db: Database, slug?: string): Read<CounterBoard> {
  return {
    statement: db
      .prepare(
        `SELECT s.time_zone, s.languages, c.slug, c.since, c.sentences, c.version FROM site s
          LEFT JOIN counters c ON c.active = 1 AND (?1 IS NULL OR c.slug = ?1)
          WHERE s.id = 1 ORDER BY c.position, c.slug`,
      )
      .bind(slug ?? null),
    parse(rows) {
      const results = rows as ({ time_zone: string; languages: string; sentences: string | null } & {
        [K in Exclude<keyof CounterRecord, "sentences">]: CounterRecord[K] | null;
      })[];
      return {
        timeZone: results[0]?.time_zone ?? "UTC",
        languages: JSON.parse(results[0]?.languages ?? '["en"]'),
        counters: results.flatMap(({ slug, since, sentences, version }) =>
          slug !== null && since !== null && sentences !== null && version !== null
            ? [{ slug, since, sentences: JSON.parse(sentences), version }]
            : [],
        ),
      };
    },
  };
}

export const readCounters = (db: Database, slug?: string): Promise<CounterBoard> =>
  run(countersRead(db, slug));

/**
 * The counters as they read at `instant` on the site's calendar, in the
 * site language `lang` finds by lookup (else the default). A counter with no
 * sentence in that language gives the default language's and says so in its
 * `lang`.
 * @example countersAt(board, Date.now(), "ru-RU").lang // "ru", when the site speaks it
 */
export function countersAt(board: CounterBoard, instant: number, lang?: string): Counters {
  const date = dateInZone(instant, board.timeZone);
  const fallback = defaultLanguage(board);
  const wanted = (lang && lookupLanguage(lang, board.languages)) || fallback;
  return {
    time_zone: board.timeZone,
    date,
    lang: wanted,
    counters: board.counters.flatMap((record): Counter[] => {
      // The default language's sentence is required on every write; a site whose default changed
      // since may still hold counters in other languages only, so any sentence beats none.
      const said = [wanted, fallback, ...Object.keys(record.sentences)].find((tag) => record.sentences[tag]);
      if (!said) return [];
      const forms = record.sentences[said];
      const words = sentence(forms, said, record.since, date);
      return [
        {
          slug: record.slug,
          since: record.since,
          days: words.days,
          text: sentenceText(words),
          lang: said,
          forms,
          template: forms.other ?? "",
          version: record.version,
        },
      ];
    }),
  };
}
