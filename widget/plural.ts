/**
 * A day counter's sentence in one language, shared by the worker's pages and
 * API, the widget and the console, so all of them write the same words.
 */
import { type CalendarDate, daysBetween } from "./time";

/** A sentence per CLDR plural category ("one", "few", …); a category left out reads as `other`. */
export type Forms = Partial<Record<Intl.LDMLPluralRule, string>>;

export interface Sentence {
  days: number;
  /** The count as `lang` writes it ("1,000", "1 000"). */
  count: string;
  /** The words around each `{days}`: the count goes between consecutive parts. */
  parts: string[];
}

const cache = new Map<string, [Intl.PluralRules, Intl.NumberFormat]>();

/**
 * The counter's sentence on `today`: the form of the count's plural category
 * in `lang`, its `{since}` the date itself.
 * @example sentence({ one: "{days} day", other: "{days} days" }, "en", "2018-03-04", "2020-10-25")
 * // { days: 966, count: "966", parts: ["", " days"] }
 */
export function sentence(forms: Forms, lang: string, since: CalendarDate, today: CalendarDate): Sentence {
  let intl = cache.get(lang);
  if (!intl) {
    intl = [new Intl.PluralRules(lang), new Intl.NumberFormat(lang)];
    cache.set(lang, intl);
  }
  const days = daysBetween(since, today);
  const form = forms[intl[0].select(days)] ?? forms.other ?? "";
  return { days, count: intl[1].format(days), parts: form.replaceAll("{since}", since).split("{days}") };
}

// CLDR's own order, which Intl's list does not keep.
const CATEGORIES: Intl.LDMLPluralRule[] = ["zero", "one", "two", "few", "many", "other"];

/**
 * The plural categories `lang` tells numbers apart by, in CLDR's order.
 * @example pluralCategories("ru") // ["one", "few", "many", "other"]
 */
export function pluralCategories(lang: string): Intl.LDMLPluralRule[] {
  const own = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  return CATEGORIES.filter((category) => own.includes(category));
}

/** The sentence as plain text. */
export const sentenceText = ({ count, parts }: Sentence): string => parts.join(count);
