import { type Context, Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { nextMidnight } from "../../widget/time";
import type { AppEnv } from "../bindings";
import { countersAt, readCounters } from "../data/counters";
import { cachedRead } from "../http/cached-read";
import { json, publicRead } from "../http/operations";
import { problem } from "../http/problem";
import { valid } from "../http/validate";
import { Counter, Counters, CountersQuery } from "../schemas/counter";
import { SlugParam } from "../schemas/publication";

/**
 * Counters as of `at` (or now), in the language `lang` finds. Without `at`
 * the answer changes at the site's next midnight, so no cache may keep it
 * past then.
 */
function countersRead(c: Context<AppEnv>, query: CountersQuery, slug?: string) {
  const { at, lang } = query;
  return cachedRead(c, async () => {
    const instant = at ? Date.parse(at) : Date.now();
    const board = await readCounters(c.env.DB, slug);
    const counters = countersAt(board, instant, lang);
    if (slug && counters.counters.length === 0) {
      throw problem(404, `No active counter has the slug "${slug}".`);
    }
    return {
      body: slug ? { time_zone: counters.time_zone, date: counters.date, ...counters.counters[0] } : counters,
      freshUntil: at ? undefined : nextMidnight(instant, board.timeZone),
    };
  });
}

const atNote =
  "`at` (an ISO 8601 instant) counts as of that instant instead of now, for previews and tests. " +
  "`lang` asks for the sentences in one of the site's languages (by lookup, else the default one); each " +
  "sentence takes the form of its count's plural category in that language.";

export const counters = new Hono<AppEnv>()
  .get(
    "/",
    describeRoute(
      publicRead({
        summary: "Day counters",
        description: `Each active counter with the whole calendar days from its date to today in the site's time zone, and its sentence. ${atNote}`,
        tags: ["Counters"],
        answer: { description: "Today's counters", content: json(Counters) },
      }),
    ),
    valid("query", CountersQuery),
    (c) => countersRead(c, c.req.valid("query")),
  )
  .get(
    "/:slug",
    describeRoute(
      publicRead({
        summary: "One day counter",
        description: `One active counter, with the site's zone and today's date. ${atNote}`,
        tags: ["Counters"],
        answer: { description: "The counter", content: json(Counter) },
        problems: { 404: "No active counter has this slug" },
      }),
    ),
    valid("param", SlugParam),
    valid("query", CountersQuery),
    (c) => countersRead(c, c.req.valid("query"), c.req.valid("param").slug),
  );
