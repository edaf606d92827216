/**
 * The check on the alerts' answer (see shapes.ts), in a module of its own: esbuild splits
 * by module, and in shapes.ts it would ride in the chunk every element loads
 * though only the alert element reads it.
 */
import type { Alert, AlertList } from "../worker/schemas/alert";
import { LEVELS } from "../worker/vocabulary";
import { hasStrings, isInstant, isRecord, parseEvents, validEntries } from "./shapes";

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
  const { words } = json;
  const levels = words.levels;
  if (!hasStrings(words, ["window"]) || !hasStrings(levels, [...LEVELS])) return;
  const alert = (value: unknown): AlertItem | undefined => {
    const item = parseEvents({ items: [value] }, from)?.[0];
    if (!item || !hasStrings(value, ["level", "expires_at"]) || !isInstant(value.expires_at)) return;
    const level = LEVELS.find((known) => known === value.level);
    return level && { ...item, level, expires_at: value.expires_at };
  };
  const items = validEntries(json.items, alert);
  const { emergency, security, routine } = levels;
  return (
    items && {
      items,
      words: { window: words.window, levels: { emergency, security, routine } },
    }
  );
}
