/**
 * Every release of the widget, kept in R2 for the pinned snippets that name
 * it. A pinned snippet names one release's loader by its hash, and that
 * loader names its chunks, all checked against their integrity; a deploy's
 * static assets hold only its own release. So each release's files are
 * copied to R2 before its snippet is handed out, and an address the current
 * release lacks is looked up there.
 *
 * They sit under `widget/` in the media bucket, whose own keys are content
 * hashes with no folder. A file's name holds its content's hash, so a kept
 * file never changes; nothing is ever removed (a release is about 35 KB).
 */
import { widgetBundle as bundle } from "./widget-bundle";

const FOLDER = "widget/";

/** Reads a file of the build from the static assets, by its path under dist/. */
export type ReadBuilt = (path: string) => Promise<ReadableStream>;

/** A kept file, as it was served: its ETag (the hash of its content), and its bytes, read only when sent. */
export interface KeptFile {
  hash: string;
  read: () => Promise<ReadableStream>;
}

/**
 * The current release's files: the name each is served under, its path
 * among the static assets, and its hash. The pinned loader comes last: it
 * is put last, so its presence says the whole release is kept.
 */
function currentRelease(): { name: string; path: string; hash: string }[] {
  return [
    ...Object.entries(bundle.chunks).map(([name, chunk]) => ({
      name,
      path: `widget/${name}`,
      hash: chunk.hash,
    })),
    { name: `${bundle.hash}.js`, path: "widget/widget.js", hash: bundle.hash },
  ];
}

/**
 * Copies the current release to `bucket`, unless it is there already.
 * Each file is read whole: R2 takes a stream only of a known length.
 */
export async function keepRelease(bucket: R2Bucket, read: ReadBuilt): Promise<void> {
  if (await bucket.head(`${FOLDER}${bundle.hash}.js`)) return;
  for (const { name, path, hash } of currentRelease()) {
    const bytes = await new Response(await read(path)).arrayBuffer();
    await bucket.put(`${FOLDER}${name}`, bytes, { customMetadata: { hash } });
  }
}

let keeping: Promise<void> | undefined;

/**
 * `keepRelease`, once per isolate: called wherever a pinned snippet is
 * handed out. A failure is forgotten, so a later call tries again.
 */
export function keepReleaseOnce(bucket: R2Bucket, read: ReadBuilt): Promise<void> {
  keeping ??= keepRelease(bucket, read).catch((error) => {
    keeping = undefined;
    console.error("widget: this release could not be kept for its pinned snippets", error);
  });
  return keeping;
}

/**
 * The file `name` (`<hash>.js`, `<chunk>-<HASH>.js`) of an earlier release,
 * if one had it: its metadata now, its bytes when asked (not for a 304).
 */
export async function keptFile(bucket: R2Bucket, name: string): Promise<KeptFile | undefined> {
  const key = `${FOLDER}${name}`;
  const hash = (await bucket.head(key))?.customMetadata?.hash;
  if (!hash) return undefined;
  const read = async () => {
    const object = await bucket.get(key);
    if (!object) throw new Error(`widget: ${key} went from R2 while being served`);
    return object.body;
  };
  return { hash, read };
}
