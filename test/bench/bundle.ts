import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { Metafile } from "esbuild";
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
 * (wrangler.toml [alias]). Reach (webhooks, the event dispatcher, alerts,
 * one-item embeds, WebSub) took 640 to 677 KiB, 213 to 227 KiB gzip: the
 * budget moved with it, not ahead of it. Cloudflare takes up to 3 MB gzip on
 * the free plan.
 */
export const BUNDLE_BUDGET = { rawBytes: 688 * 1024, gzipBytes: 232 * 1024 };

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

/**
 * The widget's budgets, gzip at level 9, each file compressed on its own as
 * it is sent: the loader every page gets; the chunks a page with the four
 * front-page elements loads besides it; and what each further element adds
 * to those.
 */
export const WIDGET_BUDGET = { loaderGzip: 2 * 1024, frontPageGzip: 10 * 1024, furtherGzip: 3 * 1024 };

/** The elements the site's own front page and the default snippet carry. */
export const FRONT_PAGE = ["chancery-events", "chancery-clocks", "chancery-counters", "chancery-today"];

export interface WidgetSizes {
  loader: Sizes;
  /** Every chunk a page with the four front-page elements loads, the loader left out. */
  frontPage: Sizes;
  /** Each other element: the chunks it loads beyond the front page's. */
  further: (Sizes & { tag: string })[];
  /** What takes the most of the front page's chunks, largest first (minified bytes, from esbuild's metafile). */
  largest: { name: string; rawBytes: number }[];
}

const gzip9 = (code: Buffer) => gzipSync(code, { level: 9 }).byteLength;

/** The widget as `npm run build` left it in `dir` (dist/widget): its files and the metafile of its chunks. */
export async function measureWidgetBuild(dir: string): Promise<WidgetSizes> {
  const { widgetBuild } = await import(pathToFileURL(join(dir, "bundle.ts")).href);
  const chunks = widgetBuild.chunks as Record<string, { elements: string[] }>;
  const read = (file: string) => readFile(join(dir, file));
  const sizes = async (files: string[]): Promise<Sizes> => {
    const codes = await Promise.all(files.map(read));
    return {
      rawBytes: codes.reduce((sum, code) => sum + code.byteLength, 0),
      gzipBytes: codes.reduce((sum, code) => sum + gzip9(code), 0),
    };
  };
  const loading = (tags: string[]) =>
    Object.keys(chunks).filter((file) => chunks[file].elements.some((tag) => tags.includes(tag)));
  const frontPage = loading(FRONT_PAGE);
  const others = [...new Set(Object.values(chunks).flatMap((chunk) => chunk.elements))].filter(
    (tag) => !FRONT_PAGE.includes(tag),
  );
  const { outputs } = JSON.parse(await readFile(join(dir, "metafile.json"), "utf8")) as Metafile;
  const parts = new Map<string, number>();
  for (const [path, output] of Object.entries(outputs)) {
    if (!frontPage.includes(basename(path))) continue;
    // A package counts as one part, each of the widget's own files as itself.
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const part = input.includes("node_modules/") ? partOf(input) : input;
      parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
    }
  }
  return {
    loader: await sizes(["widget.js"]),
    frontPage: await sizes(frontPage),
    further: await Promise.all(
      others.map(async (tag) => ({
        tag,
        ...(await sizes(loading([tag]).filter((file) => !frontPage.includes(file)))),
      })),
    ),
    largest: [...parts]
      .map(([name, rawBytes]) => ({ name, rawBytes }))
      .sort((a, b) => b.rawBytes - a.rawBytes)
      .slice(0, 8),
  };
}
