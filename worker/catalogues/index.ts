/**
 * The interface's words, loaded from one JSON message catalogue per language
 * (worker/catalogues/<lang>.json), which a translator edits without reading
 * code. A message with values names them as `{name}`; one that depends on a
 * count is an object of CLDR plural categories of its language.
 */

import { lookupLanguage } from "../languages";
import type { Kind } from "../schemas/publication";
import en from "./en.json";
import ru from "./ru.json";

/** A catalogue as translators write it: en.json is the model every other follows. */
export type Catalogue = typeof en;

// Typed as the English one, so a catalogue that lacks a message does not compile.
const CATALOGUES: Readonly<Record<string, Catalogue>> = { en, ru };

/** The languages the interface has a catalogue in. */
export const CATALOGUE_LANGUAGES: readonly string[] = Object.keys(CATALOGUES);

/**
 * The values each message with placeholders takes, in the order views pass
 * them; `count` is a number and picks the plural form. The catalogue test
 * holds these names to the placeholders en.json writes.
 */
export const PARAMETERS = {
  noResults: ["query"],
  results: ["count", "query"],
  onlyIn: ["language"],
  alsoIn: ["language"],
  inLanguage: ["language"],
  languageFallback: ["language", "fallback"],
  withdrawn: ["date"],
  updated: ["date"],
  alertWindow: ["issued", "until"],
  pageTitle: ["title", "site"],
  homeDescription: ["site"],
  archiveDescription: ["site"],
  searchDescription: ["site"],
} as const satisfies Partial<Record<keyof Catalogue, readonly string[]>>;

type Parameters = typeof PARAMETERS;
type Values<Names extends readonly string[]> = {
  -readonly [At in keyof Names]: Names[At] extends "count" ? number : string;
};

/**
 * The interface's words in one language, as views use them: `t.home`,
 * `t.results(3, "visa")`.
 */
export type Strings = {
  [Key in Exclude<keyof Catalogue, "kinds">]: Key extends keyof Parameters
    ? (...values: Values<Parameters[Key]>) => string
    : Catalogue[Key];
} & { kinds: Record<Kind, string> };

type Message = string | Record<string, string>;

/** Each message of `catalogue` ready to use: placeholders filled, plural forms chosen by `lang`'s rules. */
function stringsOf(catalogue: Catalogue, lang: string): Strings {
  const plurals = new Intl.PluralRules(lang);
  const numbers = new Intl.NumberFormat(catalogue.locale);
  const names: Readonly<Record<string, readonly string[]>> = PARAMETERS;
  const entries = Object.entries(catalogue).map(([key, message]) => {
    const parameters = names[key];
    if (!parameters) return [key, message];
    const format = (...values: (string | number)[]) => {
      const named = new Map(parameters.map((name, at) => [name, values[at]]));
      const count = named.get("count");
      const forms = message as Message;
      const text = typeof forms === "string" ? forms : (forms[plurals.select(Number(count))] ?? forms.other);
      return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
        const value = named.get(name);
        if (value === undefined) return placeholder;
        return typeof value === "number" ? numbers.format(value) : value;
      });
    };
    return [key, format];
  });
  return Object.fromEntries(entries) as Strings;
}

const STRINGS: Readonly<Record<string, Strings>> = Object.fromEntries(
  Object.entries(CATALOGUES).map(([lang, catalogue]) => [lang, stringsOf(catalogue, lang)]),
);

/** The words a page in some language gets, and whether they are in another language than asked for. */
export interface Catalogued {
  strings: Strings;
  /** The catalogue's language: one of CATALOGUE_LANGUAGES. */
  lang: string;
  /** True when no catalogue speaks `lang`, so the words are the default language's (or English). */
  fallback: boolean;
}

/**
 * The interface's words for a page in `lang`: its catalogue by RFC 4647
 * lookup, else the site's default language's, else English.
 * @example catalogueFor("ru-RU").strings.home // "Главная"
 * @example catalogueFor("pl", "ru") // { lang: "ru", fallback: true, … }
 */
export function catalogueFor(lang: string, defaultLang = "en"): Catalogued {
  const own = lookupLanguage(lang, CATALOGUE_LANGUAGES);
  const chosen = own ?? lookupLanguage(defaultLang, CATALOGUE_LANGUAGES) ?? "en";
  return { strings: STRINGS[chosen], lang: chosen, fallback: own === undefined };
}

/**
 * A language's name in another language, as `Intl` knows it; the tag itself
 * when it knows none.
 * @example languageName("ru", "en") // "Russian"
 */
export function languageName(tag: string, inLang: string): string {
  try {
    return displayNames(inLang).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

// A page names a language on each item of its lists; a formatter per page language serves them all.
const namers = new Map<string, Intl.DisplayNames>();

function displayNames(inLang: string): Intl.DisplayNames {
  let namer = namers.get(inLang);
  if (!namer) {
    namer = new Intl.DisplayNames([inLang], { type: "language", fallback: "code" });
    namers.set(inLang, namer);
  }
  return namer;
}
