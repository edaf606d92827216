/**
 * The check on one publication's answer (see shapes.ts), in a module of its own: esbuild splits
 * by module, and in shapes.ts it would ride in the chunk every element loads
 * though only the publication element reads it.
 */
import type { Publication } from "../worker/schemas/publication";
import { type EventItem, isLocale, parseEvents, strings, validEntries } from "./shapes";

export type PublicationItem = EventItem & Pick<Publication, "body_html"> & { translations: Translation[] };
type Translation = Pick<Publication["translations"][number], "lang" | "slug">;

/** One publication as `GET /api/v1/publications/{slug}` gives it, its link resolved against `from`. */
export function parsePublication(json: unknown, from: string): PublicationItem | undefined {
  const item = parseEvents({ items: [json] }, from)?.[0];
  const body = strings(json, ["body_html"]);
  const translation = (value: unknown) => {
    const found = strings(value, ["lang", "slug"]);
    return found && isLocale(found.lang) ? found : undefined;
  };
  const translations =
    item && body && validEntries((json as { translations?: unknown }).translations, translation);
  return translations ? { ...item, ...body, translations } : undefined;
}
