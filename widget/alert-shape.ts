/**
 * The check on the alerts' answer (see shapes.ts), in a module of its own: esbuild splits
 * by module, and in shapes.ts it would ride in the chunk every element loads
 * though only the alert element reads it.
 */
import type { Alert, AlertList } from "../worker/schemas/alert";
import { LEVELS } from "../worker/vocabulary";
import { isInstant, isRecord, parseEvents, strings, validEntries } from "./shapes";

export type AlertItem = Pick<
  Alert,
  "slug" | "lang" | "title" | "lead" | "published_at" | "url" | "level" | "expires_at"
>;
export interface AlertBoard {
  items: AlertItem[];
  words: AlertList["words"];
}

/** The active alerts and the words a banner writes, as `GET /api/v1/alerts` gives them, links resolved against `from`. */
export function parseAlerts(json: unknown, from: string): AlertBoard | undefined {
  if (!isRecord(json) || !isRecord(json.words)) return;
  const words = strings(json.words, ["window"]);
  const levels = strings(json.words.levels, LEVELS);
  const alert = (value: unknown): AlertItem | undefined => {
    const item = parseEvents({ items: [value] }, from)?.[0];
    const end = strings(value, ["level", "expires_at"]);
    if (!item || !end || !isInstant(end.expires_at)) return;
    const level = LEVELS.find((known) => known === end.level);
    return level && { ...item, level, expires_at: end.expires_at };
  };
  const items = words && levels && validEntries(json.items, alert);
  return items ? { items, words: { ...words, levels } } : undefined;
}
