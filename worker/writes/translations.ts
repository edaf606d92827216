import { publicationAnswer } from "../data/publication-writes";
import { readSite } from "../data/site";
import { freeSlug, sourceGroupStatement, translationInsertStatement, versionIn } from "../data/translations";
import type { Saved } from "../http/idempotency";
import { invalidParams, problem } from "../http/problem";
import { currentPublication } from "./clearance";
import { commit, type Writer } from "./commit";

/**
 * "Translate": a publication's draft in another of the site's languages,
 * linked to it. The source joins a translation group (its slug names it)
 * if it had none, in the same batch as the draft is written, or neither is:
 * the draft is written first, on the condition that the source still stands
 * as read, and the source's update only if the draft was.
 */

const SLUG_MAX = 120;
// Room for the "-2", "-3", … a clash adds.
const CLASH_ROOM = 4;

/** `<source-slug>-<lang>`, within the slug's length with room for a suffix. */
function slugFor(sourceSlug: string, lang: string): string {
  const tail = `-${lang.toLowerCase()}`;
  return `${sourceSlug.slice(0, SLUG_MAX - CLASH_ROOM - tail.length).replace(/-+$/, "")}${tail}`;
}

/** The 409 for a text that has a version in the language already, naming it. */
function hasVersion(version: { id: number; slug: string; lang: string; title: string; status: string }) {
  const href = `/api/v1/publications/by-id/${version.id}`;
  return problem(409, `This text has a version in ${version.lang} already: "${version.title}" (${href}).`, {
    translation: { ...version, href },
  });
}

/**
 * Makes a draft of publication `id` in `requested` (one of the site's
 * languages): its words prefilled from the source, its kind, tags and
 * featured flag the source's, its writer its author.
 */
export async function translatePublication(writer: Writer, id: number, requested: string): Promise<Saved> {
  const source = await currentPublication(writer.db, id);
  const { languages } = await readSite(writer.db);
  const lang = languages.find((tag) => tag.toLowerCase() === requested.toLowerCase());
  if (!lang) {
    const reason = `must be one of the site's languages: ${languages.join(", ")}`;
    throw invalidParams([{ name: "lang", reason }], 422);
  }
  if (source.status === "archived")
    throw problem(409, "This publication is archived: restore it to translate it.");
  if (source.lang.toLowerCase() === lang.toLowerCase()) throw hasVersion(source);
  const group = source.translation_group ?? source.slug;
  const existing = await versionIn(writer.db, group, lang);
  if (existing) throw hasVersion(existing);
  const slug = await freeSlug(writer.db, slugFor(source.slug, lang));
  const translation = { sourceId: id, sourceVersion: source.version, group, lang, slug };
  const grouped = source.translation_group
    ? []
    : [sourceGroupStatement(writer.db, translation, writer.actor)];
  const saved = await commit(writer, {
    statements: [translationInsertStatement(writer.db, translation, writer.actor), ...grouped],
    answer: publicationAnswer("slug", slug, writer.actor),
    status: 201,
    clash: {
      on: "publications.slug",
      detail: `Another publication took the slug "${slug}" meanwhile; retry.`,
    },
  });
  if (saved) return saved;
  const meanwhile = await versionIn(writer.db, group, lang);
  if (meanwhile) throw hasVersion(meanwhile);
  throw problem(409, "The publication changed while it was being translated; nothing was saved. Retry.");
}
