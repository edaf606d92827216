import { beforeAll, describe, expect, it } from "vitest";
import { get, parseHtml, resetContent } from "./fixtures";

async function sha256Hex(body: string): Promise<string> {
  const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
  return [...new Uint8Array(hash)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

// Each page and the one stylesheet it links, at the address it has always had.
const PAGES = [
  { page: "/", stylesheet: "/site.css" },
  { page: "/embed", stylesheet: "/embed.css" },
  { page: "/api/docs", stylesheet: "/api/docs.css" },
];

describe("the pages' stylesheets, served from the static assets", () => {
  beforeAll(async () => {
    await resetContent();
  });

  it.each(PAGES)("$page links $stylesheet", async ({ page, stylesheet }) => {
    const links = await (await parseHtml(await get(page))).attributes('link[rel="stylesheet"]', "href");
    expect(links).toEqual([stylesheet]);
  });

  it.each(PAGES)("$stylesheet comes as CSS, cached briefly, named by its content", async ({ stylesheet }) => {
    const response = await get(stylesheet);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/css; charset=utf-8");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300, stale-while-revalidate=86400");
    const css = await response.text();
    expect(css.length).toBeGreaterThan(500);
    // A release that changes the stylesheet changes its ETag, so browsers fetch it anew.
    expect(response.headers.get("ETag")).toBe(`"${(await sha256Hex(css)).slice(0, 16)}"`);
  });

  it.each(PAGES)("$stylesheet answers 304 to a browser that holds it", async ({ stylesheet }) => {
    const etag = (await get(stylesheet)).headers.get("ETag") ?? "";
    const again = await get(stylesheet, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("ETag")).toBe(etag);
    expect(await again.text()).toBe("");
  });

  it("keeps their places in the build unpublished: only the worker's addresses serve them", async () => {
    for (const path of [
      "/styles/site.css",
      "/styles/embed.css",
      "/styles/api-reference.css",
      "/styles/bundle.ts",
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });
});
