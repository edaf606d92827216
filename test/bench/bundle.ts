import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { BUNDLE_METAFILE } from "../support/worker";
import type { Sizes } from "./report";

/** What wrangler uploads from its out directory: every module, not the source map, its README or the metafile. */
const uploaded = (name: string) => !name.endsWith(".map") && name !== "README.md" && name !== BUNDLE_METAFILE;

/**
 * The worker's upload, as wrangler counts it. 400 KiB raw and 120 KiB gzip
 * held until passkeys: the maintained WebAuthn library the issue asks for
 * (@simplewebauthn/server, with the ASN.1 stack that reads authenticators'
 * signatures) and jose for Cloudflare Access take about 200 KiB raw and
 * 65 KiB gzip of it, its certificate-chain libraries already left out
 * (wrangler.toml [alias]). Cloudflare takes up to 3 MB gzip on the free plan.
 */
export const BUNDLE_BUDGET = { rawBytes: 640 * 1024, gzipBytes: 216 * 1024 };

export interface WorkerBundleSizes extends Sizes {
  /** The packages and our own folders that take the most of it, largest first (minified bytes). */
  largest: { name: string; rawBytes: number }[];
}

/**
 * `node_modules/markdown-it/dist/x.mjs` is markdown-it (a package nested in another's
 * node_modules counts as itself), `worker/views/home.tsx` is worker/views.
 */
function partOf(input: string): string {
  const modules = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return modules ? modules[1] : input.split("/").slice(0, 2).join("/");
}

async function largestParts(outdir: string, count: number): Promise<WorkerBundleSizes["largest"]> {
  const { outputs } = JSON.parse(await readFile(join(outdir, BUNDLE_METAFILE), "utf8"));
  const parts = new Map<string, number>();
  for (const output of Object.values<{ inputs: Record<string, { bytesInOutput: number }> }>(outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      parts.set(partOf(input), (parts.get(partOf(input)) ?? 0) + bytesInOutput);
    }
  }
  return [...parts]
    .map(([name, rawBytes]) => ({ name, rawBytes }))
    .sort((a, b) => b.rawBytes - a.rawBytes)
    .slice(0, count);
}

/**
 * The deployed worker's size counted as `wrangler deploy` counts its "Total Upload":
 * all modules together, gzip at zlib's default level; and what takes most of it.
 */
export async function measureBundle(outdir: string): Promise<WorkerBundleSizes> {
  const entries = await readdir(outdir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isFile() && uploaded(entry.name)).map((entry) => entry.name);
  const code = Buffer.concat(await Promise.all(names.map((name) => readFile(join(outdir, name)))));
  return {
    rawBytes: code.byteLength,
    gzipBytes: gzipSync(code).byteLength,
    largest: await largestParts(outdir, 8),
  };
}
