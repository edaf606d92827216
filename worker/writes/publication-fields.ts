import { renderMarkdown, UnrenderableMarkdown } from "../content/markdown";
import { type SanitizedBody, sanitizeBody, UnreadableHtml } from "../content/sanitize";
import type { StoredFields } from "../data/publication-writes";
import { effectiveStatus } from "../data/status";
import { problem } from "../http/problem";
import type { EditorPublication, PublicationInput, PublicationPatch } from "../schemas/publication-input";
import { LEVELS } from "../vocabulary";

/**
 * What an editor's publication becomes when stored: a slug when none is
 * given, the body rendered, sanitized and its text taken, the status as it
 * stands at its instant. The write owner (./publications.ts) stores these.
 */

/** A slug from a title: ASCII letters and digits; falls back to the kind and date. */
export function slugFrom(title: string, fallback: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return /[a-z]/.test(slug) ? slug : fallback;
}

type BodyFormat = PublicationInput["body_format"];
type BodyFields = Pick<StoredFields, "body_html" | "body_markdown" | "body_text">;

/** The body as it will be stored: Markdown rendered, then sanitized; what cannot be is a 422 on `body`. */
async function sanitized(body: string, format: BodyFormat): Promise<SanitizedBody> {
  try {
    return await sanitizeBody(format === "markdown" ? renderMarkdown(body) : body);
  } catch (error) {
    if (!(error instanceof UnreadableHtml || error instanceof UnrenderableMarkdown)) throw error;
    throw problem(422, `The body ${error.message}`, {
      "invalid-params": [{ name: "body", reason: error.message }],
    });
  }
}

/** The HTML a body will show as, for a preview. */
export async function safeBody(body: string, format: BodyFormat): Promise<string> {
  return (await sanitized(body, format)).html;
}

/** The columns a body sent by an editor fills: its sanitized HTML, its Markdown if any, and its text. */
async function bodyFields(body: string, format: BodyFormat): Promise<BodyFields> {
  const { html, text } = await sanitized(body, format);
  return { body_html: html, body_markdown: format === "markdown" ? body : null, body_text: text };
}

/**
 * A revision's fields, to be saved again. Its HTML was sanitized when it was
 * written, so it is kept as it is; only its text, which revisions do not
 * keep, is read from it again by the same sanitizer.
 */
export async function storedFromRevision(revision: Omit<StoredFields, "body_text">): Promise<StoredFields> {
  return { ...revision, body_text: (await sanitizeBody(revision.body_html)).text };
}

/** What to store for a new (or fully replaced) publication. */
export async function storedFromInput(input: PublicationInput, now: string): Promise<StoredFields> {
  const publishedAt = input.published_at ? new Date(input.published_at).toISOString() : now;
  return {
    slug: input.slug ?? slugFrom(input.title, `${input.kind}-${publishedAt.slice(0, 10)}`),
    kind: input.kind,
    lang: input.lang,
    title: input.title,
    lead: input.lead,
    ...(await bodyFields(input.body, input.body_format)),
    published_at: publishedAt,
    status: effectiveStatus(input.status, publishedAt, now),
    featured: input.featured,
    tags: input.tags,
    translation_group: input.translation_group ?? null,
    expires_at: instant(input.expires_at),
    level: input.level ?? null,
  };
}

/** An instant as stored: UTC with milliseconds, so text order is time order. */
function instant(value: string | null | undefined): string | null {
  return value ? new Date(value).toISOString() : null;
}

/**
 * Why a publication would expire before it is out, or undefined when it
 * would not: `expires_at` must come after `published_at`.
 */
export function expiryIssue(fields: Pick<StoredFields, "published_at" | "expires_at">): string | undefined {
  if (fields.expires_at === null || fields.expires_at > fields.published_at) return undefined;
  return `must be after published_at (${fields.published_at})`;
}

/**
 * What is wrong with a publication's level and expiry, field by field: an
 * alert must say how grave it is and when it ends (it stays on every page
 * until then), and no other kind has a level.
 */
export function alertIssues(
  fields: Pick<StoredFields, "kind" | "level" | "expires_at">,
): { name: string; reason: string }[] {
  if (fields.kind !== "alert") {
    return fields.level === null || fields.level === undefined
      ? []
      : [{ name: "level", reason: "must be left out (or null): only an alert has a level" }];
  }
  return [
    ...(fields.level
      ? []
      : [{ name: "level", reason: `is required for an alert: one of ${LEVELS.join(", ")}` }]),
    ...(fields.expires_at
      ? []
      : [{ name: "expires_at", reason: "is required for an alert: it shows on every page until then" }]),
  ];
}

/** The status a row keeps for what editors see: scheduled is stored as published, clearance as a draft. */
function storedStatus(status: EditorPublication["status"]): EditorPublication["status"] {
  if (status === "scheduled") return "published";
  if (status === "submitted" || status === "approved") return "draft";
  return status;
}

/** What a PATCH changes of `current`. */
export async function storedFromPatch(
  patch: PublicationPatch,
  current: EditorPublication,
  now: string,
): Promise<Partial<StoredFields>> {
  // The edit's note is no field of the publication: the write owner keeps it apart.
  // Nor is the reason to publish without approval, which the write owner checks and records.
  const {
    body,
    body_format,
    published_at,
    status,
    expires_at,
    change_note,
    minor,
    without_approval,
    ...rest
  } = patch;
  const publishedAt = published_at ? new Date(published_at).toISOString() : current.published_at;
  const intended = status ?? storedStatus(current.status);
  return {
    ...rest,
    ...(body === undefined ? {} : await bodyFields(body, body_format ?? "html")),
    ...(published_at === undefined ? {} : { published_at: publishedAt }),
    ...(expires_at === undefined ? {} : { expires_at: instant(expires_at) }),
    ...(status === undefined && published_at === undefined
      ? {}
      : { status: effectiveStatus(intended, publishedAt, now) }),
  };
}
