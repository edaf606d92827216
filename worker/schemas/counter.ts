import * as v from "valibot";
import { pluralCategories } from "../../widget/plural";
import { CalendarDate, Instant, Lang, Slug } from "./common";
import { MAX_LANGUAGES } from "./site";

const FORMS_NOTE = "a category left out reads as `other`";

/** One language's sentence: a form per CLDR plural category of that language. */
export const Forms = v.pipe(
  v.record(v.string(), v.string()),
  v.description(
    "The sentence per plural category of the language (`Intl.PluralRules`: zero, one, two, few, many, " +
      `other), with \`{days}\` where the count goes and optionally \`{since}\`; ${FORMS_NOTE}`,
  ),
);

/** A day counter as readers see it: the sentence with today's count. */
export const Counter = v.object({
  slug: Slug,
  since: CalendarDate,
  days: v.pipe(v.number(), v.description("Whole calendar days from `since` to today in the site's zone")),
  text: v.pipe(
    v.string(),
    v.description("The counter's sentence in `lang`, in the form for today's count, with `{days}` filled in"),
  ),
  lang: v.pipe(
    v.string(),
    v.description(
      "The language of `text` and `forms`: the one asked for, or the default language's when the " +
        "counter has no sentence in it",
    ),
  ),
  forms: v.pipe(
    Forms,
    v.description(`\`text\` unfilled in every form, to roll over at midnight on the client; ${FORMS_NOTE}`),
  ),
  template: v.pipe(
    v.string(),
    v.description(
      "Deprecated: `forms.other`, for widgets built before plural forms (which fill it in whatever the count)",
    ),
    v.metadata({ deprecated: true }),
  ),
  version: v.pipe(v.number(), v.description('What an editor names in If-Match to change it: "v<version>"')),
});
export type Counter = v.InferOutput<typeof Counter>;

export const CountersQuery = v.strictObject(
  {
    at: v.optional(
      v.pipe(Instant, v.description("Count as of this instant instead of now (previews, tests)")),
    ),
    lang: v.optional(
      v.pipe(
        Lang,
        v.description(
          "The language to answer in (BCP 47): the site's language it finds by lookup (`ru-RU` finds `ru`), " +
            "else the default one",
        ),
      ),
    ),
  },
  "is not a parameter of this endpoint",
);
export type CountersQuery = v.InferOutput<typeof CountersQuery>;

export const Counters = v.object({
  time_zone: v.string(),
  date: v.pipe(CalendarDate, v.description("Today in the site's time zone")),
  lang: v.pipe(
    v.string(),
    v.description("The site language the answer is in: the one asked for, else the default"),
  ),
  counters: v.array(Counter),
});
export type Counters = v.InferOutput<typeof Counters>;

// Far more counters than a page can show; it keeps the number an integer SQLite stores as one.
export const MAX_POSITION = 10_000;

const counterFields = {
  slug: Slug,
  since: CalendarDate,
  sentences: v.pipe(
    v.record(
      Lang,
      v.record(
        v.string(),
        v.pipe(
          v.string("must be text"),
          v.minLength(1, "must not be empty"),
          v.maxLength(500, "must be at most 500 characters"),
        ),
      ),
    ),
    v.check(
      (sentences) => Object.keys(sentences).length <= MAX_LANGUAGES,
      `must hold at most ${MAX_LANGUAGES} languages`,
    ),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const sentences = dataset.value;
      for (const [lang, forms] of Object.entries(sentences)) {
        const expected = pluralCategories(lang);
        const has = `${lang} has ${expected.join(", ")}`;
        const at = (key: string) => ({
          path: [
            { type: "object", origin: "value", input: sentences, key: lang, value: forms },
            { type: "object", origin: "value", input: forms, key, value: forms[key] },
          ] as [v.ObjectPathItem, v.ObjectPathItem],
        });
        for (const key of Object.keys(forms)) {
          if (!(expected as string[]).includes(key)) {
            addIssue({ message: `is not a plural category of ${lang}; ${has}`, ...at(key) });
          }
        }
        for (const key of expected) {
          if (forms[key] === undefined) addIssue({ message: `is required: ${has}`, ...at(key) });
        }
        if (forms.other !== undefined && !forms.other.includes("{days}")) {
          addIssue({ message: "must contain {days}, where the count goes", ...at("other") });
        }
      }
    }),
    v.description(
      "The sentence per language (one of the site's `languages`, the default one required): a form for " +
        "each CLDR plural category of that language, no more and no less (`Intl.PluralRules`; English " +
        "has one and other, Russian one, few, many and other), each at most 500 characters, with " +
        "`{days}` where the count goes (required in `other`) and, if wanted, `{since}`.",
    ),
  ),
  position: v.pipe(
    v.number("must be a number"),
    v.integer("must be a whole number"),
    v.minValue(0, "must be at least 0"),
    v.maxValue(MAX_POSITION, `must be at most ${MAX_POSITION}`),
    v.description(`Order among the counters, 0 to ${MAX_POSITION}`),
  ),
  active: v.boolean("must be true or false"),
};

const UNKNOWN = "is not a field of a counter";

/** A new counter as an editor sends it. */
export const CounterInput = v.strictObject(
  {
    ...counterFields,
    // Left out, a new counter goes after the others.
    position: v.optional(counterFields.position),
    active: v.optional(counterFields.active, true),
  },
  UNKNOWN,
);
export type CounterInput = v.InferOutput<typeof CounterInput>;

export const CounterPatch = v.strictObject(
  {
    since: v.optional(counterFields.since),
    // Replaces every language's sentence: send them all.
    sentences: v.optional(counterFields.sentences),
    position: v.optional(counterFields.position),
    active: v.optional(counterFields.active),
  },
  UNKNOWN,
);
export type CounterPatch = v.InferOutput<typeof CounterPatch>;

/** A counter as an editor saves it, with the version If-Match names. */
export const EditorCounter = v.object({
  ...counterFields,
  version: v.pipe(v.number(), v.description('The version an edit names in If-Match: "v<version>"')),
});
export type EditorCounter = v.InferOutput<typeof EditorCounter>;
