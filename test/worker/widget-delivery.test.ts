import { describe, expect, it } from "vitest";
import { get, getJson, parseHtml } from "./fixtures";

async function sri(body: string): Promise<string> {
  const hash = await crypto.subtle.digest("SHA-384", new TextEncoder().encode(body));
  return `sha384-${btoa(String.fromCharCode(...new Uint8Array(hash)))}`;
}

describe("widget delivery", () => {
  it("serves /widget.js as a module any origin may load, cached briefly", async () => {
    const response = await get("/widget.js", { Origin: "https://partner.example" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Cache-Control")).toMatch(/^public, max-age=300\b/);
    expect((await response.text()).length).toBeGreaterThan(1000);
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
    expect(tags.sort()).toEqual([
      "chancery-clocks",
      "chancery-counters",
      "chancery-events",
      "chancery-today",
    ]);
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
