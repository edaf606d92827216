import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../support/worker";

const run = promisify(execFile);
const SOURCES = join(projectRoot, "worker", "views");

describe("the stylesheets' build", () => {
  let dir: string;
  let firstRun: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "chancery-styles-"));
    firstRun = (await build()).stdout;
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const build = () => run("npx", ["tsx", "scripts/build-styles.ts", "--outdir", dir], { cwd: projectRoot });
  const names = async () =>
    (await readdir(SOURCES))
      .filter((file) => file.endsWith(".css"))
      .map((file) => basename(file, ".css"))
      .sort();

  it("writes every stylesheet of the views, smaller than its source, named by its hash", async () => {
    expect(firstRun).toBe("styles: built\n");
    const { stylesheetHashes } = await import(join(dir, "bundle.ts"));
    expect(Object.keys(stylesheetHashes).sort()).toEqual(await names());
    expect(await names()).toEqual(["api-reference", "embed", "site"]);
    for (const name of await names()) {
      const served = await readFile(join(dir, `${name}.css`));
      const source = await readFile(join(SOURCES, `${name}.css`));
      expect(served.byteLength, name).toBeLessThan(source.byteLength);
      expect(stylesheetHashes[name]).toBe(createHash("sha256").update(served).digest("hex").slice(0, 16));
    }
  });

  it("skips itself when no stylesheet has changed", async () => {
    expect((await build()).stdout).toBe("styles: up to date\n");
  }, 60_000);
});
