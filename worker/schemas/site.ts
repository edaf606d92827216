import * as v from "valibot";
import { Lang, TimeZone } from "./common";

const Label = v.pipe(
  v.string(),
  v.minLength(1, "must not be empty"),
  v.maxLength(80, "must be at most 80 characters"),
);

export const Clock = v.object({ label: Label, time_zone: TimeZone });

export const Contacts = v.object({
  phone: v.optional(v.string()),
  email: v.optional(v.pipe(v.string(), v.email("must be an e-mail address"))),
  address: v.optional(v.string()),
  fields: v.optional(v.array(v.object({ label: Label, value: v.string() }))),
});

/** Day, month and year tokens (DD, D, MM, M, YYYY, YY) between separators. */
export const DateFormat = v.pipe(
  v.string(),
  v.regex(/^(?:DD?|MM?|YYYY|YY|[ .,/-])+$/, "must be made of DD, D, MM, M, YYYY, YY and separators"),
  v.description("e.g. `DD.MM.YYYY`"),
);

export const Site = v.object({
  name: v.pipe(v.string(), v.minLength(1, "must not be empty")),
  time_zone: TimeZone,
  locale: Lang,
  date_format: DateFormat,
  clocks: v.array(Clock),
  contacts: Contacts,
});
export type Site = v.InferOutput<typeof Site>;

/** A change to the site's settings: any subset of them. */
export const SitePatch = v.strictObject(
  Object.fromEntries(Object.entries(Site.entries).map(([key, schema]) => [key, v.optional(schema)])) as {
    [K in keyof typeof Site.entries]: v.OptionalSchema<(typeof Site.entries)[K], undefined>;
  },
  "is not a setting of the site",
);
export type SitePatch = v.InferOutput<typeof SitePatch>;
