/**
 * The check on one publication's answer (see shapes.ts), in a module of its own: esbuild splits
 * by module, and in shapes.ts it would ride in the chunk every element loads
 * though only the publication element reads it.
 */
import type { Publication } from "../worker/schemas/publication";
import { type EventItem, hasStrings, isLocale, parseEvents, validEntries } from "./shapes";

export type PublicationItem = EventItem & Pick<Publication, "body_html"> & { translations: Translation[] };
type Translation = Pick<Publication["translations"][number], "lang" | "slug">;

/** One publication as `GET /api/v1/publications/{slug}` gives it, its link resolved against `from`. */
export function parsePublication(json: unknown, from: string): PublicationItem | undefined {
  const item = parseEvents({ items: [json] }, from)?.[0];
  if (!item || !hasStrings(json, ["body_html"])) return;
  const translation = (value: unknown) =>
    hasStrings(value, ["lang", "slug"]) && isLocale(value.lang)
      ? { lang: value.lang, slug: value.slug }
      : undefined;
  const translations = validEntries(json.translations, translation);
  return translations && { ...item, body_html: json.body_html, translations };
}
