import * as v from "valibot";
import { CalendarDate, Instant, Slug } from "./common";

/** A day counter as readers see it: the sentence with today's count. */
export const Counter = v.object({
  slug: Slug,
  since: CalendarDate,
  days: v.pipe(v.number(), v.description("Whole calendar days from `since` to today in the site's zone")),
  text: v.pipe(v.string(), v.description("The counter's sentence with `{days}` filled in")),
  template: v.pipe(
    v.string(),
    v.description(
      "The sentence with `{days}` and `{since}` unfilled, to roll over at midnight on the client",
    ),
  ),
});
export type Counter = v.InferOutput<typeof Counter>;

export const CountersQuery = v.strictObject(
  {
    at: v.optional(
      v.pipe(Instant, v.description("Count as of this instant instead of now (previews, tests)")),
    ),
  },
  "is not a parameter of this endpoint",
);

export const Counters = v.object({
  time_zone: v.string(),
  date: v.pipe(CalendarDate, v.description("Today in the site's time zone")),
  counters: v.array(Counter),
});
export type Counters = v.InferOutput<typeof Counters>;

const counterFields = {
  slug: Slug,
  since: CalendarDate,
  text: v.pipe(
    v.string(),
    v.minLength(1, "must not be empty"),
    v.maxLength(500, "must be at most 500 characters"),
    v.includes("{days}", "must contain {days}, where the count goes"),
  ),
  position: v.pipe(
    v.number("must be a number"),
    v.integer("must be a whole number"),
    v.minValue(0, "must be at least 0"),
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
    text: v.optional(counterFields.text),
    position: v.optional(counterFields.position),
    active: v.optional(counterFields.active),
  },
  UNKNOWN,
);
export type CounterPatch = v.InferOutput<typeof CounterPatch>;
