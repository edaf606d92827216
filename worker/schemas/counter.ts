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
