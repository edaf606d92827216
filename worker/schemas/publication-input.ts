import * as v from "valibot";
import { MAX_MARKDOWN_NESTING, MAX_MARKDOWN_TAGS } from "../content/markdown";
import { BODY_FORMATS, REQUESTED_STATUSES } from "../vocabulary";
import { FilledText, Instant, Lang, Slug, Text } from "./common";
import { Author, Kind, Level, Lifecycle, PublicationSummary, Status, Tag } from "./publication";

const fields = {
  slug: Slug,
  kind: Kind,
  lang: Lang,
  title: FilledText(300),
  lead: Text(2000),
  body: v.pipe(
    Text(500_000),
    v.description(
      "HTML, or Markdown with `body_format: markdown`; sanitized before it is stored. At most 500,000 " +
        `characters; Markdown may nest quotes and lists ${MAX_MARKDOWN_NESTING} levels deep (a list ` +
        `level counts two) and make at most ${MAX_MARKDOWN_TAGS.toLocaleString("en")} HTML tags`,
    ),
  ),
  body_format: v.picklist(BODY_FORMATS, `must be ${BODY_FORMATS.join(" or ")}`),
  published_at: v.pipe(Instant, v.description("A future instant schedules the publication")),
  status: v.picklist(REQUESTED_STATUSES, `must be ${REQUESTED_STATUSES.join(" or ")} (DELETE archives)`),
  featured: v.boolean("must be true or false"),
  tags: v.pipe(v.array(Tag, "must be a list of tags"), v.maxLength(20, "must hold at most 20 tags")),
  translation_group: v.nullable(Text(64)),
  expires_at: v.pipe(
    v.nullable(Instant),
    v.description(
      "After published_at: from this instant the publication leaves every list and its address answers 410 Gone; null for never. Required for an alert",
    ),
  ),
  level: v.pipe(
    v.nullable(Level),
    v.description(
      "How grave an alert is: required when `kind` is alert, refused (null or left out) for every other kind",
    ),
  ),
};

const UNKNOWN = "is not a field of a publication";

/** Why a publisher puts a text out that no second reader approved: the audit log keeps it. */
const withoutApproval = {
  without_approval: v.optional(
    FilledText(
      500,
      "Why this goes out without a second reader's approval: required when a request publishes or " +
        "schedules a text that is not approved, refused on any other request. The audit log keeps it",
    ),
  ),
};

/** A new publication as an editor sends it (JSON, or Markdown front matter). */
export const PublicationInput = v.strictObject(
  {
    ...fields,
    slug: v.optional(fields.slug),
    lead: v.optional(fields.lead, ""),
    body: v.optional(fields.body, ""),
    body_format: v.optional(fields.body_format, "html"),
    published_at: v.optional(fields.published_at),
    status: v.optional(fields.status, "draft"),
    featured: v.optional(fields.featured, false),
    tags: v.optional(fields.tags, []),
    translation_group: v.optional(fields.translation_group),
    expires_at: v.optional(fields.expires_at),
    level: v.optional(fields.level),
    ...withoutApproval,
  },
  UNKNOWN,
);
export type PublicationInput = v.InferOutput<typeof PublicationInput>;

/** What an edit of a published text may say of itself, for readers. */
const editNote = {
  change_note: v.optional(
    FilledText(
      500,
      'A public note on this edit of a published text ("Corrected the date of the visit"): the page shows it under "Updated". ' +
        "Refused on a text that is not out, and with `minor`",
    ),
  ),
  minor: v.optional(
    v.pipe(v.boolean("must be true or false"), v.description("A minor edit carries no note")),
  ),
};

/** A PUT: a whole publication, and perhaps a note on the edit. */
export const PublicationReplacement = v.strictObject({ ...PublicationInput.entries, ...editNote }, UNKNOWN);
export type PublicationReplacement = v.InferOutput<typeof PublicationReplacement>;

/** A PATCH: any subset of the fields. */
export const PublicationPatch = v.strictObject(
  {
    ...(Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, v.optional(schema)])) as {
      [K in keyof typeof fields]: v.OptionalSchema<(typeof fields)[K], undefined>;
    }),
    ...editNote,
    ...withoutApproval,
  },
  UNKNOWN,
);
export type PublicationPatch = v.InferOutput<typeof PublicationPatch>;

export const IdParam = v.object({
  id: v.pipe(
    v.string(),
    v.regex(/^[1-9]\d{0,15}$/, "must be a publication's numeric id"),
    v.transform(Number),
  ),
});

/** A publication as editors see it: any status, with its version for If-Match. */
export const EditorPublication = v.object({
  ...v.omit(PublicationSummary, ["url"]).entries,
  body_html: v.string(),
  body_markdown: v.pipe(
    v.nullable(v.string()),
    v.description("The Markdown the body was written in; null when it was sent as HTML"),
  ),
  status: Status,
  translation_group: v.nullable(v.string()),
  ...Lifecycle,
  version: v.number(),
  created_at: Instant,
  updated_at: Instant,
  author: v.pipe(
    v.nullable(Author),
    v.description("Who wrote it first; null for a text older than people's accounts"),
  ),
  written_by: v.pipe(
    v.nullable(Author),
    v.description(
      "Who last changed its words (title, lead, body); with the author, the one person who may not approve it",
    ),
  ),
});
export type EditorPublication = v.InferOutput<typeof EditorPublication>;

/** A body to preview: what an editor is typing, before it is saved. */
export const BodyPreview = v.strictObject(
  { body: fields.body, body_format: v.optional(fields.body_format, "markdown") },
  "is not a field of a preview",
);

/** Why a published text is withdrawn: readers see it under the text. */
export const Withdrawal = v.strictObject(
  {
    reason: FilledText(1000, 'Shown to readers: "Withdrawn on DATE: REASON". At most 1000 characters'),
  },
  "is not a field of a withdrawal",
);

export const BodyPreviewResult = v.object({ body_html: v.string() });
