import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../support/worker";

/** The source files of the deployed bundle, from the metafile wrangler's esbuild writes. */
async function deployedInputs(): Promise<string[]> {
  const outdir = await mkdtemp(join(tmpdir(), "chancery-bundle-"));
  try {
    const metafile = join(outdir, "meta.json");
    await promisify(execFile)(
      join(projectRoot, "node_modules", ".bin", "wrangler"),
      ["deploy", "--dry-run", "--outdir", outdir, "--metafile", metafile],
      {
        cwd: projectRoot,
        env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return Object.keys(JSON.parse(await readFile(metafile, "utf8")).inputs);
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

describe("the deployed worker's bundle", () => {
  it("carries the OpenAPI generator but not zod, which only its unused zod branch imports", {
    timeout: 120_000,
  }, async () => {
    const inputs = await deployedInputs();
    expect(inputs.some((input) => input.startsWith("node_modules/hono-openapi/"))).toBe(true);
    expect(inputs.filter((input) => input.includes("node_modules/zod/"))).toEqual([]);
  });
});
