import { parseHTML } from "linkedom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { addPublications, expectInvalidParams, get, resetContent } from "./fixtures";

const ORIGIN = "https://embassy.example";
const PAGE = `${ORIGIN}/publications/consular-hours`;
const oembedOf = (url: string, rest = "&format=json") => `/oembed?url=${encodeURIComponent(url)}${rest}`;

async function oembed(path: string) {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  return response.json<Record<string, unknown>>();
}

/** The iframe the answer's `html` holds, as a browser would read it. */
const iframeOf = (html: unknown) => {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const frames = document.querySelectorAll("iframe");
  expect(frames.length).toBe(1);
  return frames[0];
};

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  return response.json<{ status: number; detail: string; "invalid-params"?: { name: string }[] }>();
}

describe("oEmbed", () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2020-10-25T00:06:00Z"));
    await resetContent();
    await addPublications(
      {
        slug: "consular-hours",
        title: `Consular hours "&" <changes>`,
        published_at: "2020-10-24T22:30:00Z",
      },
      { slug: "russian-news", lang: "ru", title: "Новости посольства", published_at: "2020-10-20T09:00:00Z" },
      { slug: "draft-one", status: "draft", published_at: "2020-10-20T09:00:00Z" },
    );
  });
  afterEach(() => vi.useRealTimers());

  it("answers a publication page with a rich embed of its iframe page", async () => {
    const answer = await oembed(oembedOf(PAGE));
    expect(answer).toEqual({
      version: "1.0",
      type: "rich",
      title: `Consular hours "&" <changes>`,
      provider_name: "Embassy",
      provider_url: `${ORIGIN}/`,
      html: expect.any(String),
      width: 600,
      height: 240,
    });
    const iframe = iframeOf(answer.html);
    expect(iframe.getAttribute("src")).toBe(`${ORIGIN}/embed/publications/consular-hours`);
    expect(iframe.getAttribute("width")).toBe("600");
    expect(iframe.getAttribute("height")).toBe("240");
    // The title's quotes and brackets stay inside the attribute.
    expect(iframe.getAttribute("title")).toBe(`Consular hours "&" <changes>`);
    expect(iframe.getAttribute("loading")).toBe("lazy");
    // Wrapped for the widget, which fits the iframe to its content; no limit but its own was asked for.
    expect(iframe.parentElement?.localName).toBe("chancery-frame");
    expect(iframe.parentElement?.hasAttribute("maxheight")).toBe(false);
    const { document } = parseHTML(`<!doctype html><html><body>${answer.html}</body></html>`);
    expect([...document.querySelectorAll("script")].map((script) => script.getAttribute("src"))).toEqual([
      `${ORIGIN}/widget.js`,
    ]);
  });

  it("takes format as optional, json by default", async () => {
    expect((await oembed(oembedOf(PAGE, ""))).type).toBe("rich");
  });

  it("keeps within maxwidth and maxheight, never wider than its own size", async () => {
    const narrow = await oembed(oembedOf(PAGE, "&format=json&maxwidth=320&maxheight=150"));
    expect([narrow.width, narrow.height]).toEqual([320, 150]);
    const iframe = iframeOf(narrow.html);
    expect([iframe.getAttribute("width"), iframe.getAttribute("height")]).toEqual(["320", "150"]);
    // The widget never grows it past what the consumer has room for.
    expect(iframe.parentElement?.getAttribute("maxheight")).toBe("150");
    const wide = await oembed(oembedOf(PAGE, "&maxwidth=2000"));
    expect(wide.width).toBe(600);
  });

  it("refuses a maxwidth below 200 or not a number", async () => {
    await expectInvalidParams(await get(oembedOf(PAGE, "&maxwidth=150")), ["maxwidth"]);
    await expectInvalidParams(await get(oembedOf(PAGE, "&maxwidth=wide")), ["maxwidth"]);
  });

  it("answers 404 for what is not a public publication page of this site", async () => {
    for (const url of [
      `${ORIGIN}/publications/no-such-thing`,
      `${ORIGIN}/publications/draft-one`,
      `${ORIGIN}/en/publications`,
      "https://elsewhere.example/publications/consular-hours",
    ]) {
      expect((await expectProblem(await get(oembedOf(url)), 404)).status, url).toBe(404);
    }
  });

  it("refuses another format with 400 naming format", async () => {
    await expectInvalidParams(await get(oembedOf(PAGE, "&format=xml")), ["format"]);
  });

  it("refuses a url that is not one, and ignores parameters a consumer adds of its own", async () => {
    await expectInvalidParams(await get("/oembed?url=nonsense"), ["url"]);
    await expectInvalidParams(await get("/oembed?format=json"), ["url"]);
    const extra = await get(`${oembedOf(PAGE)}&dnt=1`);
    expect(extra.status).toBe(200);
    expect((await extra.json<{ type: string }>()).type).toBe("rich");
  });
});

describe("embed page", () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2020-10-25T00:06:00Z"));
    await resetContent();
    await addPublications(
      { slug: "consular-hours", title: "Consular hours", published_at: "2020-10-24T23:30:00Z" },
      { slug: "russian-news", lang: "ru", title: "Новости посольства", published_at: "2020-10-20T09:00:00Z" },
    );
  });
  afterEach(() => vi.useRealTimers());

  it("is a small HTML page any site may frame", async () => {
    const response = await get("/embed/publications/consular-hours");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("X-Frame-Options")).toBeNull();
    const policy = (response.headers.get("Content-Security-Policy") ?? "").split(";").map((d) => d.trim());
    expect(policy).toContain("frame-ancestors *");
    expect(policy).toContain("script-src 'self'");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const html = await response.text();
    expect(html.toLowerCase().startsWith("<!doctype html>")).toBe(true);
    const { document } = parseHTML(html);
    expect(document.documentElement.getAttribute("lang")).toBe("en");
    const title = document.querySelector("h1 a");
    expect(title?.textContent).toBe("Consular hours");
    expect(title?.getAttribute("href")).toBe(`${ORIGIN}/publications/consular-hours`);
    expect(title?.getAttribute("target")).toBe("_top");
    // 23:30 UTC on the 24th is the 25th in London (summer time).
    expect(document.querySelector("time")?.textContent).toBe("25.10.2020");
    expect(document.querySelector(".lead")?.textContent).toBe("Lead of consular-hours");
    // Only the widget, from this origin, which tells the framing page the page's height.
    expect([...document.querySelectorAll("script")].map((script) => script.getAttribute("src"))).toEqual([
      "/widget.js",
    ]);
    expect(document.querySelector("chancery-framed article h1")).not.toBeNull();
  });

  it("is in the publication's language", async () => {
    const response = await get("/embed/publications/russian-news");
    const { document } = parseHTML(await response.text());
    expect(document.documentElement.getAttribute("lang")).toBe("ru");
    expect(document.querySelector("h1")?.textContent).toBe("Новости посольства");
  });

  it("answers an unknown slug with the site's 404 page", async () => {
    const response = await get("/embed/publications/no-such-thing");
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
  });

  it("is found from a publication page through its oEmbed discovery link", async () => {
    const page = await get("/publications/consular-hours");
    expect(page.status).toBe(200);
    const { document } = parseHTML(await page.text());
    const links = document.querySelectorAll('link[rel="alternate"][type="application/json+oembed"]');
    expect(links.length).toBe(1);
    const href = new URL(links[0].getAttribute("href") ?? "");
    expect(href.origin).toBe(ORIGIN);
    expect(href.searchParams.get("url")).toBe(`${ORIGIN}/publications/consular-hours`);
    expect(href.searchParams.get("format")).toBe("json");
    const answer = await oembed(`${href.pathname}${href.search}`);
    expect(answer.title).toBe("Consular hours");
    const frame = await get(new URL(iframeOf(answer.html).getAttribute("src") ?? "").pathname);
    expect(frame.status).toBe(200);
  });
});
