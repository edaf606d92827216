/**
 * Which of the site's languages a request gets, and the site's own words in
 * it. Pure functions over BCP 47 tags: no bindings, no valibot.
 */
import type { PublicSite, Site, SiteTranslations } from "./schemas/site";

/**
 * The site language `tag` asks for, by RFC 4647 lookup: the tag itself, then
 * with its last subtag dropped, and so on ("pt-BR" finds "pt"); letter case
 * never matters. Undefined when none matches.
 * @example lookupLanguage("ru-RU", ["en", "ru"]) // "ru"
 */
export function lookupLanguage(tag: string, languages: readonly string[]): string | undefined {
  const subtags = tag.toLowerCase().split("-");
  for (let length = subtags.length; length > 0; length--) {
    const wanted = subtags.slice(0, length).join("-");
    const found = languages.find((language) => language.toLowerCase() === wanted);
    if (found) return found;
  }
  return undefined;
}

// Browsers send a handful of tags; more than this is not a browser.
const MAX_ACCEPTED = 32;

/**
 * The site language an `Accept-Language` header prefers most, by its
 * q-values (equal ones in the header's order); undefined when it names none
 * the site speaks, or is absent.
 * @example negotiateLanguage("de, ru;q=0.8, en;q=0.5", ["en", "ru"]) // "ru"
 */
export function negotiateLanguage(
  header: string | undefined,
  languages: readonly string[],
): string | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(",", MAX_ACCEPTED)
    .map((part, order) => {
      const [range = "", ...params] = part.trim().split(";");
      const q = params.map((param) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(param)?.[1]).find(Boolean);
      return { range: range.trim(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter(({ range, q }) => q > 0 && range !== "" && range !== "*")
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { range } of ranges) {
    const found = lookupLanguage(range, languages);
    if (found) return found;
  }
  return undefined;
}

/**
 * The site language a page's address names: its tag in lower case, exactly
 * (`/pt-br/`), so each language has one address.
 * @example languageAtPrefix("ru", ["en", "ru"]) // "ru"; languageAtPrefix("RU", …) // undefined
 */
export const languageAtPrefix = (prefix: string | undefined, languages: readonly string[]) =>
  languages.find((language) => language.toLowerCase() === prefix);

/** The site's default language: the first it lists. */
export const defaultLanguage = (site: Pick<Site, "languages">): string => site.languages[0] ?? "en";

/**
 * The site with its own words (name, clock labels, contacts) in `lang`, each
 * falling back to the default language's where no translation was written.
 */
export function siteIn(
  stored: Site & { translations: SiteTranslations; emblem: string | null; version: number },
  lang: string,
): PublicSite {
  const { translations, ...site } = stored;
  const words = translations[lang];
  if (!words || lang === defaultLanguage(site)) return { ...site, lang };
  const { contacts } = site;
  const theirs = words.contacts ?? {};
  return {
    ...site,
    lang,
    name: words.name ?? site.name,
    clocks: site.clocks.map((clock, at) => ({ ...clock, label: words.clocks?.[at] ?? clock.label })),
    contacts: {
      ...contacts,
      phone: theirs.phone ?? contacts.phone,
      email: theirs.email ?? contacts.email,
      address: theirs.address ?? contacts.address,
      fields: contacts.fields?.map((field, at) => ({
        label: theirs.fields?.[at]?.label ?? field.label,
        value: theirs.fields?.[at]?.value ?? field.value,
      })),
    },
  };
}
