import { XMLParser } from "fast-xml-parser";
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import { parseHTML } from "linkedom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { addPublications, expectInvalidParams, get, resetContent } from "./fixtures";

const day = (n: number) => `2020-10-${String(n).padStart(2, "0")}T09:00:00.000Z`;

/** A feed or crawler file, checked for what every reader's software relies on. */
async function text(path: string, type: RegExp): Promise<string> {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get("Content-Type"), path).toMatch(type);
  expect(response.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
  expect(response.headers.get("ETag"), path).toBeTruthy();
  return response.text();
}

describe("feeds", () => {
  beforeEach(async () => {
    await resetContent();
    await addPublications(
      {
        slug: "speech-one",
        kind: "speech",
        published_at: day(20),
        body: "<p>Speech <strong>text</strong></p>",
      },
      { slug: "news-two", kind: "news", published_at: day(21) },
      { slug: "news-ru", kind: "news", lang: "ru", published_at: day(22) },
      { slug: "draft-hidden", status: "draft", published_at: day(23) },
    );
  });

  it("publishes RSS 2.0 that a feed parser reads, newest first, with full text", async () => {
    const feed = parseRssFeed(await text("/feed.xml", /^application\/rss\+xml/));
    expect(feed.title).toBe("Embassy");
    expect(feed.items?.map((item) => item.link)).toEqual([
      "https://embassy.example/publications/news-ru",
      "https://embassy.example/publications/news-two",
      "https://embassy.example/publications/speech-one",
    ]);
    const speech = feed.items?.at(-1);
    expect(speech?.description).toBe("Lead of speech-one");
    expect(speech?.content?.encoded).toBe("<p>Speech <strong>text</strong></p>");
  });

  it("publishes Atom and JSON Feed 1.1, narrowed by kind, in each of the site's languages", async () => {
    const atom = parseAtomFeed(await text("/atom.xml?kind=speech", /^application\/atom\+xml/));
    expect(atom.entries?.map((entry) => [entry.title, entry.links?.[0]?.href])).toEqual([
      [{ value: "Title of speech-one" }, "https://embassy.example/publications/speech-one"],
    ]);
    expect(atom.links?.find((link) => link.rel === "self")?.href).toBe(
      "https://embassy.example/atom.xml?kind=speech",
    );
    const json = parseJsonFeed(JSON.parse(await text("/ru/feed.json?kind=news", /^application\/feed\+json/)));
    expect(json.language).toBe("ru");
    expect(json.home_page_url).toBe("https://embassy.example/ru/");
    expect(json.items?.map((item) => item.url)).toEqual([
      "https://embassy.example/publications/news-ru",
      "https://embassy.example/publications/news-two",
    ]);
    const raw = JSON.parse(await text("/feed.json", /^application\/feed\+json/));
    expect(raw.version).toBe("https://jsonfeed.org/version/1.1");
    expect(raw.items[0].date_published).toBe(day(22));
  });

  it("makes the site's own addresses in a body absolute, for readers away from the site", async () => {
    await addPublications({
      slug: "with-links",
      published_at: day(24),
      body: '<p><img src="/media/a.png" alt="A"> <a href="/publications/news-two">more</a> <a href="//cdn.example/x">cdn</a> <a href="https://other.example/y">other</a></p>',
    });
    const feed = parseJsonFeed(JSON.parse(await text("/feed.json", /^application\/feed\+json/)));
    const { document } = parseHTML(feed.items?.[0]?.content_html ?? "");
    expect(document.querySelector("img")?.getAttribute("src")).toBe("https://embassy.example/media/a.png");
    expect([...document.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual([
      "https://embassy.example/publications/news-two",
      "//cdn.example/x",
      "https://other.example/y",
    ]);
  });

  it("answers a bad filter with 400 naming it", async () => {
    await expectInvalidParams(await get("/feed.xml?kind=poem"), ["kind"]);
    await expectInvalidParams(await get("/atom.xml?page=2"), ["page"]);
  });
});

describe("for search engines", () => {
  beforeEach(async () => {
    await resetContent();
    await addPublications(
      { slug: "public-one", published_at: day(20) },
      { slug: "draft-one", status: "draft", published_at: day(21) },
    );
  });

  afterEach(() => vi.useRealTimers());

  const sitemapUrls = async () => {
    const xml = new XMLParser().parse(await text("/sitemap.xml", /^application\/xml/));
    return [xml.urlset.url].flat().map((url: { loc: string }) => url.loc);
  };

  it("lists the home and the archive in each language and every public publication in sitemap.xml", async () => {
    expect(await sitemapUrls()).toEqual([
      "https://embassy.example/en/",
      "https://embassy.example/ru/",
      "https://embassy.example/en/publications",
      "https://embassy.example/ru/publications",
      "https://embassy.example/publications/public-one",
    ]);
  });

  it("adds a scheduled publication to the sitemap at its instant, with no write in between", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2020-10-25T11:59:58Z"));
    await addPublications({ slug: "at-noon", status: "scheduled", published_at: "2020-10-25T12:00:00.000Z" });
    expect(await sitemapUrls()).not.toContain("https://embassy.example/publications/at-noon");
    const cached = await get("/sitemap.xml");
    expect(cached.headers.get("Cache-Control")).toMatch(/max-age=2\b/);
    vi.setSystemTime(new Date("2020-10-25T12:00:00Z"));
    expect(await sitemapUrls()).toContain("https://embassy.example/publications/at-noon");
  });

  it("refuses parameters the sitemap and robots.txt do not take", async () => {
    await expectInvalidParams(await get("/sitemap.xml?x=1"), ["x"]);
    await expectInvalidParams(await get("/robots.txt?x=1"), ["x"]);
  });

  it("points robots.txt at the sitemap and away from the API", async () => {
    const lines = (await text("/robots.txt", /^text\/plain/)).trim().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining(["Disallow: /api/v1/", "Sitemap: https://embassy.example/sitemap.xml"]),
    );
  });
});
