import { env, exports } from "cloudflare:workers";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PNG } from "../support/bodies";
import { authorized, createToken } from "./editor-fixtures";
import { addPublications, get, getJson, resetContent } from "./fixtures";

const ORIGIN = "https://embassy.example";
const GIF = Uint8Array.from(atob("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"), (c) =>
  c.charCodeAt(0),
);

let admin: string;
let publisher: string;

const send = (method: string, path: string, token: string, init: RequestInit = {}) =>
  exports.default.fetch(
    new Request(`${ORIGIN}${path}`, {
      method,
      ...init,
      headers: { ...authorized(token), ...(init.headers as Record<string, string>) },
    }),
  );

async function uploaded(bytes: Uint8Array, type: string): Promise<string> {
  const response = await send("POST", "/api/v1/media", admin, {
    body: bytes,
    headers: { "Content-Type": type },
  });
  expect(response.status).toBeLessThan(300);
  return (await response.json<{ key: string }>()).key;
}

const setEmblem = (key: string, token = admin) =>
  send("PUT", "/api/v1/site/emblem", token, {
    body: JSON.stringify({ key }),
    headers: { "Content-Type": "application/json" },
  });

/** Where browsers ask for an icon unasked; a redirect is answered, not followed. */
const favicon = () => exports.default.fetch(new Request(`${ORIGIN}/favicon.ico`, { redirect: "manual" }));

/** A page of the site, after any redirect to the reader's language. */
async function page(path: string) {
  const response = await get(path, { "Accept-Language": "en" });
  expect(response.status).toBe(200);
  return parseHTML(await response.text()).document;
}

type Dom = ReturnType<typeof parseHTML>["document"];

const meta = (document: Dom, property: string) =>
  document.querySelector(`meta[property="${property}"]`)?.getAttribute("content") ?? null;

describe("the site's emblem", () => {
  let key: string;

  beforeAll(async () => {
    await resetContent();
    await env.DB.prepare("UPDATE site SET emblem = NULL WHERE id = 1").run();
    await addPublications(
      { slug: "plain-news", published_at: "2020-10-20T09:00:00.000Z" },
      {
        slug: "with-a-photo",
        published_at: "2020-10-21T09:00:00.000Z",
        body: '<p>Look</p><img src="/media/photo.png" alt="A photo">',
      },
    );
    admin = await createToken("Emblem admin", ["site", "publish"]);
    publisher = await createToken("Emblem publisher", ["publish"]);
    key = await uploaded(PNG, "image/png");
  });

  afterAll(async () => {
    await env.DB.prepare("UPDATE site SET emblem = NULL WHERE id = 1").run();
  });

  it("is absent at first: no emblem in the API, no icon, an empty favicon link", async () => {
    expect((await getJson("/api/v1/site")).emblem).toBeNull();
    const icon = await favicon();
    expect(icon.status).toBe(404);
    expect(icon.headers.get("Content-Type")).toBe("application/problem+json");
    const document = await page("/");
    expect(document.querySelector('link[rel="icon"]')?.getAttribute("href")).toBe("data:,");
    expect(document.querySelector(".masthead img")).toBeNull();
    expect(meta(document, "og:image")).toBeNull();
  });

  it("is set by an admin to an uploaded image, and shown everywhere at once", async () => {
    const response = await setEmblem(key);
    expect(response.status).toBe(200);
    const url = `${ORIGIN}/media/${key}`;
    expect(await response.json()).toEqual({ key, url });

    expect((await getJson("/api/v1/site")).emblem).toBe(url);

    const icon = await favicon();
    expect(icon.status).toBe(302);
    expect(new URL(icon.headers.get("Location") ?? "", ORIGIN).href).toBe(url);
    const image = await get(new URL(icon.headers.get("Location") ?? "", ORIGIN).pathname);
    expect(image.headers.get("Content-Type")).toBe("image/png");

    const home = await page("/");
    const emblem = home.querySelector(".masthead .site-name img");
    expect(new URL(emblem?.getAttribute("src") ?? "", ORIGIN).href).toBe(url);
    // The link's name is the site's name beside it, said once.
    expect(emblem?.getAttribute("alt")).toBe("");
    expect(home.querySelector(".masthead .site-name")?.textContent?.trim()).toBe("Embassy");
    expect(new URL(home.querySelector('link[rel="icon"]')?.getAttribute("href") ?? "", ORIGIN).href).toBe(
      url,
    );
    expect(meta(home, "og:image")).toBe(url);

    expect(meta(await page("/publications/plain-news"), "og:image")).toBe(url);
    // A publication's own picture comes first in its previews.
    const withPhoto = await page("/publications/with-a-photo");
    expect(withPhoto.querySelectorAll('meta[property="og:image"]')).toHaveLength(1);
    expect(meta(withPhoto, "og:image")).toBe(`${ORIGIN}/media/photo.png`);
  });

  it("is taken down by an admin, twice without error", async () => {
    await setEmblem(key);
    for (let time = 0; time < 2; time++) {
      const response = await send("DELETE", "/api/v1/site/emblem", admin);
      expect(response.status).toBe(204);
    }
    expect((await getJson("/api/v1/site")).emblem).toBeNull();
    expect((await favicon()).status).toBe(404);
  });

  it("is logged in the site's audit with who set it", async () => {
    await setEmblem(key);
    const row = await env.DB.prepare(
      "SELECT actor, change FROM audit_log WHERE action = 'site.update' ORDER BY id DESC LIMIT 1",
    ).first<{ actor: string; change: string }>();
    expect(row?.actor).toContain("Emblem admin");
    expect(JSON.parse(row?.change ?? "{}").after.emblem).toBe(key);
  });

  it("refuses a key that names no file, one of another type, and a body that is not its shape", async () => {
    const refusals = [
      { key: `${"0".repeat(32)}.png` },
      { key: await uploaded(GIF, "image/gif") },
      { key: "../etc/passwd" },
      { key, extra: true },
    ];
    for (const body of refusals) {
      const response = await send("PUT", "/api/v1/site/emblem", admin, {
        body: JSON.stringify(body),
        headers: { "Content-Type": "application/json" },
      });
      expect(response.status, JSON.stringify(body)).toBe(422);
      const problem = await response.json<{ "invalid-params": { name: string }[] }>();
      expect(problem["invalid-params"].map((param) => param.name)).toEqual([
        "extra" in body ? "extra" : "key",
      ]);
    }
  });

  it("is not for a publisher", async () => {
    expect((await setEmblem(key, publisher)).status).toBe(403);
    expect((await send("DELETE", "/api/v1/site/emblem", publisher)).status).toBe(403);
  });
});
