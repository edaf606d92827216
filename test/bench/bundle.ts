import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Sizes } from "./report";

/** What wrangler uploads from its out directory: every module, not the source map or its README. */
const uploaded = (name: string) => !name.endsWith(".map") && name !== "README.md";

/**
 * The deployed worker's size counted as `wrangler deploy` counts its "Total Upload":
 * all modules together, gzip at zlib's default level.
 */
export async function measureBundle(outdir: string): Promise<Sizes> {
  const entries = await readdir(outdir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isFile() && uploaded(entry.name)).map((entry) => entry.name);
  const code = Buffer.concat(await Promise.all(names.map((name) => readFile(join(outdir, name)))));
  return { rawBytes: code.byteLength, gzipBytes: gzipSync(code).byteLength };
}
