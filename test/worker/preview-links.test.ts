import { env, exports } from "cloudflare:workers";
import { XMLParser } from "fast-xml-parser";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fromBase64Url, toBase64Url } from "../../worker/http/digest";
import { createToken, sendAs } from "./editor-fixtures";
import { addPublications, get, getJson, parseHtml, resetContent } from "./fixtures";

const DRAFT_TITLE = "Ambassador to open the reading room";
const NOW = Date.parse("2030-03-01T09:00:00Z");
const HOUR = 60 * 60 * 1000;

let publisher: string;
let counters: string;

async function idOf(slug: string): Promise<number> {
  const row = await env.DB.prepare("SELECT id FROM publications WHERE slug = ?1")
    .bind(slug)
    .first<{ id: number }>();
  if (!row) throw new Error(`${slug} was not stored`);
  return row.id;
}

const previewsOf = (id: number) => `/api/v1/publications/by-id/${id}/previews`;

async function makeLink(id: number, body: unknown = {}, token = publisher) {
  const response = await sendAs(token, "POST", previewsOf(id), body);
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json<{
    id: string;
    url: string;
    expires_at: string;
    created_by: string;
    created_at: string;
  }>();
}

/** Opens a link as a reader with nothing but the link would. */
const open = (url: string) => get(new URL(url).pathname);

async function liveLinks(id: number): Promise<{ id: string; url: string; expires_at: string }[]> {
  const response = await sendAs(publisher, "GET", previewsOf(id));
  expect(response.status).toBe(200);
  return (await response.json<{ preview_links: { id: string; url: string; expires_at: string }[] }>())
    .preview_links;
}

/** The token of a link with one bit of its signature turned over. */
function flipSignatureBit(url: string): string {
  const [id, expiry, signature] = new URL(url).pathname.split("/").at(-1)?.split(".") ?? [];
  const bytes = fromBase64Url(signature);
  bytes[5] ^= 0x01;
  return `/preview/${id}.${expiry}.${toBase64Url(bytes)}`;
}

async function expectSiteNotFound(response: Response): Promise<void> {
  expect(response.status).toBe(404);
  expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
  expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  const page = await parseHtml(response);
  expect(await page.texts(".preview-band")).toEqual([]);
  expect((await page.texts("h1")).join(" ")).not.toContain(DRAFT_TITLE);
}

describe("preview links", () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    await resetContent();
    await env.DB.prepare("DELETE FROM preview_links").run();
    await addPublications(
      {
        slug: "reading-room",
        title: DRAFT_TITLE,
        status: "draft",
        published_at: "2030-02-20T09:00:00.000Z",
        body: "<p>The reading room opens on Monday.</p>",
      },
      { slug: "out-already", title: "A reading list", published_at: "2030-02-01T09:00:00.000Z" },
      { slug: "next-week", status: "scheduled", published_at: "2030-03-08T09:00:00.000Z" },
    );
    publisher = await createToken(`Press office ${crypto.randomUUID()}`, ["publish"]);
    counters = await createToken(`Counters only ${crypto.randomUUID()}`, ["counters"]);
  });
  afterEach(() => vi.useRealTimers());

  it("are made for a draft, 48 hours by default, and named by who made them", async () => {
    const id = await idOf("reading-room");
    const link = await makeLink(id);
    expect(link.expires_at).toBe(new Date(NOW + 48 * HOUR).toISOString());
    expect(link.created_at).toBe(new Date(NOW).toISOString());
    expect(link.created_by).toMatch(/^Press office/);
    expect(new URL(link.url).pathname).toMatch(/^\/preview\/[\w-]+\.\d+\.[\w-]+$/);
    expect(await liveLinks(id)).toEqual([
      {
        id: link.id,
        url: link.url,
        expires_at: link.expires_at,
        created_by: link.created_by,
        created_at: link.created_at,
      },
    ]);
    const audit = await env.DB.prepare(
      "SELECT action, subject FROM audit_log WHERE action LIKE 'preview_link.%'",
    ).all();
    expect(audit.results).toEqual([{ action: "preview_link.create", subject: `publication:${id}` }]);
  });

  it("show the draft in the site's layout with a band, kept out of caches and search engines", async () => {
    const link = await makeLink(await idOf("reading-room"));
    const response = await open(link.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("X-Robots-Tag")).toBe("noindex");
    const html = await response.clone().text();
    expect(html.slice(0, 15).toLowerCase()).toBe("<!doctype html>");
    const page = await parseHtml(response);
    expect(await page.texts("h1")).toEqual([DRAFT_TITLE]);
    expect(await page.texts(".body p")).toEqual(["The reading room opens on Monday."]);
    expect((await page.texts(".preview-band strong"))[0]).toBe("Preview, not published.");
    expect(await page.attributes('meta[name="robots"]', "content")).toEqual(["noindex"]);
    expect(await page.attributes('script[type="application/ld+json"]', "type")).toEqual([]);
    expect(await page.tags("header.masthead")).toEqual(["header"]);
  });

  it("say the band in Russian for a Russian text", async () => {
    await addPublications({
      slug: "chitalnyj-zal",
      lang: "ru",
      status: "draft",
      published_at: "2030-02-20T09:00:00.000Z",
    });
    const page = await parseHtml(await open((await makeLink(await idOf("chitalnyj-zal"))).url));
    expect(await page.texts(".preview-band strong")).toEqual(["Предварительный просмотр, не опубликовано."]);
  });

  it("are made for a scheduled publication, and refused for one already out", async () => {
    expect((await makeLink(await idOf("next-week"), { expires_in_hours: 1 })).expires_at).toBe(
      new Date(NOW + HOUR).toISOString(),
    );
    const refused = await sendAs(publisher, "POST", previewsOf(await idOf("out-already")), {});
    expect(refused.status).toBe(409);
    expect((await refused.json<{ detail: string }>()).detail).toMatch(/not yet out; this one is published/);
    expect((await sendAs(publisher, "POST", previewsOf(999_999), {})).status).toBe(404);
  });

  it("refuse an expiry out of range, naming the field", async () => {
    const id = await idOf("reading-room");
    for (const expires_in_hours of [0, 721, 1.5, "2"]) {
      const response = await sendAs(publisher, "POST", previewsOf(id), { expires_in_hours });
      expect(response.status).toBe(422);
      const problem = await response.json<{ "invalid-params": { name: string }[] }>();
      expect(problem["invalid-params"].map((param) => param.name)).toEqual(["expires_in_hours"]);
    }
    expect(await liveLinks(id)).toEqual([]);
  });

  it("need a credential with the publish scope to be made, listed or revoked", async () => {
    const id = await idOf("reading-room");
    const link = await makeLink(id);
    for (const [method, path] of [
      ["POST", previewsOf(id)],
      ["GET", previewsOf(id)],
      ["DELETE", `${previewsOf(id)}/${link.id}`],
    ]) {
      const anonymous = await fetchWithout(method, path, method === "POST" ? "{}" : undefined);
      expect(anonymous.status, `${method} without a credential`).toBe(401);
      const lacking = await sendAs(counters, method, path, method === "POST" ? {} : undefined);
      expect(lacking.status, `${method} without the scope`).toBe(403);
      expect((await lacking.json<{ detail: string }>()).detail).toContain("publish");
    }
    expect((await liveLinks(id)).map((live) => live.id)).toEqual([link.id]);
  });

  it("replay the first answer for a retry with the same Idempotency-Key", async () => {
    const id = await idOf("reading-room");
    const headers = { "Idempotency-Key": crypto.randomUUID() };
    const first = await sendAs(publisher, "POST", previewsOf(id), {}, headers);
    const again = await sendAs(publisher, "POST", previewsOf(id), {}, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await liveLinks(id)).toHaveLength(1);
  });

  it("answer 404 when forged, a bit of the signature turned over", async () => {
    const link = await makeLink(await idOf("reading-room"));
    await expectSiteNotFound(await get(flipSignatureBit(link.url)));
    const [id, expiry, signature] = new URL(link.url).pathname.slice("/preview/".length).split(".");
    // A later expiry under the same signature is no link either.
    await expectSiteNotFound(await get(`/preview/${id}.${Number(expiry) + 3600}.${signature}`));
    await expectSiteNotFound(await get("/preview/nonsense"));
    expect((await open(link.url)).status).toBe(200);
  });

  it("answer 404 once expired, and leave the list", async () => {
    const id = await idOf("reading-room");
    const link = await makeLink(id, { expires_in_hours: 1 });
    vi.setSystemTime(NOW + HOUR - 1000);
    expect((await open(link.url)).status).toBe(200);
    vi.setSystemTime(NOW + HOUR);
    await expectSiteNotFound(await open(link.url));
    expect(await liveLinks(id)).toEqual([]);
  });

  it("answer 404 once revoked, and the revocation is logged", async () => {
    const id = await idOf("reading-room");
    const kept = await makeLink(id);
    const revoked = await makeLink(id);
    const response = await sendAs(publisher, "DELETE", `${previewsOf(id)}/${revoked.id}`);
    expect(response.status).toBe(204);
    await expectSiteNotFound(await open(revoked.url));
    expect((await open(kept.url)).status).toBe(200);
    expect((await liveLinks(id)).map((link) => link.id)).toEqual([kept.id]);
    expect((await sendAs(publisher, "DELETE", `${previewsOf(id)}/${revoked.id}`)).status).toBe(404);
    const audit = await env.DB.prepare(
      "SELECT action FROM audit_log WHERE action LIKE 'preview_link.%' ORDER BY id",
    ).all<{ action: string }>();
    expect(audit.results.map((row) => row.action)).toEqual([
      "preview_link.create",
      "preview_link.create",
      "preview_link.revoke",
    ]);
  });

  it("answer 404 once the publication has gone out: it is at its own address then", async () => {
    const id = await idOf("next-week");
    const link = await makeLink(id, { expires_in_hours: 720 });
    expect((await open(link.url)).status).toBe(200);
    vi.setSystemTime(Date.parse("2030-03-08T09:00:00Z"));
    await expectSiteNotFound(await open(link.url));
    expect((await get("/publications/next-week")).status).toBe(200);
  });

  it("leave no trace of the draft in the API, search, feeds or sitemap", async () => {
    const link = await makeLink(await idOf("reading-room"));
    expect((await open(link.url)).status).toBe(200);
    const { items } = await getJson<{ items: { slug: string }[] }>("/api/v1/publications?limit=100");
    expect(items.map((item) => item.slug)).toEqual(["out-already"]);
    const found = await getJson<{ items: { slug: string }[] }>("/api/v1/search?q=reading");
    expect(found.items.map((item) => item.slug)).toEqual(["out-already"]);
    const feed = await getJson<{ items: { url: string }[] }>("/feed.json");
    expect(feed.items.map((item) => new URL(item.url).pathname)).toEqual(["/publications/out-already"]);
    const sitemap = new XMLParser().parse(await (await get("/sitemap.xml")).text());
    const locs = [sitemap.urlset.url].flat().map((url: { loc: string }) => new URL(url.loc).pathname);
    expect(locs.filter((path) => path.startsWith("/publications/"))).toEqual(["/publications/out-already"]);
    const search = await parseHtml(await get("/search?q=reading"));
    expect(await search.texts(".list h2")).toEqual(["A reading list"]);
  });

  it("are refused with a 503 that says how, on a deployed worker without a secret", async () => {
    const secret = env.PREVIEW_SECRET;
    Reflect.deleteProperty(env, "PREVIEW_SECRET");
    try {
      const response = await sendAs(publisher, "POST", previewsOf(await idOf("reading-room")), {});
      expect(response.status).toBe(503);
      expect((await response.json<{ detail: string }>()).detail).toContain(
        "wrangler secret put PREVIEW_SECRET",
      );
    } finally {
      Object.assign(env, { PREVIEW_SECRET: secret });
    }
  });
});

/** A request with no credential at all, as someone who found the address would send it. */
function fetchWithout(method: string, path: string, body?: string): Promise<Response> {
  const headers: Record<string, string> = body === undefined ? {} : { "Content-Type": "application/json" };
  return exports.default.fetch(new Request(`https://embassy.example${path}`, { method, body, headers }));
}
