import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createToken, sendAs } from "./editor-fixtures";
import { resetContent } from "./fixtures";

let token: string;

const send = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  sendAs(token, method, path, body, headers);

async function slugsWithStatus(path: string): Promise<string[]> {
  const { items } = await (await send("GET", path)).json<any>();
  return items.map((item: { slug: string; status: string }) => `${item.slug}:${item.status}`);
}

describe("editors' answers", () => {
  beforeAll(async () => {
    await resetContent();
    token = await createToken("Reader of lists", ["publish"]);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("name a field left out as required and a field that does not exist as unknown", async () => {
    const response = await send("POST", "/api/v1/publications", { title: "Hello", colour: "blue" });
    expect(response.status).toBe(422);
    const reasons = Object.fromEntries(
      (await response.json<any>())["invalid-params"].map((p: { name: string; reason: string }) => [
        p.name,
        p.reason,
      ]),
    );
    expect(reasons).toMatchObject({ kind: "is required", lang: "is required" });
    expect(reasons.colour).toMatch(/is not a field/);
  });

  it("read a scheduled item as published from its instant on, in lists and in search", async () => {
    const start = Date.parse("2030-01-01T09:00:00Z");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start);
    const created = await send("POST", "/api/v1/publications", {
      title: "Embassy closed for the holiday",
      slug: "holiday-closure",
      kind: "news",
      lang: "en",
      lead: "Back on Monday.",
      body: "<p>Back on Monday.</p>",
      published_at: new Date(start + 60_000).toISOString(),
      status: "published",
      without_approval: "Cleared by phone with the consul",
    });
    expect(created.status).toBe(201);
    expect(await slugsWithStatus("/api/v1/publications?status=scheduled")).toEqual([
      "holiday-closure:scheduled",
    ]);
    expect(await slugsWithStatus("/api/v1/publications?status=published")).toEqual([]);

    vi.setSystemTime(start + 61_000);
    expect(await slugsWithStatus("/api/v1/publications?status=scheduled")).toEqual([]);
    expect(await slugsWithStatus("/api/v1/publications?status=published")).toEqual([
      "holiday-closure:published",
    ]);
    expect(await slugsWithStatus("/api/v1/search?q=holiday&status=published")).toEqual([
      "holiday-closure:published",
    ]);
  });
});

describe("editors' lists", () => {
  it("name each piece's author, in the list and in search", async () => {
    await resetContent();
    const writer = await createToken("Cora Writer", ["publish"], "contributor");
    const made = await sendAs(writer, "POST", "/api/v1/publications", {
      slug: "reading-room",
      title: "A reading room opens",
      kind: "news",
      lang: "en",
      body: "Books in four languages.",
    });
    expect(made.status).toBe(201);
    const author = (await made.json<any>()).author;
    expect(author.name).toBe("Cora Writer");
    const reader = await createToken("List reader", ["publish"], "editor");
    const listed = await (await sendAs(reader, "GET", "/api/v1/publications?status=draft")).json<any>();
    expect(listed.items.map((item: any) => [item.slug, item.author])).toEqual([["reading-room", author]]);
    const found = await (await sendAs(reader, "GET", "/api/v1/search?q=languages&status=draft")).json<any>();
    expect(found.items.map((item: any) => [item.slug, item.author])).toEqual([["reading-room", author]]);
  });
});
