import * as v from "valibot";
import { Instant } from "./common";
import { Status } from "./publication";
import { EditorPublication } from "./publication-input";

/** What editors can read of the past: a publication's revisions, and the audit log of every write. */

/** A publication's fields but its bodies: what an audit row keeps of a publication. */
export const PublicationFields = v.omit(EditorPublication, [
  "id",
  "body_html",
  "body_markdown",
  "version",
  "created_at",
  "updated_at",
  "author",
  "written_by",
]);

const Version = v.pipe(v.number(), v.description("A version of the publication: its revision's number"));

/** One saved version in a publication's history. */
export const RevisionSummary = v.object({
  version: Version,
  changed_by: v.pipe(
    v.nullable(v.string()),
    v.description("Who saved it: the person, and the token they used, if any"),
  ),
  created_at: Instant,
  status: Status,
  title: v.string(),
});
export type RevisionSummary = v.InferOutput<typeof RevisionSummary>;

export const RevisionList = v.object({
  revisions: v.pipe(v.array(RevisionSummary), v.description("Newest first")),
});

/** One saved version in full, both bodies included: what restoring it brings back. */
export const Revision = v.object({
  version: Version,
  ...PublicationFields.entries,
  body_html: v.string(),
  body_markdown: v.nullable(v.string()),
});

const PublicationChange = v.pipe(
  v.object({
    changed: v.optional(
      v.pipe(
        v.array(v.string()),
        v.description("The fields this write changed, `body_html` and `body_markdown` included"),
      ),
    ),
    before: v.optional(PublicationFields),
    after: PublicationFields,
    revisions: v.pipe(
      v.object({ before: v.optional(Version), after: Version }),
      v.description(
        "The versions before and after the write: `GET /api/v1/publications/by-id/{id}/revisions/{version}` " +
          "gives each in full, bodies included",
      ),
    ),
  }),
  v.description(
    "A publication's write (`publication.create`, `.update`, `.archive`, `.restore`). The bodies stay " +
      "in the revisions, not here: one near its size limit would not fit in one row twice.",
  ),
);

const RowChange = v.pipe(
  v.object({
    before: v.optional(v.record(v.string(), v.unknown())),
    after: v.optional(v.record(v.string(), v.unknown())),
  }),
  v.description(
    "A counter's or the site's write: the whole row before and after (`counter.*`, `site.update`)",
  ),
);

const UploadChange = v.pipe(
  v.object({
    key: v.string(),
    type: v.string(),
    bytes: v.number(),
    created: v.pipe(v.boolean(), v.description("False when the same file was stored already")),
    filename: v.optional(v.string()),
  }),
  v.description("A file sent to `/api/v1/media` (`media.upload`)"),
);

/** One write: who made it, when, in which request, to what, and the change. */
export const AuditEntry = v.object({
  id: v.number(),
  at: Instant,
  actor: v.pipe(v.nullable(v.string()), v.description("The name of the token that wrote")),
  action: v.pipe(v.string(), v.description("What was done, e.g. `publication.update`, `counter.delete`")),
  subject: v.pipe(
    v.string(),
    v.description("What it was done to: `publication:12`, `counter:charter`, `site`"),
  ),
  request_id: v.pipe(v.nullable(v.string()), v.description("The request's id (its CF-Ray)")),
  change: v.union([PublicationChange, RowChange, UploadChange]),
});
export type AuditEntry = v.InferOutput<typeof AuditEntry>;

export const AuditPage = v.object({
  entries: v.pipe(v.array(AuditEntry), v.description("Newest first")),
  next_before: v.pipe(v.nullish(v.number()), v.description("Send as `before` for the next page")),
});
