import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { forgetContentVersion } from "../../worker/data/cache";
import { addPublications, get, resetContent } from "./fixtures";

const LIST = "/api/v1/publications?limit=5";

async function slugs(response: Response): Promise<string[]> {
  return (await response.json<any>()).items.map((item: { slug: string }) => item.slug);
}

describe("cached public reads", () => {
  beforeEach(async () => {
    await resetContent();
    await addPublications({ slug: "first", published_at: "2020-10-20T09:00:00.000Z" });
  });

  it("answers If-None-Match with 304 while the content is unchanged, 200 once it changes", async () => {
    const first = await get(LIST);
    const etag = first.headers.get("ETag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get(LIST, { "If-None-Match": etag ?? "" });
    expect(again.status).toBe(304);
    expect(again.headers.get("ETag")).toBe(etag);
    expect(await again.text()).toBe("");

    await addPublications({ slug: "second", published_at: "2020-10-21T09:00:00.000Z" });
    const changed = await get(LIST, { "If-None-Match": etag ?? "" });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(etag);
    expect(await slugs(changed)).toEqual(["second", "first"]);
  });

  it("serves from cache until a write moves the content version on, then from D1 within a second", async () => {
    expect(await slugs(await get(LIST))).toEqual(["first"]);
    await env.DB.prepare(
      `INSERT INTO publications (slug, kind, lang, title, published_at, status, created_at, updated_at)
       VALUES ('quiet', 'news', 'en', 'Quiet', '2020-10-22T09:00:00.000Z', 'published', '', '')`,
    ).run();
    expect(await slugs(await get(LIST))).toEqual(["first"]);
    // The isolate trusts the version it read for a second, then asks D1 again.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 1_100);
    expect(await slugs(await get(LIST))).toEqual(["quiet", "first"]);
    vi.useRealTimers();
  });

  it("revalidates against D1 when the reader sends Cache-Control: no-cache", async () => {
    await get(LIST);
    await env.DB.prepare("UPDATE publications SET title = 'Retitled' WHERE slug = 'first'").run();
    const fresh = await get(LIST, { "Cache-Control": "no-cache" });
    expect((await fresh.json<any>()).items[0].title).toBe("Retitled");
  });

  it("states shared caching for reads, bounded in time, and no-store for the rest", async () => {
    const list = await get(LIST);
    expect(list.headers.get("Cache-Control")).toBe(
      "public, max-age=60, stale-while-revalidate=60, stale-if-error=86400",
    );
    for (const path of [
      "/api/v1/health",
      "/api/v1/publications/none",
      "/api/v1/publications?limit=0",
      "/nowhere",
    ]) {
      expect((await get(path)).headers.get("Cache-Control"), path).toBe("private, no-store");
    }
  });

  describe("when D1 fails", () => {
    const away = () => env.DB.prepare("ALTER TABLE publications RENAME TO publications_away").run();
    let logged: ReturnType<typeof vi.spyOn>;
    beforeEach(() => {
      logged = vi.spyOn(console, "error").mockImplementation(() => {});
    });
    afterEach(async () => {
      expect(logged).toHaveBeenCalled();
      logged.mockRestore();
      await env.DB.prepare("ALTER TABLE publications_away RENAME TO publications")
        .run()
        .catch(() => {});
    });

    it("still answers a read that has a cached copy", async () => {
      const cached = await get(LIST);
      const body = await cached.text();
      await away();
      await env.DB.prepare("UPDATE content_version SET version = version + 1").run();
      forgetContentVersion();
      const fallback = await get(LIST);
      expect(fallback.status).toBe(200);
      expect(await fallback.text()).toBe(body);
      expect(fallback.headers.get("Cache-Control")).toMatch(/max-age=0\b/);
    });

    it("answers 503 problem+json with Retry-After when nothing is cached", async () => {
      await away();
      const response = await get("/api/v1/publications?limit=7");
      expect(response.status).toBe(503);
      expect(response.headers.get("Retry-After")).toBe("5");
      expect((await response.json<any>()).status).toBe(503);
    });
  });
});

describe("cross-origin reads", () => {
  it("are open to any origin, exposing the caching and paging headers", async () => {
    const response = await get("/api/v1/site", { Origin: "https://partner.example" });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const exposed = (response.headers.get("Access-Control-Expose-Headers") ?? "").split(/,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(["ETag", "Link"]));
  });

  it("answer a preflight for GET", async () => {
    const { exports } = await import("cloudflare:workers");
    const response = await exports.default.fetch(
      new Request("https://embassy.example/api/v1/publications", {
        method: "OPTIONS",
        headers: {
          Origin: "https://partner.example",
          "Access-Control-Request-Method": "GET",
          "Access-Control-Request-Headers": "If-None-Match",
        },
      }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Methods")).toContain("GET");
  });
});
