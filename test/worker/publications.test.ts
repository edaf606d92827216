import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  addPublications,
  expectInvalidParams,
  get,
  getJson,
  type PublicationFixture,
  resetContent,
} from "./fixtures";

interface Item {
  id: number;
  slug: string;
  kind: string;
  lang: string;
  published_at: string;
  url: string;
  tags: string[];
  featured: boolean;
}
interface Page {
  items: Item[];
  next_cursor: string | null;
}

function links(response: Response): Record<string, string> {
  const header = response.headers.get("Link") ?? "";
  return Object.fromEntries(
    [...header.matchAll(/<([^>]+)>;\s*rel="(\w+)"/g)].map(([, url, rel]) => [
      rel,
      new URL(url).pathname + new URL(url).search,
    ]),
  );
}

/** Follows rel="next" from `path` to the end, collecting every item. */
async function walk(path: string): Promise<{ slugs: string[]; pages: number }> {
  const slugs: string[] = [];
  let pages = 0;
  for (let next: string | undefined = path; next; pages++) {
    const response = await get(next);
    expect(response.status).toBe(200);
    const page: Page = await response.json<any>();
    slugs.push(...page.items.map((item) => item.slug));
    next = links(response).next;
    expect(next === undefined).toBe(page.next_cursor === null);
  }
  return { slugs, pages };
}

const day = (n: number) => `2020-10-${String(n).padStart(2, "0")}T09:00:00.000Z`;

describe("GET /api/v1/publications", () => {
  beforeEach(async () => {
    await resetContent();
    await addPublications(
      { slug: "speech-at-forum", kind: "speech", published_at: day(20), featured: true, tags: ["trade"] },
      { slug: "interview-tv", kind: "interview", published_at: day(21), tags: ["culture", "trade"] },
      { slug: "news-ru", kind: "news", lang: "ru", published_at: day(22) },
      // Three items share one instant: paging must still give each exactly once.
      { slug: "statement-a", kind: "statement", published_at: day(23) },
      { slug: "statement-b", kind: "statement", published_at: day(23) },
      { slug: "statement-c", kind: "statement", published_at: day(23) },
      { slug: "article-long", kind: "article", published_at: day(24) },
      { slug: "draft-piece", status: "draft", published_at: day(24) },
      { slug: "archived-piece", status: "archived", published_at: day(19) },
      { slug: "future-piece", status: "scheduled", published_at: "2999-01-01T00:00:00.000Z" },
    );
  });
  afterEach(() => vi.useRealTimers());

  it("lists only public items, newest first, with their public fields", async () => {
    const page: Page = await getJson("/api/v1/publications");
    expect(page.items.map((item) => item.slug)).toEqual([
      "article-long",
      "statement-c",
      "statement-b",
      "statement-a",
      "news-ru",
      "interview-tv",
      "speech-at-forum",
    ]);
    const interview = page.items.find((item) => item.slug === "interview-tv");
    expect(interview).toMatchObject({
      kind: "interview",
      lang: "en",
      published_at: day(21),
      url: "https://embassy.example/publications/interview-tv",
      tags: ["culture", "trade"],
      featured: false,
    });
    expect(Object.keys(interview ?? {}).sort()).toEqual([
      "featured",
      "id",
      "kind",
      "lang",
      "lead",
      "level",
      "published_at",
      "slug",
      "tags",
      "title",
      "url",
    ]);
    expect(page.next_cursor).toBeNull();
  });

  it("pages with limit 3 through every item exactly once, and back again", async () => {
    const { slugs, pages } = await walk("/api/v1/publications?limit=3");
    expect(pages).toBe(3);
    expect(slugs).toHaveLength(7);
    expect(new Set(slugs).size).toBe(7);

    const first = await get("/api/v1/publications?limit=3");
    expect(links(first).prev).toBeUndefined();
    const second = await get(links(first).next);
    const back = await get(links(second).prev);
    expect((await back.json<any>()).items).toEqual((await first.json<any>()).items);
  });

  it("filters by kind (one or a list), language and tag", async () => {
    const slugsOf = async (query: string) =>
      ((await getJson(`/api/v1/publications?${query}`)) as Page).items.map((item) => item.slug);
    expect(await slugsOf("kind=speech,interview")).toEqual(["interview-tv", "speech-at-forum"]);
    expect(await slugsOf("kind=article")).toEqual(["article-long"]);
    expect(await slugsOf("lang=ru")).toEqual(["news-ru"]);
    expect(await slugsOf("tag=trade")).toEqual(["interview-tv", "speech-at-forum"]);
    expect(await slugsOf("tag=trade&kind=speech")).toEqual(["speech-at-forum"]);
    const { slugs } = await walk("/api/v1/publications?kind=statement&limit=2");
    expect(slugs).toEqual(["statement-c", "statement-b", "statement-a"]);
  });

  it("trims items to the requested fields", async () => {
    const page: Page = await getJson("/api/v1/publications?fields=title,slug,published_at&limit=2");
    expect(page.items).toHaveLength(2);
    for (const item of page.items)
      expect(Object.keys(item).sort()).toEqual(["published_at", "slug", "title"]);
  });

  it("shows a scheduled item exactly from its instant, though the list was cached", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2020-10-25T11:59:59Z"));
    await addPublications({
      slug: "noon-statement",
      status: "scheduled",
      published_at: "2020-10-25T12:00:00.000Z",
    });
    const before = await get("/api/v1/publications?limit=1");
    expect((await before.json<any>()).items[0].slug).toBe("article-long");
    expect(before.headers.get("Cache-Control")).toMatch(/max-age=1\b/);
    vi.setSystemTime(new Date("2020-10-25T12:00:00Z"));
    expect((await getJson("/api/v1/publications?limit=1")).items[0].slug).toBe("noon-statement");
    expect((await get("/api/v1/publications/noon-statement")).status).toBe(200);
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=abc", "limit"],
    ["limit=1000", "limit"],
    ["limit=-1", "limit"],
    ["kind=poem", "kind"],
    ["kind=speech,poem", "kind"],
    ["lang=English!", "lang"],
    ["fields=title,password", "fields"],
    ["cursor=bm9wZQ", "cursor"],
    ["cursor=%%%", "cursor"],
    ["page=2", "page"],
  ])("answers 400 naming the parameter for ?%s", async (query, name) => {
    await expectInvalidParams(await get(`/api/v1/publications?${query}`), [name]);
  });

  it("refuses a forged or truncated cursor", async () => {
    const first = await getJson<Page>("/api/v1/publications?limit=2");
    const cursor = first.next_cursor ?? "";
    const forged = btoa(JSON.stringify(["after", "not-a-date", 1])).replace(/=+$/, "");
    for (const bad of [cursor.slice(0, -3), forged, `${cursor}x`]) {
      await expectInvalidParams(await get(`/api/v1/publications?limit=2&cursor=${bad}`), ["cursor"]);
    }
  });
});

describe("GET /api/v1/publications/{slug}", () => {
  const fixtures: PublicationFixture[] = [
    {
      slug: "national-day",
      published_at: day(20),
      translation_group: "nd",
      body: "<p>Full <strong>text</strong></p>",
    },
    { slug: "natsionalnyi-den", lang: "ru", published_at: day(20), translation_group: "nd" },
    { slug: "hidden-draft", status: "draft", published_at: day(20), translation_group: "nd" },
  ];
  beforeEach(async () => {
    await resetContent();
    await addPublications(...fixtures);
  });

  it("gives the item with its body and its public translations", async () => {
    const item = await getJson("/api/v1/publications/national-day");
    expect(item.body_html).toBe("<p>Full <strong>text</strong></p>");
    expect(item.translations).toEqual([
      { lang: "ru", slug: "natsionalnyi-den", url: "https://embassy.example/publications/natsionalnyi-den" },
    ]);
  });

  it("answers 404 problem+json for a draft or an unknown slug, and 400 for a malformed one", async () => {
    for (const slug of ["hidden-draft", "no-such-thing"]) {
      const response = await get(`/api/v1/publications/${slug}`);
      expect(response.status).toBe(404);
      expect((await response.json<any>()).status).toBe(404);
    }
    await expectInvalidParams(await get("/api/v1/publications/Not_A_Slug"), ["slug"]);
  });
});
