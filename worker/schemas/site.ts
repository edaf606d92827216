import * as v from "valibot";
import { addressRefusal } from "../webhooks/address";
import { Lang, Text, TimeZone } from "./common";

const Label = v.pipe(Text(80), v.minLength(1, "must not be empty"));

export const Clock = v.object({
  label: Label,
  time_zone: TimeZone,
});

export const Contacts = v.object({
  phone: v.optional(Text(50)),
  // The longest address SMTP carries.
  email: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(254, "must be at most 254 characters"),
      // Valibot's own e-mail pattern, as a pattern so that the API reference shows it.
      v.regex(
        /^[\w+-]+(?:\.[\w+-]+)*@[\dA-Za-z]+(?:[.-][\dA-Za-z]+)*\.[A-Za-z]{2,}$/,
        "must be an e-mail address",
      ),
    ),
  ),
  address: v.optional(Text(500)),
  fields: v.optional(
    v.pipe(
      v.array(v.object({ label: Label, value: Text(500) })),
      v.maxLength(20, "must hold at most 20 fields"),
      v.description("At most 20 fields"),
    ),
  ),
});

// Each token can start in one way only (`D(?!D)` never competes with `DD`), so
// a string that fails is refused in one pass: with `DD?|D...` alternatives a
// 40-character string took seconds of backtracking.
const DATE_TOKENS = /^(?:YYYY|YY(?!YY)|MM|M(?!M)|DD|D(?!D)|[ .,/-])+$/;

/** Day, month and year tokens (DD, D, MM, M, YYYY, YY) between separators. */
export const DateFormat = v.pipe(
  v.string(),
  v.maxLength(20, "must be at most 20 characters"),
  v.regex(DATE_TOKENS, "must be made of DD, D, MM, M, YYYY, YY and separators"),
  v.description("e.g. `DD.MM.YYYY`; at most 20 characters"),
);

/**
 * A language of the site; never `api`, whose path (`/api/`) is the API's.
 */
const Language = v.pipe(
  Lang,
  v.check((tag) => tag !== "api", "cannot be api: /api/ is the API's address"),
);

const Name = v.pipe(Text(200), v.minLength(1, "must not be empty"));

/** At most this many languages: more than any page's language switcher can offer. */
export const MAX_LANGUAGES = 20;

/** The languages the site speaks, the default first. */
const Languages = v.pipe(
  v.array(Language),
  v.minLength(1, "must name at least one language"),
  v.maxLength(MAX_LANGUAGES, `must hold at most ${MAX_LANGUAGES} languages`),
  v.check(
    (tags) => new Set(tags.map((tag) => tag.toLowerCase())).size === tags.length,
    "must name each language once",
  ),
  v.description(`BCP 47 tags, the default language first; at most ${MAX_LANGUAGES}`),
);

export const Site = v.object({
  name: Name,
  time_zone: TimeZone,
  locale: Lang,
  date_format: DateFormat,
  clocks: v.pipe(
    v.array(Clock),
    v.maxLength(12, "must hold at most 12 clocks"),
    v.description("At most 12 clocks"),
  ),
  contacts: Contacts,
  languages: Languages,
});
export type Site = v.InferOutput<typeof Site>;

/**
 * The site's own words in one more language. A part left out, or a clock
 * label or contact field left null, reads as the default language's; clocks
 * and contact fields go by their position in the default language's lists.
 */
export const SiteTranslation = v.strictObject(
  {
    name: v.optional(Name),
    clocks: v.optional(
      v.pipe(v.array(v.nullable(Label)), v.maxLength(12, "must hold at most 12 clock labels")),
    ),
    contacts: v.optional(
      v.strictObject(
        {
          phone: v.optional(Contacts.entries.phone.wrapped),
          email: v.optional(Contacts.entries.email.wrapped),
          address: v.optional(Contacts.entries.address.wrapped),
          fields: v.optional(
            v.pipe(
              v.array(v.nullable(v.object({ label: v.optional(Label), value: v.optional(Text(500)) }))),
              v.maxLength(20, "must hold at most 20 fields"),
            ),
          ),
        },
        "is not a contact detail",
      ),
    ),
  },
  "is not a translatable part of the site",
);
export type SiteTranslation = v.InferOutput<typeof SiteTranslation>;

/** The site's words per language other than the default, keyed by BCP 47 tag. */
export const SiteTranslations = v.pipe(
  v.record(Language, SiteTranslation),
  v.check(
    (translations) => Object.keys(translations).length <= MAX_LANGUAGES,
    `must hold at most ${MAX_LANGUAGES} languages`,
  ),
  v.description("Per language tag: the name, clock labels and contacts in that language"),
);
export type SiteTranslations = v.InferOutput<typeof SiteTranslations>;

/** The site as readers get it: its words in one of its languages. */
export const PublicSite = v.object({
  ...Site.entries,
  lang: v.pipe(v.string(), v.description("The language this answer's words are in: one of `languages`")),
  version: v.pipe(v.number(), v.description('The version an edit names in If-Match: "v<version>"')),
  emblem: v.pipe(
    v.nullable(v.string()),
    v.description("The address of the institution's emblem or logo (an image), or null when it has none"),
  ),
});
export type PublicSite = v.InferOutput<typeof PublicSite>;

export const SiteQuery = v.strictObject(
  {
    lang: v.optional(
      v.pipe(
        Lang,
        v.description(
          "The language of the site's words (BCP 47): the site's language it finds by lookup (`ru-RU` finds " +
            "`ru`), else the default one",
        ),
      ),
    ),
  },
  "is not a parameter of this endpoint",
);

/** What only editors see of the site: how clearance works on it. */
const Clearance = {
  approver_must_differ: v.pipe(
    v.boolean("must be true or false"),
    v.description("Someone other than a text's author approves it (on unless an admin turns it off)"),
  ),
};

/**
 * Where the site's feeds announce their changes: the WebSub hub they name
 * (`rel="hub"`) and that the worker tells when one changes.
 */
const Reach = {
  websub_hub: v.pipe(
    v.nullable(
      v.pipe(
        v.string(),
        v.maxLength(2000, "must be at most 2000 characters"),
        v.url("must be an absolute URL"),
        v.regex(/^https:\/\//, "must be an https address"),
        // The worker posts to it from Cloudflare's network, as it does to a webhook.
        v.rawCheck(({ dataset, addIssue }) => {
          const refusal = dataset.typed ? addressRefusal(dataset.value, false) : undefined;
          if (refusal) addIssue({ message: refusal });
        }),
      ),
    ),
    v.description(
      "The WebSub hub's https address on the public Internet, which the feeds name and the worker pings on a change; null for none",
    ),
  ),
};

/** A change to the site's settings: any subset of them. */
export const SitePatch = v.strictObject(
  {
    ...(Object.fromEntries(
      Object.entries(Site.entries).map(([key, schema]) => [key, v.optional(schema)]),
    ) as {
      [K in keyof typeof Site.entries]: v.OptionalSchema<(typeof Site.entries)[K], undefined>;
    }),
    translations: v.optional(SiteTranslations),
    approver_must_differ: v.optional(Clearance.approver_must_differ),
    websub_hub: v.optional(Reach.websub_hub),
  },
  "is not a setting of the site",
);
export type SitePatch = v.InferOutput<typeof SitePatch>;

/** The site as an editor reads and saves it: its settings and the version If-Match names. */
export const EditorSite = v.object({
  ...Site.entries,
  translations: SiteTranslations,
  catalogues: v.pipe(
    v.array(v.string()),
    v.description("The languages the interface has a catalogue in; pages in any other use the default's"),
  ),
  ...Clearance,
  ...Reach,
  version: v.pipe(v.number(), v.description('The version an edit names in If-Match: "v<version>"')),
});
export type EditorSite = v.InferOutput<typeof EditorSite>;
