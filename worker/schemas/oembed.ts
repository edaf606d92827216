import * as v from "valibot";
import { wholeNumber } from "./common";

/** The widest and tallest an embedded publication is drawn when the consumer sets no bound. */
export const EMBED_SIZE = { width: 600, height: 240 } as const;

/**
 * An oEmbed consumer's request (oEmbed 1.0, section 2.2). Another `format`
 * is a bad query parameter like any other (400 naming it), not the spec's
 * 501, a status this API never answers. Consumers add parameters of their
 * own (WordPress sends `dnt`), so others are ignored, not refused.
 */
export const OembedQuery = v.object({
  url: v.pipe(
    v.string(),
    v.url("must be an absolute URL"),
    v.description("A publication's page on this site: `<origin>/publications/<slug>`"),
  ),
  format: v.optional(
    v.pipe(
      v.picklist(["json"], "must be json, the only format served"),
      v.description("The answer's format: only `json` is served"),
    ),
  ),
  maxwidth: v.optional(
    v.pipe(
      wholeNumber(200, 10_000),
      v.description(`The widest the embed may be; it is at most ${EMBED_SIZE.width}`),
    ),
  ),
  maxheight: v.optional(
    v.pipe(
      wholeNumber(100, 10_000),
      v.description(`The tallest the embed may be; it is at most ${EMBED_SIZE.height}`),
    ),
  ),
});

/** A `rich` oEmbed answer (oEmbed 1.0, sections 2.3.4 and 2.3.4.4): an iframe of the publication. */
export const OembedAnswer = v.object({
  version: v.literal("1.0"),
  type: v.literal("rich"),
  title: v.string(),
  provider_name: v.pipe(v.string(), v.description("The site's name, in the publication's language")),
  provider_url: v.pipe(v.string(), v.description("The site's address")),
  html: v.pipe(v.string(), v.description("An `<iframe>` of the publication's embed page")),
  width: v.pipe(v.number(), v.integer()),
  height: v.pipe(v.number(), v.integer()),
});

export type OembedAnswer = v.InferOutput<typeof OembedAnswer>;
