import * as v from "valibot";
import { commaList, Lang, wholeNumber } from "./common";
import { EditorListEntries, Kind, PublicationListQuery, PublicationSummary } from "./publication";

export const SearchQuery = v.strictObject(
  {
    q: v.pipe(
      v.string("is required"),
      v.trim(),
      v.minLength(1, "must not be empty"),
      v.maxLength(200, "must be at most 200 characters"),
      // A letter or digit is what search reads as a word (vocabulary's queryWords); as a pattern, the reference says it too.
      v.regex(/[\p{L}\p{N}]/u, "must contain a letter or a digit"),
      v.description(
        "Words to find, in any case and with or without diacritics; every word must occur, " +
          "the last one may be the start of a word. Punctuation only separates words.",
      ),
    ),
    lang: v.optional(Lang),
    kind: v.optional(commaList(Kind, "One kind or a comma list, e.g. `speech,interview`")),
    limit: v.optional(wholeNumber(1, 50), "20"),
    status: PublicationListQuery.entries.status,
  },
  "is not a parameter of this endpoint",
);
export type SearchQuery = v.InferOutput<typeof SearchQuery>;

/** A publication found, with the passage that matched. */
export const SearchHit = v.object({
  ...PublicationSummary.entries,
  ...EditorListEntries,
  snippet: v.pipe(
    v.string(),
    v.description(
      "Plain text around the best match, HTML-escaped, each match inside `<mark>` and `</mark>` " +
        "(the only markup); `…` where the text goes on",
    ),
  ),
});
export type SearchHit = v.InferOutput<typeof SearchHit>;

export const SearchResults = v.object({
  query: v.pipe(v.string(), v.description("The query as read, trimmed")),
  items: v.array(SearchHit),
});
export type SearchResults = v.InferOutput<typeof SearchResults>;
