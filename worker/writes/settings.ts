import {
  counterAnswer,
  deleteCounter,
  deletedAnswer,
  findCounter,
  findSite,
  insertCounter,
  siteAnswer,
  siteLanguages,
  updateCounter,
  updateSite,
} from "../data/editor-writes";
import type { Saved } from "../http/idempotency";
import { invalidParams, problem } from "../http/problem";
import type { CounterInput, CounterPatch, EditorCounter } from "../schemas/counter";
import type { SitePatch } from "../schemas/site";
import { changedSince, commit, expectedVersion, type Writer } from "./commit";
import { settleLanguages } from "./site-languages";

/**
 * Every write to day counters and the site's settings: the version check,
 * the stamped write and its idempotency record in one batch, as for
 * publications (see ./publications.ts).
 */

async function currentCounter(writer: Writer, slug: string): Promise<EditorCounter> {
  const counter = await findCounter(writer.db, slug);
  if (!counter) throw problem(404, `No counter has the slug "${slug}".`);
  return counter;
}

/** Sentences only in the site's languages, the default one's among them. */
async function checkSentences(writer: Writer, sentences: CounterInput["sentences"]): Promise<void> {
  const languages = await siteLanguages(writer.db);
  const [first] = languages;
  const wrong = Object.keys(sentences)
    .filter((lang) => !languages.includes(lang))
    .map((lang) => ({
      name: `sentences.${lang}`,
      reason: `is not one of the site's languages (${languages.join(", ")})`,
    }));
  if (first && !sentences[first]) {
    wrong.push({ name: `sentences.${first}`, reason: "is required: it is the site's default language" });
  }
  if (wrong.length > 0) throw invalidParams(wrong, 422);
}

export async function createCounter(writer: Writer, counter: CounterInput): Promise<Saved> {
  await checkSentences(writer, counter.sentences);
  const saved = await commit(writer, {
    statements: [insertCounter(writer.db, counter, writer.actor)],
    answer: counterAnswer(counter.slug, writer.actor),
    status: 201,
    clash: { on: "counters.slug", detail: `A counter already has the slug "${counter.slug}".` },
  });
  if (!saved) throw new Error("a committed counter was not found");
  return saved;
}

export async function editCounter(writer: Writer, slug: string, patch: CounterPatch): Promise<Saved> {
  if (patch.sentences) await checkSentences(writer, patch.sentences);
  const version = expectedVersion(writer.ifMatch);
  const saved = await commit(writer, {
    statements: [updateCounter(writer.db, slug, version, patch, writer.actor)],
    answer: counterAnswer(slug, writer.actor),
    status: 200,
  });
  return saved ?? changedSince("counter", version, await currentCounter(writer, slug));
}

/** If-Match is optional here, as for archiving a publication. */
export async function removeCounter(writer: Writer, slug: string): Promise<Saved> {
  const counter = await currentCounter(writer, slug);
  const version = writer.ifMatch ? expectedVersion(writer.ifMatch) : counter.version;
  const saved = await commit(writer, {
    statements: deleteCounter(writer.db, slug, version, writer.actor),
    answer: deletedAnswer,
    status: 204,
  });
  return saved ?? changedSince("counter", version, await currentCounter(writer, slug));
}

/**
 * The patch's languages and translations are checked against the site as
 * stored at the version named, which the write then holds to.
 */
export async function editSite(writer: Writer, patch: SitePatch): Promise<Saved> {
  const version = expectedVersion(writer.ifMatch);
  const current = await findSite(writer.db);
  if (current.version !== version) changedSince("site", version, current);
  const saved = await commit(writer, {
    statements: [updateSite(writer.db, version, settleLanguages(current, patch), writer.actor)],
    answer: siteAnswer(writer.actor),
    status: 200,
  });
  return saved ?? changedSince("site", version, await findSite(writer.db));
}
