import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConfig, lintFromString, type NormalizedProblem } from "@redocly/openapi-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleWorker, disposeAllWorkers, readWorkerConfig, startWorker } from "../support/worker";

/** One line a reader can act on: the rule, where in the document, and what it says. */
function describeProblem(problem: NormalizedProblem): string {
  return `${problem.ruleId} at ${problem.location[0]?.pointer ?? "#"}: ${problem.message}`;
}

describe("the OpenAPI document the deployed worker serves", () => {
  let outdir: string;
  let problems: NormalizedProblem[];

  beforeAll(async () => {
    // The document as a deploy would serve it, not a saved copy that could lag behind.
    outdir = await mkdtemp(join(tmpdir(), "chancery-openapi-"));
    const worker = await startWorker(await bundleWorker(outdir), await readWorkerConfig());
    const source = await (await fetch(new URL("/api/openapi.json", worker.url))).text();
    problems = await lintFromString({
      source,
      absoluteRef: "openapi.json",
      config: await createConfig({
        extends: ["recommended"],
        // A language's home page is `/{lang}/`, as the site's own is `/`: a directory-like address on purpose.
        rules: { "no-path-trailing-slash": "off" },
      }),
    });
  }, 120_000);

  afterAll(async () => {
    await disposeAllWorkers();
    await rm(outdir, { recursive: true, force: true });
  });

  it("passes Redocly's recommended rules without an error", () => {
    const errors = problems.filter((problem) => problem.severity === "error").map(describeProblem);
    expect(errors).toEqual([]);
  });
});
