/**
 * Builds the widget: one minified ES module with Lit inside, the /embed
 * page's script, its Custom Elements Manifest (the worker serves these three
 * from its static assets) and its TypeScript element types, all under
 * dist/widget, with a module describing the served files for the worker.
 * Skipped when nothing it reads has changed; `--outdir` builds elsewhere.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { build, type Plugin } from "esbuild";
import { browserBuild } from "./browser-build";
import { buildOnce, bundled, filesIn } from "./build-once";

const { outdir: OUT } = parseArgs({ options: { outdir: { type: "string", default: "dist/widget" } } }).values;
const CEM_CONFIG = "scripts/cem.config.mjs";
const OUTPUTS = [
  "widget.js",
  "embed-page.js",
  "bundle.ts",
  "custom-elements.json",
  "types/widget/index.d.ts",
];

/** Our styles are css`` templates; esbuild leaves their whitespace, so it goes here. */
const compactCss: Plugin = {
  name: "compact-css",
  setup(build) {
    build.onLoad({ filter: /widget[\\/][^\\/]+\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, "utf8");
      const contents = source.replace(/css`([^`]*)`/g, (_, body: string) => {
        const compact = body
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/\s+/g, " ")
          // Not around + or -: calc() needs the spaces.
          .replace(/\s*([{};,>])\s*/g, "$1")
          .replace(/:\s+/g, ":")
          .trim();
        return `css\`${compact}\``;
      });
      return { contents, loader: "ts" };
    });
  },
};

/**
 * Lit records its version in globals (litHtmlVersions and the like) for its
 * dev tools, and shares decorator metadata through a global WeakMap. The
 * widget promises a host page no globals but its element names, so both
 * stay inside the bundle.
 */
const noLitGlobals: Plugin = {
  name: "no-lit-globals",
  setup(build) {
    build.onLoad(
      { filter: /node_modules[\\/](lit-html|lit-element|@lit[\\/]reactive-element)[\\/].*\.js$/ },
      async ({ path }) => {
        const source = await readFile(path, "utf8");
        const versions =
          /\(\s*[\w$.]+\.(litHtmlVersions|litElementVersions|reactiveElementVersions)\s*\?\?=\s*\[\]\s*\)\.push\([^)]*\)/g;
        const metadata = /[\w$.]+\.litPropertyMetadata\s*\?\?=\s*new WeakMap(\(\))?/g;
        let contents = source.replace(versions, "void 0");
        if (metadata.test(contents)) {
          contents = `var litPropertyMetadata = new WeakMap();\n${contents.replace(metadata, "void 0")}`;
        }
        return { contents, loader: "js" };
      },
    );
  },
};

const digest = (algorithm: "sha256" | "sha384", file: Buffer) => createHash(algorithm).update(file).digest();
const shortHash = (file: Buffer) => digest("sha256", file).toString("hex").slice(0, 16);

/**
 * What the worker tells about the files it serves: names, ETags and the
 * Subresource Integrity of the pinned copy. Worked out here, so the worker's
 * bundle holds a few hashes instead of the files.
 */
async function describe() {
  const [code, embedPage, elements] = await Promise.all(
    ["widget.js", "embed-page.js", "custom-elements.json"].map((file) => readFile(`${OUT}/${file}`)),
  );
  return {
    hash: shortHash(code),
    integrity: `sha384-${digest("sha384", code).toString("base64")}`,
    bytes: code.byteLength,
    embedPageHash: shortHash(embedPage),
    elementsHash: shortHash(elements),
  };
}

/**
 * Our html`` templates keep their source's line breaks and indents, which
 * HTML reads as one space: a newline followed by spaces is one space. Only
 * templates hold newlines in minified code, and Lit's own newlines are not
 * followed by spaces (`[ \t\n\f\r]`), so nothing else matches.
 */
async function compactTemplates(file: string): Promise<void> {
  const code = await readFile(file, "utf8");
  const compact = code.replace(/\n +/g, " ");
  if (compact === code)
    throw new Error(`${file}: no template indentation to compact; is this step still needed?`);
  await writeFile(file, compact);
}

await buildOnce("widget", OUT, OUTPUTS, async () => {
  const { metafile } = await build({
    entryPoints: { widget: "widget/index.ts", "embed-page": "widget/embed-page.ts" },
    outdir: OUT,
    ...browserBuild,
    plugins: [compactCss, noLitGlobals],
    metafile: true,
  });
  await compactTemplates(`${OUT}/widget.js`);

  execFileSync(
    "npx",
    [
      "cem",
      "analyze",
      "--config",
      CEM_CONFIG,
      "--outdir",
      // cem puts its output under the working folder, even when given an absolute path.
      relative(process.cwd(), OUT),
    ],
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  execFileSync(
    "npx",
    [
      "tsc",
      "-p",
      "widget",
      "--noEmit",
      "false",
      "--declaration",
      "--emitDeclarationOnly",
      "--outDir",
      `${OUT}/types`,
    ],
    { stdio: "inherit" },
  );
  await writeFile(
    `${OUT}/bundle.ts`,
    `// Generated by scripts/build-widget.ts.\nexport const widgetBuild = ${JSON.stringify(await describe(), null, 2)};\n`,
  );
  // The manifest and the declarations read every file of the widget and its compiler settings.
  return [
    ...bundled(metafile),
    ...(await filesIn("widget")),
    "tsconfig.json",
    CEM_CONFIG,
    "scripts/build-widget.ts",
  ];
});
