import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildOnce } from "../../scripts/build-once";

const run = promisify(execFile);

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "chancery-build-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("builds run only when what they read has changed", () => {
  /** A build that copies one source file to out.txt and counts its runs. */
  function copyBuild(source: string) {
    const counter = { runs: 0 };
    const build = async () => {
      counter.runs += 1;
      await writeFile(join(dir, "out.txt"), await readFile(source));
      return [source];
    };
    return { counter, once: () => buildOnce("copy", dir, ["out.txt"], build) };
  }

  it("skips a second build of the same inputs", async () => {
    const source = join(dir, "source.txt");
    await writeFile(source, "one");
    const { counter, once } = copyBuild(source);
    expect(await once()).toBe("built");
    expect(await once()).toBe("up to date");
    expect(counter.runs).toBe(1);
  });

  it("rebuilds when an input changes", async () => {
    const source = join(dir, "source.txt");
    await writeFile(source, "one");
    const { counter, once } = copyBuild(source);
    await once();
    await writeFile(source, "two");
    expect(await once()).toBe("built");
    expect(await readFile(join(dir, "out.txt"), "utf8")).toBe("two");
    expect(counter.runs).toBe(2);
  });

  it("rebuilds when an output is gone", async () => {
    const source = join(dir, "source.txt");
    await writeFile(source, "one");
    const { once } = copyBuild(source);
    await once();
    await rm(join(dir, "out.txt"));
    expect(await once()).toBe("built");
    expect(await readFile(join(dir, "out.txt"), "utf8")).toBe("one");
  });

  it("rebuilds when an input is gone", async () => {
    const source = join(dir, "source.txt");
    await writeFile(source, "one");
    const { once } = copyBuild(source);
    await once();
    await rm(source);
    await expect(once()).rejects.toThrow(/ENOENT/);
  });

  it("rebuilds after a build that failed halfway, even once its inputs are back as they were", async () => {
    const source = join(dir, "source.txt");
    await writeFile(source, "one");
    const { once } = copyBuild(source);
    await once();
    await writeFile(source, "two");
    const failing = buildOnce("copy", dir, ["out.txt"], async () => {
      await writeFile(join(dir, "out.txt"), "half");
      throw new Error("compiler error");
    });
    await expect(failing).rejects.toThrow("compiler error");
    await writeFile(source, "one");
    expect(await once()).toBe("built");
    expect(await readFile(join(dir, "out.txt"), "utf8")).toBe("one");
  });

  it("says in one line whether the console was built or up to date", async () => {
    const build = () => run("npx", ["tsx", "scripts/build-console.ts", "--outdir", dir]);
    expect((await build()).stdout).toBe("console: built\n");
    const bundle = await readFile(join(dir, "bundle.ts"), "utf8");
    expect((await build()).stdout).toBe("console: up to date\n");
    expect(await readFile(join(dir, "bundle.ts"), "utf8")).toBe(bundle);
    await rm(join(dir, "console.js"));
    expect((await build()).stdout).toBe("console: built\n");
  }, 60_000);
});
