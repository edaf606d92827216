import {
  counterAnswer,
  deleteCounter,
  deletedAnswer,
  findCounter,
  findSite,
  insertCounter,
  siteAnswer,
  updateCounter,
  updateSite,
} from "../data/editor-writes";
import type { Saved } from "../http/idempotency";
import { problem } from "../http/problem";
import type { CounterInput, CounterPatch, EditorCounter } from "../schemas/counter";
import type { SitePatch } from "../schemas/site";
import { changedSince, commit, expectedVersion, type Writer } from "./commit";

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

export async function createCounter(writer: Writer, counter: CounterInput): Promise<Saved> {
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

export async function editSite(writer: Writer, patch: SitePatch): Promise<Saved> {
  const version = expectedVersion(writer.ifMatch);
  const saved = await commit(writer, {
    statements: [updateSite(writer.db, version, patch, writer.actor)],
    answer: siteAnswer(writer.actor),
    status: 200,
  });
  return saved ?? changedSince("site", version, await findSite(writer.db));
}
