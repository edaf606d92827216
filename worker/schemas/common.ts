import type { ConversionConfig, JsonSchema } from "@valibot/to-json-schema";
import * as v from "valibot";
import { isCalendarDate, isTimeZone } from "../../widget/time";

/**
 * A URL-safe name: lowercase letters and digits joined by single hyphens,
 * with at least one letter, so a slug is never mistaken for a numeric id.
 * One pattern says both, without lookahead, so the API reference shows
 * all of it and any generator can follow it: all-digit parts, then the
 * part with the first letter, then any parts.
 */
export const Slug = v.pipe(
  v.string(),
  v.maxLength(120, "must be at most 120 characters"),
  v.regex(
    /^(?:[0-9]+-)*[0-9]*[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/,
    "must be lowercase letters and digits joined by hyphens, with at least one letter",
  ),
  v.description("URL-safe name, e.g. `national-day-reception`"),
);

/**
 * A BCP 47 language tag such as `en`, `ru-RU` or `sr-Latn-RS`: a language,
 * then a script and a region, each optional, spelt as Intl spells them.
 * Narrower than RFC 5646 on purpose: every tag this pattern takes, Intl
 * takes too (a variant twice, which the RFC's grammar allows, makes Intl
 * throw), and one spelling per tag keeps one address and one cache key per
 * language.
 */
export const Lang = v.pipe(
  v.string(),
  v.regex(
    /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$/,
    "must be a BCP 47 language tag spelt as in en, pt-BR or sr-Latn-RS",
  ),
  v.description("BCP 47 language tag: language, then optionally script and region (`en`, `pt-BR`)"),
);

/** An instant in UTC, as the API writes it: ISO 8601 with milliseconds. */
export const Instant = v.pipe(
  v.string(),
  v.isoTimestamp("must be an ISO 8601 date-time with a zone, e.g. 2020-10-25T00:06:00Z"),
  v.check((value) => !Number.isNaN(Date.parse(value)), "must be a real date-time"),
  v.description("ISO 8601 instant, e.g. `2020-10-25T00:06:00.000Z`"),
);

const NOT_A_DATE = "must be a calendar date, YYYY-MM-DD";

export const CalendarDate = v.pipe(
  v.string(),
  v.isoDate(NOT_A_DATE),
  v.check(isCalendarDate, NOT_A_DATE),
  v.description("Calendar date, `YYYY-MM-DD`"),
);

/**
 * An IANA time zone that Intl knows. The reference lists the zones once
 * (its `TimeZone` component, made in http/operations.ts); other names of
 * the same zones (links such as Europe/Kyiv for ICU's Europe/Kiev) are
 * taken too.
 */
export const TimeZone = v.pipe(
  v.string(),
  v.check(isTimeZone, "must be an IANA time zone such as Europe/London"),
  v.metadata({ jsonSchema: { $ref: "#/components/schemas/TimeZone" } }),
);

/**
 * Text of at most `max` characters; the cap shows in the API reference.
 * @example Text(80) // a label
 */
export function Text(max: number) {
  return v.pipe(
    v.string(),
    v.maxLength(max, `must be at most ${max} characters`),
    v.description(`At most ${max} characters`),
  );
}

/**
 * Text that must say something: not blank, trimmed, at most `max`
 * characters. Blankness is a pattern rather than a length after trimming,
 * so the API reference says it too.
 * @example FilledText(300) // a title
 */
export function FilledText(max: number, description = `At most ${max} characters`) {
  return v.pipe(
    v.string(),
    v.regex(/\S/, "must not be empty"),
    v.trim(),
    v.maxLength(max, `must be at most ${max} characters`),
    v.description(description),
  );
}

/**
 * Query strings carry text; this reads a whole number within bounds. The
 * API reference shows the number it must be (see `REFERENCE`).
 */
export function wholeNumber(min: number, max: number) {
  const description = `A whole number from ${min} to ${max}`;
  return v.pipe(
    v.string(),
    v.regex(/^\d+$/, "must be a whole number"),
    v.metadata({ jsonSchema: { type: "integer", minimum: min, maximum: max, description } }),
    v.transform(Number),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
}

/**
 * How the API reference reads a schema. Where a check cannot be told in
 * JSON Schema, its pipe declares what it takes (`v.metadata({ jsonSchema })`):
 * the number a query's text is read as, whose default, given as text, is
 * shown as that number too; the time zones a check knows.
 */
export const REFERENCE: ConversionConfig = {
  overrideAction: ({ valibotAction }) =>
    valibotAction.type === "metadata"
      ? (valibotAction as v.MetadataAction<unknown, { jsonSchema?: JsonSchema }>).metadata.jsonSchema
      : undefined,
  overrideSchema: ({ jsonSchema }) =>
    jsonSchema.type === "integer" && typeof jsonSchema.default === "string"
      ? { ...jsonSchema, default: Number(jsonSchema.default) }
      : undefined,
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A comma list in a query string, each entry one of `item`'s options, with
 * no more entries than there are options, so a list can never outgrow the
 * bound parameters D1 allows a query (100), however long the URL. One
 * pattern checks it, so the API reference shows exactly what is taken.
 */
export function commaList<const T extends v.PicklistSchema<readonly string[], string | undefined>>(
  item: T,
  description: string,
) {
  const most = item.options.length;
  const one = `(?:${item.options.map(escapeRegExp).join("|")})`;
  return v.pipe(
    v.string(),
    v.description(`${description}. One or more of: ${item.options.join(", ")}`),
    v.regex(
      new RegExp(`^ *${one} *(?:, *${one} *){0,${most - 1}}$`),
      `must be one or more of ${item.options.join(", ")}, separated by commas, at most ${most}`,
    ),
    v.transform((text) => text.split(",").map((entry) => entry.trim())),
    v.array(item),
  );
}
