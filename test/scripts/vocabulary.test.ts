import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { browserBuild } from "../../scripts/browser-build";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The source files a browser bundle of `entry` is made of, as esbuild reads them. */
async function inputsOf(entry: string): Promise<string[]> {
  const { metafile } = await build({
    ...browserBuild,
    entryPoints: [entry],
    absWorkingDir: root,
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  return Object.keys(metafile.inputs);
}

describe("the vocabulary, rule book and language lookup shared by the worker, the widget and the console", () => {
  it("depends on nothing", async () => {
    expect(await inputsOf("worker/vocabulary.ts")).toEqual(["worker/vocabulary.ts"]);
  });

  it("picks languages without any other module", async () => {
    expect(await inputsOf("worker/languages.ts")).toEqual(["worker/languages.ts"]);
  });

  it("keeps the rule book to the vocabulary alone", async () => {
    expect((await inputsOf("worker/clearance.ts")).sort()).toEqual([
      "worker/clearance.ts",
      "worker/vocabulary.ts",
    ]);
  });

  it("reaches the console without the worker's schemas, messages or valibot", async () => {
    const inputs = await inputsOf("console/index.ts");
    // The vocabulary, the rule book and language lookup are the worker modules a browser may carry: any other brings server code and its messages.
    expect(inputs.filter((input) => input.startsWith("worker/")).sort()).toEqual([
      "worker/clearance.ts",
      "worker/languages.ts",
      "worker/vocabulary.ts",
    ]);
    expect(inputs.filter((input) => /valibot/.test(input))).toEqual([]);
  });

  it("keeps valibot out of the widget", async () => {
    const inputs = await inputsOf("widget/index.ts");
    expect(inputs.filter((input) => /valibot|worker\/schemas\//.test(input))).toEqual([]);
  });
});
