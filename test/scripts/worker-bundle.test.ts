import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLE_BUDGET, measureBundle } from "../bench/bundle";
import { BUNDLE_METAFILE, bundleWorker } from "../support/worker";

/** What `wrangler deploy` would upload as the worker's script, and the source files it came from. */
async function dryRun(): Promise<{ inputs: string[]; rawBytes: number; gzipBytes: number }> {
  const outdir = await mkdtemp(join(tmpdir(), "chancery-bundle-"));
  try {
    await bundleWorker(outdir);
    const inputs = Object.keys(JSON.parse(await readFile(join(outdir, BUNDLE_METAFILE), "utf8")).inputs);
    const { rawBytes, gzipBytes } = await measureBundle(outdir);
    return { inputs, rawBytes, gzipBytes };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

describe("the deployed worker's bundle", () => {
  let bundle: Awaited<ReturnType<typeof dryRun>>;
  beforeAll(async () => {
    bundle = await dryRun();
  }, 120_000);

  it("carries no OpenAPI generator, nor zod: the build writes the document, the worker serves it", () => {
    expect(bundle.inputs.some((input) => input.startsWith("node_modules/hono-openapi/"))).toBe(true);
    const generator = /node_modules\/(@valibot\/to-json-schema|@standard-community|quansync|zod)\//;
    expect(bundle.inputs.filter((input) => generator.test(input))).toEqual([]);
    expect(bundle.inputs).toContain("worker/stubs/openapi-generator.ts");
  });

  it("takes only the builds' hashes from dist/: the widget, console, stylesheets and API document are static assets", () => {
    expect(bundle.inputs.filter((input) => input.startsWith("dist/")).sort()).toEqual([
      "dist/console/bundle.ts",
      "dist/openapi/bundle.ts",
      "dist/styles/bundle.ts",
      "dist/widget/bundle.ts",
    ]);
  });

  it("reads front matter with js-yaml, not the three times larger yaml", () => {
    expect(bundle.inputs.some((input) => input.startsWith("node_modules/js-yaml/"))).toBe(true);
    expect(bundle.inputs.filter((input) => input.startsWith("node_modules/yaml/"))).toEqual([]);
  });

  it("leaves out the certificate-chain libraries that passkeys registered without attestation never reach", () => {
    const chains = /node_modules\/(@peculiar\/x509|@peculiar\/asn1-android|tsyringe)\//;
    expect(bundle.inputs.filter((input) => chains.test(input))).toEqual([]);
    expect(bundle.inputs).toContain("worker/stubs/attestation-certificates.ts");
  });

  it(`stays within ${BUNDLE_BUDGET.rawBytes / 1024} KiB and ${BUNDLE_BUDGET.gzipBytes / 1024} KiB gzipped, as wrangler counts its upload`, () => {
    expect(bundle.rawBytes).toBeLessThanOrEqual(BUNDLE_BUDGET.rawBytes);
    expect(bundle.gzipBytes).toBeLessThanOrEqual(BUNDLE_BUDGET.gzipBytes);
  });
});
