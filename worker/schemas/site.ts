import * as v from "valibot";
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

/** A language tag `Intl` can format dates in: the widget formats with it. */
const Locale = v.pipe(
  Lang,
  v.maxLength(35, "must be at most 35 characters"),
  v.check(isLocale, "must be a language tag that dates can be formatted in, such as en-GB"),
);

function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

export const Site = v.object({
  name: v.pipe(Text(200), v.minLength(1, "must not be empty")),
  time_zone: TimeZone,
  locale: Locale,
  date_format: DateFormat,
  clocks: v.pipe(
    v.array(Clock),
    v.maxLength(12, "must hold at most 12 clocks"),
    v.description("At most 12 clocks"),
  ),
  contacts: Contacts,
});
export type Site = v.InferOutput<typeof Site>;

/** What only editors see of the site: how clearance works on it. */
const Clearance = {
  approver_must_differ: v.pipe(
    v.boolean("must be true or false"),
    v.description("Someone other than a text's author approves it (on unless an admin turns it off)"),
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
    approver_must_differ: v.optional(Clearance.approver_must_differ),
  },
  "is not a setting of the site",
);
export type SitePatch = v.InferOutput<typeof SitePatch>;

/** The site as an editor reads and saves it: its settings and the version If-Match names. */
export const EditorSite = v.object({
  ...Site.entries,
  ...Clearance,
  version: v.pipe(v.number(), v.description('The version an edit names in If-Match: "v<version>"')),
});
export type EditorSite = v.InferOutput<typeof EditorSite>;
