/**
 * Skips a build whose inputs have not changed: a build reports the files it
 * read, their hash is kept beside its output, and the next run rebuilds only
 * when that hash differs or an output is gone. Restarts then cost nothing.
 */
import { createHash } from "node:crypto";
import { access, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Metafile } from "esbuild";

/** The files every build depends on besides its own sources: the way browsers' scripts are built, and this. */
export const BUILD_SCRIPTS = ["scripts/browser-build.ts", "scripts/build-once.ts"];

/** Where the hash lives, beside the output. */
export const STAMP = "inputs.json";

interface Stamp {
  inputs: string[];
  hash: string;
}

/** One hash over the files' names and contents; a file that is gone counts as a change. */
export async function fingerprint(files: string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const file of [...new Set(files)].sort()) {
    const content = await readFile(file).catch(() => "\0missing");
    hash.update(`${file}\0`).update(content).update("\0");
  }
  return hash.digest("hex");
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function upToDate(outDir: string, outputs: string[]): Promise<boolean> {
  const stamp: Stamp | undefined = await readFile(join(outDir, STAMP), "utf8")
    .then((text) => JSON.parse(text) as Stamp)
    .catch(() => undefined);
  if (!stamp || !Array.isArray(stamp.inputs)) return false;
  for (const output of outputs) if (!(await exists(join(outDir, output)))) return false;
  return stamp.hash === (await fingerprint(stamp.inputs));
}

/** The source files esbuild read for a bundle. */
export function bundled(metafile: Metafile): string[] {
  return Object.keys(metafile.inputs);
}

/** Every file directly inside `dir`, for tools that take a folder rather than report what they read. */
export async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(dir, entry.name));
}

/**
 * Runs `build` unless `outDir` holds every one of `outputs` built from the
 * same inputs; `build` returns the files it read. Prints one line either way.
 * @example await buildOnce("console", "dist/console", ["console.js"], async () => ["console/index.ts"]);
 */
export async function buildOnce(
  name: string,
  outDir: string,
  outputs: string[],
  build: () => Promise<string[]>,
): Promise<"built" | "up to date"> {
  if (await upToDate(outDir, outputs)) {
    console.log(`${name}: up to date`);
    return "up to date";
  }
  // A build that fails halfway must not leave an older stamp vouching for its outputs.
  await rm(join(outDir, STAMP), { force: true });
  const inputs = [...new Set([...(await build()), ...BUILD_SCRIPTS])].sort();
  const stamp: Stamp = { inputs, hash: await fingerprint(inputs) };
  await writeFile(join(outDir, STAMP), `${JSON.stringify(stamp, null, 2)}\n`);
  console.log(`${name}: built`);
  return "built";
}
