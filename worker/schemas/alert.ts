import * as v from "valibot";
import { Instant, Lang } from "./common";
import { Level, PublicationSummary } from "./publication";

/** An alert active now, as lists give a publication, with its level and its end. */
export const Alert = v.object({
  ...PublicationSummary.entries,
  level: v.pipe(Level, v.description("How grave it is; the list gives the most severe first")),
  expires_at: v.pipe(Instant, v.description("When it ends: from this instant it leaves every page")),
});
export type Alert = v.InferOutput<typeof Alert>;

/** The words a banner of alerts writes, in the answer's language. */
export const AlertWords = v.object({
  levels: v.pipe(
    v.object({ emergency: v.string(), security: v.string(), routine: v.string() }),
    v.description("Each level's name"),
  ),
  window: v.pipe(
    v.string(),
    v.description(
      "When the alert holds, with `{issued}` and `{until}` for its publication and its end, each a date and " +
        'time in the site\'s zone: "Issued {issued} · until {until}"',
    ),
  ),
});

export const AlertList = v.object({
  items: v.array(Alert),
  words: v.pipe(
    AlertWords,
    v.description("In `lang` where the interface speaks it, else the site's default language"),
  ),
});

export type AlertList = v.InferOutput<typeof AlertList>;

export const AlertQuery = v.strictObject(
  {
    lang: v.optional(
      v.pipe(
        Lang,
        v.description(
          "Of each alert, the version in this language where there is one, else the site's default language's; " +
            "the words in it where the interface has them",
        ),
      ),
    ),
  },
  "is not a parameter of this endpoint",
);
