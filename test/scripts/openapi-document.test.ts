import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docsPageHash, openApiHash } from "../../dist/openapi/bundle";
import {
  BUNDLE_METAFILE,
  bundleWorker,
  disposeAllWorkers,
  projectRoot,
  type RunningWorker,
  readWorkerConfig,
  startWorker,
} from "../support/worker";

/** What `npm run build` wrote, and the worker serves at /api/openapi.json and /api/docs. */
const built = (file = "openapi.json") => readFile(join(projectRoot, "dist/openapi", file), "utf8");

describe("the OpenAPI document and reference page the build writes", () => {
  it("are what the app declares now, so a stale build cannot ship a stale document or page", async () => {
    const outdir = await mkdtemp(join(tmpdir(), "chancery-openapi-"));
    try {
      const tsx = join(projectRoot, "node_modules", ".bin", "tsx");
      await promisify(execFile)(tsx, ["scripts/build-openapi.ts", "--outdir", outdir], { cwd: projectRoot });
      expect(await readFile(join(outdir, "openapi.json"), "utf8")).toBe(await built());
      expect(await readFile(join(outdir, "docs.html"), "utf8")).toBe(await built("docs.html"));
      expect(await readFile(join(outdir, "bundle.ts"), "utf8")).toBe(
        await readFile(join(projectRoot, "dist/openapi/bundle.ts"), "utf8"),
      );
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  });

  it("names the server relatively, so one file serves every origin", async () => {
    expect(JSON.parse(await built()).servers).toEqual([{ url: "/" }]);
  });
});

describe("the deployed worker, which carries no generator nor renderer, serves them", () => {
  let outdir: string;
  let worker: RunningWorker;
  beforeAll(async () => {
    outdir = await mkdtemp(join(tmpdir(), "chancery-openapi-served-"));
    worker = await startWorker(await bundleWorker(outdir), await readWorkerConfig());
  }, 120_000);
  afterAll(async () => {
    await disposeAllWorkers();
    await rm(outdir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(new URL(path, worker.url), { headers });

  it("bundles neither the reference page's view nor the document's generator", async () => {
    const { inputs } = JSON.parse(await readFile(join(outdir, BUNDLE_METAFILE), "utf8"));
    expect(Object.keys(inputs)).toContain("worker/routes/docs.tsx");
    expect(Object.keys(inputs)).not.toContain("worker/views/api-reference.tsx");
    expect(Object.keys(inputs)).not.toContain("worker/openapi.ts");
  });

  const files = [
    { path: "/api/openapi.json", file: "openapi.json", type: "application/json", hash: openApiHash },
    { path: "/api/docs", file: "docs.html", type: "text/html; charset=utf-8", hash: docsPageHash },
  ];

  it.each(files)(
    "$path as the cacheable file the build wrote, its ETag following its content",
    async ({ path, file, type, hash }) => {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe(type);
      expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      const text = await response.text();
      expect(text).toBe(await built(file));
      const contentHash = createHash("sha256").update(text).digest("hex").slice(0, 16);
      expect(response.headers.get("ETag")).toBe(`"${contentHash}"`);
      expect(hash).toBe(contentHash);
    },
  );

  it.each(files)("$path confirms a current copy with 304", async ({ path, hash }) => {
    const response = await get(path, { "If-None-Match": `"${hash}"` });
    expect(response.status).toBe(304);
    expect(await response.text()).toBe("");
  });

  it.each([200, 304])("answers the page with the pages' security headers (%i too)", async (status) => {
    const response = await get("/api/docs", status === 304 ? { "If-None-Match": `"${docsPageHash}"` } : {});
    expect(response.status).toBe(status);
    expect(response.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("X-Frame-Options")).toBe("DENY");
  });

  it("and renders the reference page from it, one section per operation", async () => {
    const response = await get("/api/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    const { document } = parseHTML(await response.text());
    const shown = [...document.querySelectorAll("section h3")].map((h3) =>
      h3.textContent?.replace(/\s+/g, " "),
    );
    const { paths } = JSON.parse(await built()) as { paths: Record<string, Record<string, unknown>> };
    const declared = Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => key !== "parameters")
        .map((method) => `${method} ${path}`),
    );
    expect(shown.sort()).toEqual(declared.sort());
  });
});
