/**
 * Builds the widget: a small loader (widget.js), one content-hashed chunk per
 * element and the chunks they share (Lit, the helpers), the /embed page's
 * script, its Custom Elements Manifest (the worker serves all of these from
 * its static assets) and its TypeScript element types, all under dist/widget,
 * with a module describing the served files for the worker and esbuild's
 * metafile of the chunks for the bench. Skipped when nothing it reads has
 * changed; `--outdir` builds elsewhere.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build, type Metafile, type OutputFile, type Plugin } from "esbuild";
import { minify } from "terser";
import { elements } from "../widget/elements";
import { browserBuild } from "./browser-build";
import { buildOnce, bundled, filesIn } from "./build-once";

const { outdir: OUT } = parseArgs({ options: { outdir: { type: "string", default: "dist/widget" } } }).values;
const CEM_CONFIG = "scripts/cem.config.mjs";
const OUTPUTS = [
  "widget.js",
  "embed-page.js",
  "bundle.ts",
  "custom-elements.json",
  "metafile.json",
  "types/widget/index.d.ts",
];
/** Where the loader finds the chunks: the worker serves each at `/widget/<file>`. */
const CHUNK_PATH = "/widget/";
/** A chunk's file name, as esbuild's `[name]-[hash]` writes it; the worker's route matches the same. */
const CHUNK_FILE = /^[a-z0-9-]+-[A-Z0-9]{8}\.js$/;

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
          // A rule's last declaration needs no semicolon, a fraction no leading zero.
          .replace(/;}/g, "}")
          .replace(/([\s:,(])0\.(\d)/g, "$1.$2")
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

const digest = (algorithm: "sha256" | "sha384", file: Uint8Array) =>
  createHash(algorithm).update(file).digest();
const shortHash = (file: Uint8Array) => digest("sha256", file).toString("hex").slice(0, 16);
const integrity = (file: Uint8Array) => `sha384-${digest("sha384", file).toString("base64")}`;

/**
 * Our html`` templates keep their source's line breaks and indents, which
 * HTML reads as one space: a newline followed by spaces is one space. Only
 * templates hold newlines in minified code, and Lit's own newlines are not
 * followed by spaces (`[ \t\n\f\r]`), so nothing else matches.
 */
function compactTemplates(files: OutputFile[]): Map<string, string> {
  let compacted = false;
  const out = new Map<string, string>();
  for (const file of files) {
    const compact = file.text.replace(/\n +/g, " ");
    compacted ||= compact !== file.text;
    out.set(basename(file.path), compact);
  }
  if (!compacted) throw new Error("widget: no template indentation to compact; is this step still needed?");
  return out;
}

/**
 * terser after esbuild: its second pass of compression finds what esbuild's
 * one pass leaves (about 180 bytes of gzip on the front page's chunks, the
 * margin under their 10 KB). Each chunk's imports and exports keep their names.
 */
async function squeeze(code: string): Promise<Uint8Array> {
  const { code: out } = await minify(code, { module: true, ecma: 2020, compress: { passes: 2 } });
  if (!out) throw new Error("widget: terser gave no code");
  return new TextEncoder().encode(out);
}

/** Which element (tag) each module of the registry defines, from the Custom Elements Manifest. */
async function tagsByModule(): Promise<Map<string, string>> {
  const manifest = JSON.parse(await readFile(`${OUT}/custom-elements.json`, "utf8"));
  const tags = new Map<string, string>();
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.tagName) tags.set(resolve(module.path), declaration.tagName);
    }
  }
  return tags;
}

interface Chunk {
  file: string;
  code: Uint8Array;
  /** The chunks it imports statically, by file name. */
  imports: string[];
  /** The module whose code this chunk starts and the element it defines, if it is an element's. */
  entry?: { module: string; tag: string };
}

/**
 * The elements' code, split by esbuild: one chunk per element of the
 * registry (widget/elements.ts) and the chunks they share, each named by
 * its content. The loader this build also makes is left out: the next one
 * makes the real one, which knows every chunk's integrity.
 */
async function buildChunks(): Promise<{ chunks: Chunk[]; metafile: Metafile }> {
  const tags = await tagsByModule();
  const { outputFiles, metafile } = await build({
    entryPoints: ["widget/index.ts"],
    outdir: OUT,
    ...browserBuild,
    splitting: true,
    entryNames: "loader-[hash]",
    chunkNames: "[name]-[hash]",
    plugins: [compactCss, noLitGlobals],
    metafile: true,
    write: false,
  });
  const codes = new Map<string, Uint8Array>();
  for (const [file, code] of compactTemplates(outputFiles)) codes.set(file, await squeeze(code));
  const chunks: Chunk[] = [];
  for (const [path, output] of Object.entries(metafile.outputs)) {
    const file = basename(path);
    if (output.entryPoint === "widget/index.ts") continue;
    if (!CHUNK_FILE.test(file)) throw new Error(`widget: ${file} is no chunk name the worker serves`);
    const module = output.entryPoint && resolve(output.entryPoint);
    const tag = module && tags.get(module);
    if (module && !tag) throw new Error(`widget: ${output.entryPoint} has no @element in the manifest`);
    const imports = output.imports.filter((i) => i.kind === "import-statement").map((i) => basename(i.path));
    const entry = module && tag ? { module, tag } : undefined;
    chunks.push({ file, code: codes.get(file) ?? new Uint8Array(), imports, entry });
  }
  const missing = Object.keys(elements).filter((tag) => !chunks.some((chunk) => chunk.entry?.tag === tag));
  if (missing.length) throw new Error(`widget: no chunk defines ${missing.join(", ")}`);
  const renamed = nameByContent(chunks);
  const outputs = Object.entries(metafile.outputs).map(
    ([path, output]) => [join(dirname(path), renamed.get(basename(path)) ?? basename(path)), output] as const,
  );
  return { chunks, metafile: { ...metafile, outputs: Object.fromEntries(outputs) } };
}

/**
 * esbuild names a chunk by a hash of what it wrote, before the templates
 * were compacted and terser ran: a change to either would keep a name and
 * change its bytes, and a copy cached under that name for a year, or kept
 * for a pinned snippet, would fail the integrity the loader checks. So each
 * chunk is named again by a hash of its final bytes, once the new names of
 * the chunks it imports are in its code. Gives the new name of each old one.
 */
function nameByContent(chunks: Chunk[]): Map<string, string> {
  const byFile = new Map(chunks.map((chunk) => [chunk.file, chunk]));
  const renamed = new Map<string, string>();
  const finalName = (file: string): string => {
    const known = renamed.get(file);
    if (known) return known;
    const chunk = byFile.get(file) as Chunk;
    let code = new TextDecoder().decode(chunk.code);
    for (const imported of chunk.imports) {
      if (!code.includes(`"./${imported}"`))
        throw new Error(`widget: ${file} imports ${imported} by no name seen`);
      code = code.replaceAll(`"./${imported}"`, `"./${finalName(imported)}"`);
    }
    chunk.code = new TextEncoder().encode(code);
    const name = `${file.slice(0, file.lastIndexOf("-"))}-${shortHash(chunk.code).slice(0, 8).toUpperCase()}.js`;
    renamed.set(file, name);
    return name;
  };
  for (const chunk of chunks) finalName(chunk.file);
  for (const chunk of chunks) {
    chunk.file = finalName(chunk.file);
    chunk.imports = chunk.imports.map(finalName);
  }
  return renamed;
}

/** Every chunk an element needs, its own first: what its page loads for it. */
function closure(chunks: Chunk[], tag: string): Chunk[] {
  const byFile = new Map(chunks.map((chunk) => [chunk.file, chunk]));
  const needed = new Set<Chunk>(chunks.filter((chunk) => chunk.entry?.tag === tag));
  for (const chunk of needed) for (const file of chunk.imports) needed.add(byFile.get(file) as Chunk);
  return [...needed];
}

/**
 * The loader imports an element's chunk by its served path, not its own:
 * the registry's `import("./clocks")` becomes `import("/widget/clocks-<hash>.js")`.
 */
function chunkImports(chunks: Chunk[]): Plugin {
  return {
    name: "chunk-imports",
    setup(build) {
      build.onResolve({ filter: /^\./ }, async ({ path, resolveDir, kind, pluginData }) => {
        if (kind !== "dynamic-import" || pluginData === "chunk-imports") return undefined;
        const resolved = await build.resolve(path, { resolveDir, kind, pluginData: "chunk-imports" });
        const chunk = chunks.find((candidate) => candidate.entry?.module === resolved.path);
        if (!chunk) throw new Error(`widget: ${path} is imported lazily but is no element's chunk`);
        return { path: `${CHUNK_PATH}${chunk.file}`, external: true };
      });
    },
  };
}

await buildOnce("widget", OUT, OUTPUTS, async () => {
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
  const { chunks, metafile } = await buildChunks();

  // The chunks of an older build go: the worker serves only the ones bundle.ts names.
  for (const file of await readdir(OUT)) if (CHUNK_FILE.test(file)) await rm(`${OUT}/${file}`);
  await Promise.all(chunks.map((chunk) => writeFile(`${OUT}/${chunk.file}`, chunk.code)));

  // What the loader preloads for each element, with the integrity it checks.
  const table = Object.fromEntries(
    Object.keys(elements).map((tag) => [
      tag,
      Object.fromEntries(
        closure(chunks, tag).map((chunk) => [`${CHUNK_PATH}${chunk.file}`, integrity(chunk.code)]),
      ),
    ]),
  );
  const loader = await build({
    entryPoints: { widget: "widget/index.ts", "embed-page": "widget/embed-page.ts" },
    outdir: OUT,
    ...browserBuild,
    define: { WIDGET_CHUNKS: JSON.stringify(table) },
    plugins: [chunkImports(chunks)],
    metafile: true,
  });
  await writeFile(`${OUT}/metafile.json`, JSON.stringify(metafile));

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
  const [code, embedPage, manifest] = await Promise.all(
    ["widget.js", "embed-page.js", "custom-elements.json"].map((file) => readFile(`${OUT}/${file}`)),
  );
  // What the worker tells about the files it serves: names, ETags, sizes and
  // Subresource Integrity, worked out here, so its bundle holds a few hashes instead of the files.
  const described = {
    hash: shortHash(code),
    integrity: integrity(code),
    bytes: code.byteLength,
    chunks: Object.fromEntries(
      chunks.map((chunk) => [
        chunk.file,
        {
          hash: shortHash(chunk.code),
          integrity: integrity(chunk.code),
          bytes: chunk.code.byteLength,
          elements: Object.keys(elements).filter((tag) => closure(chunks, tag).includes(chunk)),
        },
      ]),
    ),
    embedPageHash: shortHash(embedPage),
    elementsHash: shortHash(manifest),
  };
  await writeFile(
    `${OUT}/bundle.ts`,
    `// Generated by scripts/build-widget.ts.\nexport const widgetBuild = ${JSON.stringify(described, null, 2)};\n`,
  );
  // The manifest and the declarations read every file of the widget and its compiler settings.
  return [
    ...bundled(metafile),
    ...bundled(loader.metafile),
    ...(await filesIn("widget")),
    "tsconfig.json",
    CEM_CONFIG,
    "scripts/build-widget.ts",
  ];
});
