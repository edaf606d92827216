import * as v from "valibot";
import { Instant, Lang, wholeNumber } from "./common";
import { Problem } from "./problem";
import { Kind, Status } from "./publication";

/** What "Translate" takes: the language of the new draft. */
export const TranslationRequest = v.strictObject(
  { lang: v.pipe(Lang, v.description("One of the site's languages, which the text has no version in yet")) },
  "is not a field of a translation",
);

/** One version of a text, as the translation views name it. */
const VersionRef = v.object({
  id: v.number(),
  slug: v.string(),
  lang: v.string(),
  title: v.string(),
  status: Status,
});

/** A version of a text with what it was translated from. */
const GroupVersion = v.object({
  ...VersionRef.entries,
  translated_from: v.pipe(
    v.nullable(v.number()),
    v.description("The id of its source, if it is a translation"),
  ),
  source_version: v.pipe(
    v.nullable(v.number()),
    v.description("The version of its source it was last made or saved from"),
  ),
  text_version: v.pipe(
    v.number(),
    v.description("The version in which its words (title, lead, body) last changed"),
  ),
});

/** Where a publication stands among its languages. */
export const TranslationGroup = v.object({
  translation_group: v.nullable(v.string()),
  languages: v.pipe(v.array(v.string()), v.description("The site's languages, the default first")),
  versions: v.pipe(
    v.array(GroupVersion),
    v.description("Every version of the text not archived, this one included"),
  ),
  missing: v.pipe(v.array(v.string()), v.description("The site's languages the text has no version in")),
  source: v.pipe(
    v.nullable(GroupVersion),
    v.description("What this publication was translated from, if anything"),
  ),
  outdated: v.pipe(
    v.boolean(),
    v.description("The source's words changed after the version this translation was last saved from"),
  ),
});
export type TranslationGroup = v.InferOutput<typeof TranslationGroup>;

/** A 409 when the text has a version in the language already: which one. */
export const TranslationClash = v.object({
  ...Problem.entries,
  translation: v.optional(
    v.pipe(
      v.object({ ...VersionRef.entries, href: v.string() }),
      v.description("The version the text already has in this language; `href` is where an editor reads it"),
    ),
  ),
});

/** A text out in at least one language, and the site's languages it has no version in. */
export const MissingTranslation = v.object({
  source: v.object({ ...VersionRef.entries, kind: Kind, published_at: Instant }),
  translation_group: v.nullable(v.string()),
  languages: v.pipe(v.array(v.string()), v.description("The site's languages this text has no version in")),
});
export type MissingTranslation = v.InferOutput<typeof MissingTranslation>;

/** A translation made from an older version of its source's words. */
export const OutdatedTranslation = v.object({
  ...VersionRef.entries,
  source_version: v.number(),
  updated_at: Instant,
  source: v.object({ ...VersionRef.entries, version: v.number(), text_version: v.number() }),
});
export type OutdatedTranslation = v.InferOutput<typeof OutdatedTranslation>;

export const TranslationsQuery = v.strictObject(
  {
    limit: v.optional(wholeNumber(1, 100), "50"),
  },
  "is not a parameter of this endpoint",
);

/** The translation dashboard: what to translate, and what to bring up to date. */
export const TranslationDashboard = v.object({
  languages: v.pipe(v.array(v.string()), v.description("The site's languages, the default first")),
  limit: v.number(),
  missing: v.object({
    items: v.pipe(
      v.array(MissingTranslation),
      v.description("One per text (translation group), newest first: texts out that lack a language"),
    ),
    more: v.pipe(v.boolean(), v.description("More texts lack a language than the list holds")),
  }),
  outdated: v.object({
    items: v.pipe(
      v.array(OutdatedTranslation),
      v.description("Translations whose source's words changed since they were last saved"),
    ),
    more: v.pipe(v.boolean(), v.description("More translations are out of date than the list holds")),
  }),
});
export type TranslationDashboard = v.InferOutput<typeof TranslationDashboard>;
