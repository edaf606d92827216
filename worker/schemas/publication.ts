import * as v from "valibot";
import { KINDS, LEVELS, STATUSES } from "../vocabulary";
import { commaList, Instant, Lang, Slug, wholeNumber } from "./common";
import { Cursor } from "./cursor";

export const Kind = v.picklist(KINDS, `must be one of: ${KINDS.join(", ")}`);
export type Kind = v.InferOutput<typeof Kind>;

/** How grave an alert is, the most severe first. */
export const Level = v.picklist(LEVELS, `must be one of: ${LEVELS.join(", ")}`);
export type Level = v.InferOutput<typeof Level>;

export const Status = v.picklist(STATUSES, `must be one of: ${STATUSES.join(", ")}`);
export type Status = v.InferOutput<typeof Status>;

export const Tag = v.pipe(
  v.string(),
  v.minLength(1, "must not be empty"),
  v.maxLength(64, "must be at most 64 characters"),
);

/** A publication as lists show it. */
export const PublicationSummary = v.object({
  id: v.number(),
  slug: Slug,
  kind: Kind,
  lang: Lang,
  title: v.string(),
  lead: v.string(),
  published_at: Instant,
  url: v.pipe(v.string(), v.description("The publication's page on the site")),
  tags: v.array(v.string()),
  featured: v.boolean(),
  level: v.pipe(
    v.nullable(Level),
    v.description("An alert's level (`kind` alert), the most severe first; null for every other kind"),
  ),
});
export type PublicationSummary = v.InferOutput<typeof PublicationSummary>;

export const Translation = v.object({ lang: Lang, slug: Slug, url: v.string() });

/** A public note an editor gave an edit: "Corrected the date of the visit". */
export const ChangeNote = v.object({ at: Instant, note: v.string() });
export type ChangeNote = v.InferOutput<typeof ChangeNote>;

/** Where a publication stands after it went out: its embargo, its withdrawal, its public changes. */
export const Lifecycle = {
  expires_at: v.pipe(
    v.nullable(Instant),
    v.description("From this instant the publication leaves every list and its address answers 410 Gone"),
  ),
  withdrawn_at: v.pipe(
    v.nullable(Instant),
    v.description("When it was withdrawn: the text stays here under a notice, and leaves lists and search"),
  ),
  withdrawal_reason: v.pipe(v.nullable(v.string()), v.description("Why it was withdrawn")),
};

/** A publication in full: its sanitized HTML body and its other language versions. */
export const Publication = v.object({
  ...PublicationSummary.entries,
  body_html: v.string(),
  ...Lifecycle,
  changes: v.pipe(v.array(ChangeNote), v.description("The public notes of its edits, newest first")),
  modified_at: v.pipe(
    v.nullable(Instant),
    v.description("Its latest public change (a change note or the withdrawal); null when none"),
  ),
  translations: v.array(Translation),
});
export type Publication = v.InferOutput<typeof Publication>;

export const SUMMARY_FIELDS = Object.keys(PublicationSummary.entries) as (keyof PublicationSummary)[];

export const PublicationListQuery = v.strictObject(
  {
    kind: v.optional(commaList(Kind, "One kind or a comma list, e.g. `speech,interview`")),
    lang: v.optional(Lang),
    prefer_lang: v.optional(
      v.pipe(
        Lang,
        v.description(
          "One version per text (translation group): the one in this language, else in the site's " +
            "default language, else the earliest published, among the versions readers see; the site's " +
            "pages in this language list the same. The other filters (`lang`, `kind`, `tag`, `status`) then " +
            "narrow what was chosen: with `lang=en`, the texts whose chosen version is in English",
        ),
      ),
    ),
    tag: v.optional(Tag),
    limit: v.optional(wholeNumber(1, 100), "10"),
    cursor: v.optional(Cursor),
    status: v.optional(
      commaList(Status, "Editors only (a token with `publish`): list by status, e.g. `draft,scheduled`"),
    ),
    fields: v.optional(
      commaList(
        v.picklist(SUMMARY_FIELDS, `must be among: ${SUMMARY_FIELDS.join(", ")}`),
        "Trim items to these fields, e.g. `title,slug,published_at`",
      ),
    ),
  },
  "is not a parameter of this endpoint",
);
export type PublicationListQuery = v.InferOutput<typeof PublicationListQuery>;

/** The person a publication names as its author. */
export const Author = v.object({ id: v.number(), name: v.string() });

/** What an editors' list or search (`status`) adds to each item, so a withdrawn or expired text is told from a live one. */
export const EditorListEntries = {
  status: v.pipe(v.optional(Status), v.description("In editors' reads (`status`) only")),
  expires_at: v.pipe(
    v.optional(v.nullable(Instant)),
    v.description("In editors' reads (`status`) only: when it leaves every list and answers 410 Gone"),
  ),
  withdrawn_at: v.pipe(
    v.optional(v.nullable(Instant)),
    v.description("In editors' reads (`status`) only: when it was withdrawn"),
  ),
  author: v.pipe(
    v.optional(v.nullable(Author)),
    v.description(
      "In editors' reads (`status`) only: who wrote it first; null for a text older than accounts",
    ),
  ),
};

export const PublicationList = v.object({
  items: v.array(v.object({ ...v.partial(PublicationSummary).entries, ...EditorListEntries })),
  next_cursor: v.nullable(v.string()),
});

export const SlugParam = v.object({ slug: Slug });
