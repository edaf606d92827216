import * as v from "valibot";
import { isCalendarDate, isTimeZone } from "../../widget/time";

/**
 * A URL-safe name: lowercase letters and digits joined by single hyphens,
 * with at least one letter, so a slug is never mistaken for a numeric id.
 */
export const Slug = v.pipe(
  v.string(),
  v.maxLength(120, "must be at most 120 characters"),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters and digits joined by hyphens"),
  v.regex(/[a-z]/, "must contain a letter"),
  v.description("URL-safe name, e.g. `national-day-reception`"),
);

/** A BCP 47 language tag such as `en` or `ru-RU`. */
export const Lang = v.pipe(
  v.string(),
  v.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "must be a BCP 47 language tag such as en or pt-BR"),
  v.description("BCP 47 language tag"),
);

/** An instant in UTC, as the API writes it: ISO 8601 with milliseconds. */
export const Instant = v.pipe(
  v.string(),
  v.isoTimestamp("must be an ISO 8601 date-time with a zone, e.g. 2020-10-25T00:06:00Z"),
  v.check((value) => !Number.isNaN(Date.parse(value)), "must be a real date-time"),
  v.description("ISO 8601 instant, e.g. `2020-10-25T00:06:00.000Z`"),
);

export const CalendarDate = v.pipe(
  v.string(),
  v.check(isCalendarDate, "must be a calendar date, YYYY-MM-DD"),
  v.description("Calendar date, `YYYY-MM-DD`"),
);

export const TimeZone = v.pipe(
  v.string(),
  v.check(isTimeZone, "must be an IANA time zone such as Europe/London"),
  v.description("IANA time zone name"),
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

/** Query strings carry text; this reads a whole number within bounds. */
export function wholeNumber(min: number, max: number) {
  return v.pipe(
    v.string(),
    v.description(`A whole number from ${min} to ${max}`),
    v.regex(/^\d+$/, "must be a whole number"),
    v.transform(Number),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
}

/**
 * A comma list in a query string, each entry one of `item`'s options. It
 * names each option once at most, so a list can never outgrow the bound
 * parameters D1 allows a query (100), however long the URL.
 */
export function commaList<const T extends v.PicklistSchema<readonly string[], string | undefined>>(
  item: T,
  description: string,
) {
  const most = item.options.length;
  return v.pipe(
    v.string(),
    v.description(`${description}. One or more of: ${item.options.join(", ")}`),
    v.transform((text) => text.split(",").map((entry) => entry.trim())),
    v.maxLength(most, `must list at most ${most} values`),
    v.array(item),
  );
}
