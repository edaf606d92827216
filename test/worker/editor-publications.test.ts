import { createScheduledController } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../../worker/index";
import { authorized, createToken, sendAs } from "./editor-fixtures";
import { get, getJson, resetContent } from "./fixtures";

let publisher: string;

const send = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  sendAs(publisher, method, path, body, headers);

const draft = {
  title: "Ambassador meets students of the language school",
  kind: "news",
  lang: "en",
  lead: "A visit to the school.",
  body: "<p>Full text</p>",
  published_at: "2020-10-20T09:00:00Z",
  status: "published",
  without_approval: "The ambassador cleared it by phone",
  tags: ["education"],
};

beforeAll(async () => {
  publisher = await createToken(`publisher-${crypto.randomUUID()}`, ["publish"]);
});

describe("editors' publications", () => {
  beforeEach(() => resetContent());
  afterEach(() => vi.useRealTimers());

  it("creates from JSON with 201, Location and ETag, and the public list shows it at once", async () => {
    await getJson("/api/v1/publications");
    const response = await send("POST", "/api/v1/publications", draft);
    expect(response.status).toBe(201);
    const created = await response.json<any>();
    expect(response.headers.get("Location")).toBe(
      `https://embassy.example/api/v1/publications/by-id/${created.id}`,
    );
    expect(response.headers.get("ETag")).toBe('"v1"');
    expect(created).toMatchObject({
      slug: "ambassador-meets-students-of-the-language-school",
      status: "published",
    });
    const list = await getJson("/api/v1/publications");
    expect(list.items.map((item: { slug: string }) => item.slug)).toEqual([created.slug]);
  });

  it("creates from Markdown with front matter, rendered and sanitized", async () => {
    const markdown = [
      "---",
      "title: Statement on the flood relief",
      "kind: statement",
      "lang: en",
      "published_at: 2020-10-21T10:00:00Z",
      "status: published",
      "without_approval: The ambassador cleared it by phone",
      "featured: true",
      "tags: [humanitarian, community]",
      "lead: The Embassy thanks donors.",
      "---",
      "## How to help",
      "",
      "Donate **now** at [the fund](https://fund.example).",
      "",
      "<script>alert(1)</script>",
    ].join("\n");
    const response = await send("POST", "/api/v1/publications", markdown, {
      "Content-Type": "text/markdown",
    });
    expect(response.status).toBe(201);
    const created = await response.json<any>();
    expect(created).toMatchObject({ kind: "statement", featured: true, tags: ["community", "humanitarian"] });
    const page = await getJson(`/api/v1/publications/${created.slug}`);
    expect(page.body_html).toContain("<h2>How to help</h2>");
    expect(page.body_html).toContain("<strong>now</strong>");
    expect(page.body_html).not.toContain("script");
  });

  it("makes a retried POST with one Idempotency-Key create one publication", async () => {
    const headers = { "Idempotency-Key": "retry-1" };
    const first = await send("POST", "/api/v1/publications", draft, headers);
    const again = await send("POST", "/api/v1/publications", draft, headers);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect((await again.json<any>()).id).toBe((await first.json<any>()).id);
    const { results } = await env.DB.prepare("SELECT count(*) AS n FROM publications").all<{ n: number }>();
    expect(results[0].n).toBe(1);
    const other = await send("POST", "/api/v1/publications", { ...draft, title: "Another" }, headers);
    expect(other.status).toBe(422);
  });

  it("forgets Idempotency-Keys after a day, on the hourly schedule", async () => {
    const headers = { "Idempotency-Key": "old-key" };
    await send("POST", "/api/v1/publications", draft, headers);
    const count = async () =>
      (
        await env.DB.prepare("SELECT count(*) AS n FROM idempotency_keys WHERE key = 'old-key'").first<{
          n: number;
        }>()
      )?.n;
    const runAt = (time: number) =>
      worker.scheduled(createScheduledController({ scheduledTime: time, cron: "17 * * * *" }), env);
    await runAt(Date.now() + 60 * 60 * 1000);
    expect(await count()).toBe(1);
    await runAt(Date.now() + 25 * 60 * 60 * 1000);
    expect(await count()).toBe(0);
  });

  it("refuses a PATCH without If-Match, and a stale one with 412 and the current version", async () => {
    const created = await (await send("POST", "/api/v1/publications", draft)).json<any>();
    const path = `/api/v1/publications/by-id/${created.id}`;
    expect((await send("PATCH", path, { title: "Typo fixed" })).status).toBe(428);
    const fixed = await send("PATCH", path, { title: "Typo fixed" }, { "If-Match": '"v1"' });
    expect(fixed.status).toBe(200);
    expect(fixed.headers.get("ETag")).toBe('"v2"');
    const stale = await send("PATCH", path, { title: "Other fix" }, { "If-Match": '"v1"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("ETag")).toBe('"v2"');
    expect(await stale.json<any>()).toMatchObject({
      status: 412,
      current_version: 2,
      current: { title: "Typo fixed" },
    });
  });

  it("lets one of two concurrent PATCHes with the same If-Match win; the other gets 412, nothing is lost", async () => {
    const created = await (await send("POST", "/api/v1/publications", draft)).json<any>();
    const path = `/api/v1/publications/by-id/${created.id}`;
    const [a, b] = await Promise.all([
      send("PATCH", path, { title: "Edit A" }, { "If-Match": '"v1"' }),
      send("PATCH", path, { title: "Edit B" }, { "If-Match": '"v1"' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = a.status === 200 ? "Edit A" : "Edit B";
    const revisions = await (await send("GET", `${path}/revisions`)).json<any>();
    expect(revisions.revisions.map((r: { title: string }) => r.title)).toEqual([winner, draft.title]);
  });

  it("archives on DELETE (gone from public reads), restores, and restores an old revision", async () => {
    const created = await (await send("POST", "/api/v1/publications", draft)).json<any>();
    const path = `/api/v1/publications/by-id/${created.id}`;
    await send("PATCH", path, { title: "Second title" }, { "If-Match": '"v1"' });
    expect((await send("DELETE", path)).status).toBe(200);
    expect((await get(`/api/v1/publications/${created.slug}`)).status).toBe(404);
    const archived = await (await send("GET", "/api/v1/publications?status=archived")).json<any>();
    expect(archived.items.map((item: { id: number }) => item.id)).toEqual([created.id]);
    expect((await send("POST", `${path}/restore`)).status).toBe(200);
    expect((await getJson(`/api/v1/publications/${created.slug}`)).title).toBe("Second title");
    const restored = await send("POST", `${path}/revisions/1/restore`, undefined, { "If-Match": '"v4"' });
    expect(restored.status).toBe(200);
    expect((await getJson(`/api/v1/publications/${created.slug}`)).title).toBe(draft.title);
  });

  it("keeps drafts and status lists from the public", async () => {
    await send("POST", "/api/v1/publications", { ...draft, status: "draft", without_approval: undefined });
    expect((await getJson("/api/v1/publications")).items).toEqual([]);
    const anonymous = await get("/api/v1/publications?status=draft");
    expect(anonymous.status).toBe(401);
    const drafts = await (await send("GET", "/api/v1/publications?status=draft")).json<any>();
    expect(drafts.items).toHaveLength(1);
  });

  it("publishes a scheduled item exactly at its instant", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2020-10-25T11:00:00Z"));
    const created = await (
      await send("POST", "/api/v1/publications", { ...draft, published_at: "2020-10-25T12:00:00Z" })
    ).json<any>();
    expect(created.status).toBe("scheduled");
    vi.setSystemTime(new Date("2020-10-25T11:59:59.999Z"));
    expect((await getJson("/api/v1/publications")).items).toEqual([]);
    vi.setSystemTime(new Date("2020-10-25T12:00:00Z"));
    expect((await getJson("/api/v1/publications")).items.map((i: { id: number }) => i.id)).toEqual([
      created.id,
    ]);
  });

  it("answers bad input with a problem and writes nothing", async () => {
    const cases: [string, RequestInit["body"], Record<string, string>, number][] = [
      ["malformed JSON", "{ nope", { "Content-Type": "application/json" }, 400],
      ["wrong type", "title=x", { "Content-Type": "application/x-www-form-urlencoded" }, 415],
      [
        "invalid fields",
        JSON.stringify({ ...draft, kind: "poem", lang: "English!", extra: 1 }),
        { "Content-Type": "application/json" },
        422,
      ],
    ];
    for (const [label, body, headers, status] of cases) {
      const response = await send("POST", "/api/v1/publications", body as string, headers);
      expect(response.status, label).toBe(status);
      expect(response.headers.get("Content-Type"), label).toBe("application/problem+json");
    }
    const invalid = await (
      await send("POST", "/api/v1/publications", { ...draft, kind: "poem", lang: "English!", extra: 1 })
    ).json<any>();
    expect(invalid["invalid-params"].map((p: { name: string }) => p.name).sort()).toEqual([
      "extra",
      "kind",
      "lang",
    ]);
    const unreadable = await send("POST", "/api/v1/publications", { ...draft, body: "<b>".repeat(30_000) });
    expect(unreadable.status).toBe(422);
    expect((await unreadable.json<any>())["invalid-params"][0].name).toBe("body");
    const oversize = await send("POST", "/api/v1/publications", { ...draft, body: "x".repeat(1024 * 1024) });
    expect(oversize.status).toBe(413);
    await send("POST", "/api/v1/publications", draft);
    const clash = await send("POST", "/api/v1/publications", draft);
    expect(clash.status).toBe(409);
    const { results } = await env.DB.prepare("SELECT count(*) AS n FROM publications").all<{ n: number }>();
    expect(results[0].n).toBe(1);
  });

  it("imports NDJSON whole, or not at all when one line is bad", async () => {
    const line = (n: number) => JSON.stringify({ ...draft, title: `Imported number ${n}` });
    const bad = [line(1), '{"title": "x"}', line(3)].join("\n");
    const refused = await send("POST", "/api/v1/imports", bad, {
      "Content-Type": "application/x-ndjson",
    });
    expect(refused.status).toBe(422);
    const report = await refused.json<any>();
    expect(report.lines.map((l: { status: string }) => l.status)).toEqual(["valid", "invalid", "valid"]);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM publications").first<{ n: number }>())?.n).toBe(
      0,
    );

    const good = [1, 2, 3].map(line).join("\n");
    const imported = await send("POST", "/api/v1/imports", good, {
      "Content-Type": "application/x-ndjson",
    });
    expect(imported.status).toBe(201);
    expect((await imported.json<any>()).lines.map((l: { status: string }) => l.status)).toEqual([
      "created",
      "created",
      "created",
    ]);
    expect((await getJson("/api/v1/publications")).items).toHaveLength(3);
  });
});

describe("who may write", () => {
  it("answers 401 without a token, 403 without the scope, and refuses other origins", async () => {
    const counterOnly = await createToken(`counters-${crypto.randomUUID()}`, ["counters"]);
    const post = (headers: Record<string, string>) =>
      exports.default.fetch(
        new Request("https://embassy.example/api/v1/publications", {
          method: "POST",
          body: JSON.stringify(draft),
          headers: { "Content-Type": "application/json", ...headers },
        }),
      );
    const anonymous = await post({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("WWW-Authenticate")).toContain("Bearer");
    expect((await post({ Authorization: "Bearer not-a-real-token-at-all" })).status).toBe(401);
    expect((await post(authorized(counterOnly) as Record<string, string>)).status).toBe(403);
    const crossSite = await post({
      ...(authorized(publisher) as Record<string, string>),
      Origin: "https://evil.example",
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});

describe("the Markdown an editor wrote", () => {
  beforeEach(() => resetContent());

  it("is kept beside the HTML, dropped when HTML replaces it, and comes back with its revision", async () => {
    const markdown = "Some **bold** words.";
    const created = await send("POST", "/api/v1/publications", {
      ...draft,
      body: markdown,
      body_format: "markdown",
    });
    const first = await created.json<{ id: number; body_html: string; body_markdown: string | null }>();
    expect(first.body_markdown).toBe(markdown);
    expect(first.body_html).toContain("<strong>bold</strong>");

    const patched = await send(
      "PATCH",
      `/api/v1/publications/by-id/${first.id}`,
      { body: "<p>Plain HTML</p>" },
      { "If-Match": '"v1"' },
    );
    expect(await patched.json()).toMatchObject({ version: 2, body_markdown: null });

    const restored = await send(
      "POST",
      `/api/v1/publications/by-id/${first.id}/revisions/1/restore`,
      undefined,
      {
        "If-Match": '"v2"',
      },
    );
    expect(await restored.json()).toMatchObject({ version: 3, body_markdown: markdown });
    const publicRead = await getJson(
      `/api/v1/publications/${(await (await send("GET", `/api/v1/publications/by-id/${first.id}`)).json<{ slug: string }>()).slug}`,
    );
    expect(publicRead).not.toHaveProperty("body_markdown");
  });
});
