import * as v from "valibot";

/** A JSON Feed 1.1 document (jsonfeed.org/version/1.1), as `/feed.json` gives it. */
export const JsonFeed = v.object({
  version: v.literal("https://jsonfeed.org/version/1.1"),
  title: v.string(),
  home_page_url: v.string(),
  feed_url: v.string(),
  language: v.string(),
  hubs: v.pipe(
    v.optional(v.array(v.object({ type: v.literal("WebSub"), url: v.string() }))),
    v.description("The WebSub hub that announces the feed's changes, when the site has one"),
  ),
  items: v.array(
    v.object({
      id: v.string(),
      url: v.string(),
      title: v.string(),
      summary: v.string(),
      content_html: v.string(),
      date_published: v.string(),
      date_modified: v.optional(v.string()),
      language: v.string(),
      tags: v.array(v.string()),
    }),
  ),
});
export type JsonFeed = v.InferOutput<typeof JsonFeed>;
