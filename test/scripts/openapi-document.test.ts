import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiHash } from "../../dist/openapi/bundle";
import {
  bundleWorker,
  disposeAllWorkers,
  projectRoot,
  type RunningWorker,
  readWorkerConfig,
  startWorker,
} from "../support/worker";

/** What `npm run build` wrote, and the worker serves at /api/openapi.json. */
const built = () => readFile(join(projectRoot, "dist/openapi/openapi.json"), "utf8");

describe("the OpenAPI document the build writes", () => {
  it("is what the app declares now, so a stale build cannot ship a stale document", async () => {
    const outdir = await mkdtemp(join(tmpdir(), "chancery-openapi-"));
    try {
      const tsx = join(projectRoot, "node_modules", ".bin", "tsx");
      await promisify(execFile)(tsx, ["scripts/build-openapi.ts", "--outdir", outdir], { cwd: projectRoot });
      expect(await readFile(join(outdir, "openapi.json"), "utf8")).toBe(await built());
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

describe("the deployed worker, which carries no generator, serves it", () => {
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

  it("as a cacheable JSON file whose ETag follows its content", async () => {
    const response = await get("/api/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const text = await response.text();
    expect(JSON.parse(text)).toEqual(JSON.parse(await built()));
    const hash = createHash("sha256").update(text).digest("hex").slice(0, 16);
    expect(response.headers.get("ETag")).toBe(`"${hash}"`);
    expect(openApiHash).toBe(hash);
  });

  it("and confirms a current copy with 304", async () => {
    const response = await get("/api/openapi.json", { "If-None-Match": `"${openApiHash}"` });
    expect(response.status).toBe(304);
    expect(await response.text()).toBe("");
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
