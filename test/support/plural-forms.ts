/**
 * Counter sentences in four languages whose plurals differ (English two
 * forms, Russian and Polish four, Arabic six), the counts that tell their
 * forms apart, and what a speaker expects at each count, written by hand:
 * tests compare the API, the page and the widget with these, never with the
 * output of the function they test.
 */

export const LANGUAGES = ["en", "ru", "pl", "ar"] as const;
export type Language = (typeof LANGUAGES)[number];

export const COUNTS = [0, 1, 2, 3, 5, 11, 12, 21, 22, 25, 100, 101, 111, 966, 1000] as const;

/** Every form has `{days}`, so every sentence shows its number. */
export const SENTENCES: Record<Language, Record<string, string>> = {
  en: {
    one: "{days} day has passed since the treaty was signed",
    other: "{days} days have passed since the treaty was signed",
  },
  ru: {
    one: "{days} день прошёл с подписания договора",
    few: "{days} дня прошло с подписания договора",
    many: "{days} дней прошло с подписания договора",
    other: "{days} дня прошло с подписания договора",
  },
  pl: {
    one: "{days} dzień minął od podpisania traktatu",
    few: "{days} dni minęły od podpisania traktatu",
    many: "{days} dni minęło od podpisania traktatu",
    other: "{days} dnia minęło od podpisania traktatu",
  },
  ar: {
    zero: "{days} يوم مضى على توقيع المعاهدة",
    one: "{days} يوم واحد مضى على توقيع المعاهدة",
    two: "{days} يومان مضيا على توقيع المعاهدة",
    few: "{days} أيام مضت على توقيع المعاهدة",
    many: "{days} يومًا مضى على توقيع المعاهدة",
    other: "{days} يوم مضى على توقيع المعاهدة",
  },
};

/** The words a speaker puts after each count in `COUNTS`, in order. */
export const WORDS: Record<Language, readonly string[]> = {
  en: ["days have", "day has", ...Array(13).fill("days have")],
  ru: [
    "дней",
    "день",
    "дня",
    "дня",
    "дней",
    "дней",
    "дней",
    "день",
    "дня",
    "дней",
    "дней",
    "день",
    "дней",
    "дней",
    "дней",
  ],
  pl: [
    "dni minęło",
    "dzień minął",
    "dni minęły",
    "dni minęły",
    "dni minęło",
    "dni minęło",
    "dni minęło",
    "dni minęło",
    "dni minęły",
    "dni minęło",
    "dni minęło",
    "dni minęło",
    "dni minęło",
    "dni minęło",
    "dni minęło",
  ],
  ar: [
    "يوم مضى",
    "يوم واحد",
    "يومان",
    "أيام",
    "أيام",
    "يومًا",
    "يومًا",
    "يومًا",
    "يومًا",
    "يومًا",
    "يوم مضى",
    "يوم مضى",
    "يومًا",
    "يومًا",
    "يوم مضى",
  ],
};

/** A thousand as each language writes it: Russian groups with a no-break space, Polish not below 10 000. */
export const THOUSAND: Record<Language, string> = { en: "1,000", ru: "1\u00a0000", pl: "1000", ar: "1,000" };

/** The number as `lang` writes `count`. */
export const written = (lang: Language, count: number): string =>
  count === 1000 ? THOUSAND[lang] : String(count);

/** The day the matrix is read on, and each counter's slug and start so that its count is `count` that day. */
export const MATRIX_DAY = "2020-10-25";
export const MATRIX_AT = "2020-10-25T12:00:00Z";

export function matrixCounters(): { slug: string; since: string; count: number }[] {
  return COUNTS.map((count) => ({
    slug: `day-${count}`,
    since: new Date(Date.parse(`${MATRIX_DAY}T00:00:00Z`) - count * 86_400_000).toISOString().slice(0, 10),
    count,
  }));
}

/** The CLDR category Intl gives `count` in `lang`, and the form of it in `SENTENCES`. */
export function expectedForm(lang: Language, count: number): string {
  const category = new Intl.PluralRules(lang).select(count);
  const form = SENTENCES[lang][category];
  if (!form) throw new Error(`no ${category} form for ${lang}`);
  return form;
}
