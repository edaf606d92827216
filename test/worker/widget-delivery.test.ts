import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { get, getJson, parseHtml } from "./fixtures";

async function sri(body: string): Promise<string> {
  const hash = await crypto.subtle.digest("SHA-384", new TextEncoder().encode(body));
  return `sha384-${btoa(String.fromCharCode(...new Uint8Array(hash)))}`;
}

async function sha256Hex(body: string): Promise<string> {
  const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
  return [...new Uint8Array(hash)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

// Other elements join these; the tests name only the four every release has had.
const FRONT_PAGE = ["chancery-clocks", "chancery-counters", "chancery-events", "chancery-today"];

interface Manifest {
  pinned: string;
  chunks: { url: string }[];
}

/** What a partner's pinned snippet loads: the pinned loader and every chunk, by served path. */
const releasePaths = (manifest: Manifest) => [
  new URL(manifest.pinned).pathname,
  ...manifest.chunks.map((chunk) => new URL(chunk.url).pathname),
];

/** The copy kept in R2 of the file served at `path` (`/widget/<name>`), as text. */
const kept = async (path: string) => (await env.MEDIA.get(path.slice(1)))?.text();

// First in this file: the isolate has handed out no snippet yet, so the release is not kept yet.
describe("earlier releases, for the pinned snippets that name them", () => {
  const forgetKept = async () => {
    const { objects } = await env.MEDIA.list({ prefix: "widget/" });
    await Promise.all(objects.map((object) => env.MEDIA.delete(object.key)));
  };
  beforeEach(forgetKept);
  afterAll(forgetKept);

  it("keeps this release, byte for byte, once its pinned snippet is handed out", async () => {
    // The manifest hands out the snippet, as /embed does.
    const manifest = await getJson<Manifest>("/widget/manifest.json");
    await expect.poll(() => kept(new URL(manifest.pinned).pathname)).toBeDefined();
    for (const path of releasePaths(manifest)) {
      expect(await kept(path), path).toBe(await (await get(path)).text());
    }
  });

  it("keeps it in the hourly upkeep too, in case it was never handed out", async () => {
    const manifest = await getJson<Manifest>("/widget/manifest.json");
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "17 * * * *" }), env);
    for (const path of releasePaths(manifest)) {
      expect(await kept(path), path).toBe(await (await get(path)).text());
    }
  });

  it("finishes the rest of the hourly upkeep when R2 refuses the release, and fails the run", async () => {
    await env.DB.prepare(
      "INSERT INTO idempotency_keys (person_id, key, fingerprint, created_at) VALUES (1, 'stale', 'x', ?1)",
    )
      .bind("2000-01-01T00:00:00.000Z")
      .run();
    // The real bucket, wrapped at the app's edge so that every write is refused.
    const refusing = new Proxy(env.MEDIA, {
      get: (bucket, name) =>
        name === "put"
          ? () => Promise.reject(new Error("R2 refused the write"))
          : Reflect.get(bucket, name).bind(bucket),
    });
    const run = worker.scheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: "17 * * * *" }),
      { ...env, MEDIA: refusing },
    );
    await expect(run).rejects.toThrow(AggregateError);
    const stale = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM idempotency_keys WHERE key = 'stale'",
    ).first<{
      n: number;
    }>();
    expect(stale?.n).toBe(0);
  });

  it("serves an earlier release's loader and chunks as they were, immutable, after a deploy replaced them", async () => {
    const earlier = {
      "widget/a1b2c3d4e5f60718.js": {
        hash: "a1b2c3d4e5f60718",
        code: 'import("/widget/events-EARLIER1.js");',
      },
      "widget/events-EARLIER1.js": { hash: "fedcba9876543210", code: "export const earlier = true;" },
    };
    for (const [key, { hash, code }] of Object.entries(earlier)) {
      await env.MEDIA.put(key, code, { customMetadata: { hash } });
    }
    for (const [key, { hash, code }] of Object.entries(earlier)) {
      const response = await get(`/${key}`, { Origin: "https://partner.example" });
      expect(response.status, key).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
      expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("ETag")).toBe(`"${hash}"`);
      expect(await response.text()).toBe(code);
      expect((await get(`/${key}`, { "If-None-Match": `"${hash}"` })).status).toBe(304);
    }
    // What no release had is still a 404.
    expect((await get("/widget/fedcba9876543210.js")).status).toBe(404);
    expect((await get("/widget/events-EARLIER2.js")).status).toBe(404);
  });
});

describe("widget delivery", () => {
  it("serves /widget.js as a module any origin may load, cached briefly", async () => {
    const response = await get("/widget.js", { Origin: "https://partner.example" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Cache-Control")).toMatch(/^public, max-age=300\b/);
    expect((await response.text()).length).toBeGreaterThan(500);
  });

  it("serves every chunk the manifest lists, immutable, with CORS, its ETag and the integrity it lists", async () => {
    const manifest = await getJson("/widget/manifest.json");
    const loader = await (await get("/widget.js")).text();
    const loaded = new Set<string>();
    for (const chunk of manifest.chunks) {
      const path = new URL(chunk.url).pathname;
      expect(path).toMatch(/^\/widget\/[a-z0-9-]+-[A-Z0-9]{8}\.js$/);
      const response = await get(path, { Origin: "https://partner.example" });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
      expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
      const body = await response.text();
      expect(chunk.integrity).toBe(await sri(body));
      // Its name holds the hash of these very bytes: no later build reuses the name for others.
      expect(path.endsWith(`-${(await sha256Hex(body)).slice(0, 8).toUpperCase()}.js`), path).toBe(true);
      expect(chunk.bytes).toBe(new TextEncoder().encode(body).byteLength);
      // The loader vouches for each chunk it may fetch with the same integrity.
      expect(loader).toContain(chunk.integrity);
      const etag = response.headers.get("ETag") ?? "";
      expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
      expect((await get(path, { "If-None-Match": etag })).status).toBe(304);
      for (const element of chunk.elements) loaded.add(element);
    }
    expect([...loaded].sort()).toEqual(expect.arrayContaining(FRONT_PAGE));
    const etags = await Promise.all(
      manifest.chunks.map(async (chunk: { url: string }) =>
        (await get(new URL(chunk.url).pathname)).headers.get("ETag"),
      ),
    );
    expect(new Set(etags).size).toBe(manifest.chunks.length);
  });

  it("answers a chunk name no build made with a 404 problem", async () => {
    for (const path of ["/widget/clocks-AAAAAAAA.js", "/widget/chunk-ZZZZZZZZ.js"]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json");
      expect(((await response.json()) as { detail: string }).detail).toMatch(/\/widget\.js/);
    }
  });

  it("publishes a pinned copy with its integrity, and that copy is immutable", async () => {
    const manifest = await getJson("/widget/manifest.json");
    const pinned = await get(new URL(manifest.pinned).pathname);
    expect(pinned.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const body = await pinned.text();
    expect(body).toBe(await (await get("/widget.js")).text());
    expect(manifest.integrity).toBe(await sri(body));
    expect(manifest.bytes).toBe(new TextEncoder().encode(body).byteLength);
    expect(manifest.snippet).toContain(`integrity="${manifest.integrity}"`);
  });

  it("answers a stale hash with 404 and a known ETag with 304", async () => {
    const missing = await get("/widget/0123456789abcdef.js");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Content-Type")).toBe("application/problem+json");
    const etag = (await get("/widget.js")).headers.get("ETag") ?? "";
    expect((await get("/widget.js", { "If-None-Match": etag })).status).toBe(304);
  });

  it("describes its elements in a Custom Elements Manifest", async () => {
    const manifest = await getJson("/widget/custom-elements.json");
    const tags = manifest.modules.flatMap((module: any) =>
      (module.declarations ?? []).flatMap((d: any) => (d.tagName ? [d.tagName] : [])),
    );
    expect(tags.sort()).toEqual(expect.arrayContaining(FRONT_PAGE));
    // Each element the manifest names has code of its own, which the loader fetches only for it.
    const widget = await getJson("/widget/manifest.json");
    for (const tag of tags) {
      const own = widget.chunks.filter(
        (chunk: { elements: string[] }) => chunk.elements.length === 1 && chunk.elements[0] === tag,
      );
      expect(own, tag).toHaveLength(1);
    }
  });
});

describe("the built files the worker serves from its static assets", () => {
  it("gives the elements' manifest an ETag and answers 304 for it", async () => {
    const response = await get("/widget/custom-elements.json", { Origin: "https://partner.example" });
    expect(response.headers.get("Content-Type")).toBe("application/json");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const etag = response.headers.get("ETag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(await response.json()).toHaveProperty("modules");
    expect((await get("/widget/custom-elements.json", { "If-None-Match": etag })).status).toBe(304);
  });

  it("serves the stylesheet and script the sign-in page names, under one ETag", async () => {
    const page = await parseHtml(await get("/admin"));
    const [stylesheet] = await page.attributes('link[rel="stylesheet"]', "href");
    const css = await get(stylesheet);
    expect(css.status).toBe(200);
    expect(css.headers.get("Content-Type")).toBe("text/css; charset=utf-8");
    expect(css.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect((await css.text()).length).toBeGreaterThan(100);
    const script = await get(stylesheet.replace("/admin/console.css", "/admin/console.js"));
    expect(script.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("ETag")).toBe(css.headers.get("ETag"));
    expect(new URL(stylesheet, "https://embassy.example").searchParams.get("v")).toBe(
      css.headers.get("ETag")?.replaceAll('"', ""),
    );
  });

  it("serves the /embed page's own script", async () => {
    const response = await get("/widget/embed-page.js");
    expect(response.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("ETag")).not.toBe((await get("/widget.js")).headers.get("ETag"));
    expect((await response.text()).length).toBeGreaterThan(100);
  });

  it("answers their paths in the build with 404: only the worker's addresses serve them", async () => {
    for (const path of [
      "/widget/widget.js",
      "/console/console.js",
      "/console/console.css",
      "/widget/bundle.ts",
      "/widget/metafile.json",
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });
});

describe("the /embed page", () => {
  it("shows the pinned snippet and a live preview of every element", async () => {
    const manifest = await getJson("/widget/manifest.json");
    const response = await get("/embed");
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    const page = await parseHtml(response);
    const snippet = (await page.texts("#embed-snippet"))[0].split("\n");
    expect(snippet[0]).toBe(manifest.snippet);
    expect(snippet.slice(1)).toEqual([
      "<chancery-today></chancery-today>",
      "<chancery-clocks></chancery-clocks>",
      "<chancery-counters></chancery-counters>",
      '<chancery-events limit="10"></chancery-events>',
    ]);
    expect(await page.tags("#embed-preview > *")).toEqual([
      "chancery-today",
      "chancery-clocks",
      "chancery-counters",
      "chancery-events",
    ]);
    expect(await page.attributes("script[src]", "src")).toContain(manifest.pinned);
  });
});
