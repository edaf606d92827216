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
  version: v.pipe(v.number(), v.description('What an editor names in If-Match to change it: "v<version>"')),
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

// Far more counters than a page can show; it keeps the number an integer SQLite stores as one.
export const MAX_POSITION = 10_000;

const counterFields = {
  slug: Slug,
  since: CalendarDate,
  template: v.pipe(
    v.string(),
    v.minLength(1, "must not be empty"),
    v.maxLength(500, "must be at most 500 characters"),
    v.includes("{days}", "must contain {days}, where the count goes"),
    v.description("The sentence, with `{days}` (and, if wanted, `{since}`); at most 500 characters"),
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
    template: v.optional(counterFields.template),
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
