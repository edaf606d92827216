import { XMLParser } from "fast-xml-parser";
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import { parseHTML } from "linkedom";
import { beforeEach, describe, expect, it } from "vitest";
import { addPublications, expectInvalidParams, get, resetContent } from "./fixtures";

const day = (n: number) => `2020-10-${String(n).padStart(2, "0")}T09:00:00.000Z`;

async function text(path: string, type: RegExp): Promise<string> {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get("Content-Type"), path).toMatch(type);
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

  it("publishes Atom and JSON Feed 1.1, narrowed by kind and language", async () => {
    const atom = parseAtomFeed(await text("/atom.xml?kind=speech", /^application\/atom\+xml/));
    expect(atom.entries?.map((entry) => [entry.title, entry.links?.[0]?.href])).toEqual([
      [{ value: "Title of speech-one", type: "html" }, "https://embassy.example/publications/speech-one"],
    ]);
    const json = parseJsonFeed(JSON.parse(await text("/feed.json?lang=ru", /^application\/feed\+json/)));
    expect(json.items?.map((item) => item.url)).toEqual(["https://embassy.example/publications/news-ru"]);
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

  it("lists the home, the archive and every public publication in sitemap.xml", async () => {
    const xml = new XMLParser().parse(await text("/sitemap.xml", /^application\/xml/));
    const urls = [xml.urlset.url].flat().map((url: { loc: string }) => url.loc);
    expect(urls).toEqual([
      "https://embassy.example/",
      "https://embassy.example/publications",
      "https://embassy.example/publications/public-one",
    ]);
  });

  it("points robots.txt at the sitemap and away from the API", async () => {
    const lines = (await text("/robots.txt", /^text\/plain/)).trim().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining(["Disallow: /api/v1/", "Sitemap: https://embassy.example/sitemap.xml"]),
    );
  });
});
