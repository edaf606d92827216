import * as v from "valibot";

/** Where an uploaded file is served, and what it is. */
export const StoredMedia = v.object({
  key: v.pipe(v.string(), v.description("Made from the file's content: the same file keeps its key")),
  url: v.string(),
  content_type: v.string(),
  bytes: v.number(),
});
