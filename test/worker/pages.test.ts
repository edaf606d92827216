import { parseHTML } from "linkedom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPerson, createSession, createToken, sendAs } from "./editor-fixtures";
import { addCounters, addPublications, get, getJson, resetContent } from "./fixtures";

const REFERENCE = "2020-10-25T00:06:00Z";

/** The n-th day before the reference instant, at 09:00 UTC. */
const daysBefore = (n: number) => new Date(Date.UTC(2020, 9, 25 - n, 9)).toISOString();

async function page(path: string, status = 200, headers: Record<string, string> = {}) {
  const response = await get(path, { Accept: "text/html", ...headers });
  expect(response.status, path).toBe(status);
  expect(response.headers.get("Content-Type"), path).toMatch(/^text\/html; charset=utf-8$/i);
  const { document } = parseHTML(await response.text());
  return { response, document };
}

type Dom = ReturnType<typeof parseHTML>["document"];

const texts = (root: Pick<Dom, "querySelectorAll">, selector: string) =>
  [...root.querySelectorAll(selector)].map((element) => element.textContent?.replace(/\s+/g, " ").trim());

const meta = (document: Dom, property: string) =>
  document.querySelector(`meta[property="${property}"]`)?.getAttribute("content");

describe("home page", () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(REFERENCE));
    await resetContent();
    await addCounters(
      {
        slug: "charter",
        since: "2018-03-04",
        text: "{days} days have passed since the Charter - still counting",
      },
      {
        slug: "chancery",
        since: "2018-03-12",
        text: "{days} days have passed since the chancery opened - welcome",
      },
    );
    await addPublications(
      ...Array.from({ length: 12 }, (_, i) => ({ slug: `event-${i + 1}`, published_at: daysBefore(i + 1) })),
      {
        slug: "ambassadors-speech",
        kind: "speech",
        title: "The Ambassador's speech",
        published_at: daysBefore(5.5),
        body: "<p>Friends, <strong>welcome</strong>.</p>",
      },
      { slug: "older-interview", kind: "interview", published_at: daysBefore(30) },
      { slug: "tomorrow", kind: "speech", status: "scheduled", published_at: "2020-10-26T09:00:00.000Z" },
      { slug: "russian-news", lang: "ru", title: "Новости посольства", published_at: daysBefore(40) },
    );
  });
  afterEach(() => vi.useRealTimers());

  it("shows the reference page at 2020-10-25T00:06Z", async () => {
    const { document } = await page("/en/");
    expect(texts(document, "chancery-today time")).toEqual(["25 October 2020"]);
    const clocks = [...document.querySelectorAll("chancery-clocks li")].map((clock) =>
      texts(clock, "[part~=label], [part~=time]"),
    );
    expect(clocks).toEqual([
      ["Moscow", "03:06"],
      ["London", "01:06"],
    ]);
    expect(texts(document, "chancery-counters li")).toEqual([
      "966 days have passed since the Charter - still counting",
      "958 days have passed since the chancery opened - welcome",
    ]);
    expect(texts(document, ".contacts a")).toEqual(["+44 20 7946 0000", "consular@embassy.example"]);

    const featured = document.querySelector(".featured article");
    expect(featured?.querySelector("h3")?.textContent).toBe("The Ambassador's speech");
    expect(featured?.querySelector(".body strong")?.textContent).toBe("welcome");

    const events = [...document.querySelectorAll("chancery-events li")];
    expect(events).toHaveLength(10);
    const api = await getJson("/api/v1/publications?limit=10&prefer_lang=en");
    expect(events.map((event) => event.querySelector("a")?.getAttribute("href"))).toEqual(
      api.items.map((item: { url: string }) => item.url),
    );
    expect(texts(events[0], "time")).toEqual(["24.10.2020"]);
    expect(texts(events[5], "time")).toEqual(["19.10.2020"]);
    expect(texts(events[5], "[part~=title]")).toEqual(["The Ambassador's speech"]);
    expect(document.querySelector("chancery-events a.all")?.getAttribute("href")).toBe("/en/publications");
  });

  it.each(["/en/", "/ru/"])(
    "carries in each element of %s exactly what the API would answer, so the widget takes over without a request",
    async (path) => {
      const { document } = await page(path);
      const elements = [
        ...document.querySelectorAll("chancery-today, chancery-clocks, chancery-counters, chancery-events"),
      ];
      expect(elements.map((element) => element.localName)).toEqual([
        "chancery-today",
        "chancery-clocks",
        "chancery-counters",
        "chancery-events",
      ]);
      // The widget reads only a script that is the element's own child.
      const carried = elements.map((element): Record<string, unknown> => {
        const script = [...element.children].find((child) => child.localName === "script");
        return JSON.parse(script?.textContent ?? "");
      });
      expect(carried.map((answers) => Object.keys(answers).map((url) => url.split("?")[0]))).toEqual([
        ["/api/v1/site"],
        ["/api/v1/site"],
        ["/api/v1/counters"],
        ["/api/v1/site", "/api/v1/publications"],
      ]);
      for (const [url, json] of carried.flatMap((answers) => Object.entries(answers))) {
        expect(await getJson(url), url).toEqual(json);
      }
      const script = document.querySelector("script[src]")?.getAttribute("src");
      const manifest = await getJson("/widget/manifest.json");
      expect(new URL(script ?? "", "https://embassy.example").href).toBe(manifest.pinned);
    },
  );

  it.each([
    ["/en/", 200],
    ["/ru/publications", 200],
    ["/en/search?q=event", 200],
    ["/no/such/page", 404],
    ["/api/docs", 200],
    ["/embed", 200],
    ["/admin", 200],
  ])("serves %s under a CSP without unsafe-inline, with the other security headers", async (path, status) => {
    const { response, document } = await page(path, status);
    const csp = response.headers.get("Content-Security-Policy") ?? "";
    const directives = new Map(
      csp
        .split(";")
        .map((part) => part.trim().split(/\s+/) as [string, ...string[]])
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives.get("script-src")).toEqual(["'self'"]);
    expect(directives.get("style-src")).toEqual(["'self'"]);
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("Strict-Transport-Security")).toMatch(/max-age=\d{7,}/);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    // Nothing the CSP would block: scripts are files or data, no inline styles.
    for (const script of document.querySelectorAll("script")) {
      const runs = !script.getAttribute("type") || script.getAttribute("type") === "module";
      if (runs) expect(script.getAttribute("src")).toBeTruthy();
      else expect(["application/json", "application/ld+json"]).toContain(script.getAttribute("type"));
    }
    expect(document.querySelectorAll("style, [style]")).toHaveLength(0);
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const css = await get(link.getAttribute("href") ?? "");
      expect(css.status, link.getAttribute("href")).toBe(200);
      expect(css.headers.get("Content-Type")).toBe("text/css; charset=utf-8");
      expect(css.headers.get("ETag")).toBeTruthy();
    }
  });

  it("is cached with an ETag and changes at once after a write", async () => {
    const first = await get("/en/");
    const etag = first.headers.get("ETag") ?? "";
    expect(first.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+/);
    expect((await get("/en/", { "If-None-Match": etag })).status).toBe(304);
    await addPublications({
      slug: "just-now",
      title: "Just published",
      published_at: "2020-10-25T00:00:00.000Z",
    });
    const { response, document } = await page("/en/");
    expect(response.headers.get("ETag")).not.toBe(etag);
    expect(texts(document, "chancery-events li [part~=title]")[0]).toBe("Just published");
  });

  it("is never cached past the minute its clocks show", async () => {
    vi.setSystemTime(new Date("2020-10-25T00:06:50Z"));
    const response = await get("/en/");
    const maxAge = Number(/max-age=(\d+)/.exec(response.headers.get("Cache-Control") ?? "")?.[1]);
    expect(maxAge).toBeLessThanOrEqual(10);
  });

  it("speaks Russian at /ru/ and links its language versions", async () => {
    const { document } = await page("/ru/");
    expect(document.documentElement.getAttribute("lang")).toBe("ru");
    expect(texts(document, "#latest")).toEqual(["Последние события"]);
    expect(texts(document, "chancery-today time")).toEqual(["25 октября 2020 г."]);
    // Every text here is in one language only: the English ones are shown, and marked as such.
    const events = [...document.querySelectorAll("chancery-events li")];
    expect(events).toHaveLength(10);
    expect(events.map((event) => event.getAttribute("lang"))).toEqual(Array(10).fill("en"));
    expect(texts(events[0], "[part~='lang']")).toEqual(["английский"]);
    const alternates = [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((link) => [
      link.getAttribute("hreflang"),
      link.getAttribute("href"),
    ]);
    expect(alternates).toEqual([
      ["en", "https://embassy.example/en/"],
      ["ru", "https://embassy.example/ru/"],
      ["x-default", "https://embassy.example/"],
    ]);
    expect(document.querySelector('nav.site a[aria-current="page"]')?.getAttribute("href")).toBe("/ru/");
    expect(texts(document, ".langs a")).toEqual(["English", "Русский"]);
  });
});

describe("archive", () => {
  beforeEach(async () => {
    await resetContent();
    await addPublications(
      ...Array.from({ length: 25 }, (_, i) => ({
        slug: `item-${i + 1}`,
        kind: i % 5 === 0 ? "speech" : "news",
        tags: i % 2 ? ["trade"] : [],
        published_at: daysBefore(i + 1),
      })),
    );
  });

  it("pages through everything, newest first, by keyset links", async () => {
    const first = await page("/en/publications");
    expect(texts(first.document, ".list h2")).toEqual(
      Array.from({ length: 20 }, (_, i) => `Title of item-${i + 1}`),
    );
    expect(first.document.querySelector('.pager a[rel="prev"]')).toBeNull();
    const older = first.document.querySelector('.pager a[rel="next"]')?.getAttribute("href") ?? "";
    const second = await page(new URL(older).pathname + new URL(older).search);
    expect(texts(second.document, ".list h2")).toEqual(
      Array.from({ length: 5 }, (_, i) => `Title of item-${i + 21}`),
    );
    expect(second.document.querySelector('.pager a[rel="next"]')).toBeNull();
    expect(second.document.querySelector('.pager a[rel="prev"]')).not.toBeNull();
  });

  it("filters by kind and tag, and takes a form's empty fields as any", async () => {
    const speeches = await page("/en/publications?kind=speech&tag=");
    expect(texts(speeches.document, ".list h2")).toEqual(
      ["item-1", "item-6", "item-11", "item-16", "item-21"].map((s) => `Title of ${s}`),
    );
    expect(
      speeches.document.querySelector('select[name="kind"] option[selected]')?.getAttribute("value"),
    ).toBe("speech");
    const trade = await page("/en/publications?tag=trade");
    expect(texts(trade.document, ".list h2")).toHaveLength(12);
  });

  it("refuses a bad filter by name", async () => {
    const response = await get("/en/publications?kind=poem");
    expect(response.status).toBe(400);
    const problem = await response.json<{ "invalid-params": { name: string }[] }>();
    expect(problem["invalid-params"].map((param) => param.name)).toEqual(["kind"]);
  });
});

describe("publication page", () => {
  beforeEach(async () => {
    await resetContent();
    await addPublications(
      { slug: "first", published_at: daysBefore(3) },
      {
        slug: "visit",
        kind: "speech",
        title: "A visit to Corvena",
        tags: ["culture", "visits"],
        translation_group: "visit",
        // As the sanitizer stores it: an ampersand in an attribute is written `&amp;`.
        body: '<p>We <em>arrived</em>.</p><img src="/media/abc.png?w=800&amp;h=600" alt="Arrival">',
        published_at: daysBefore(2),
      },
      {
        slug: "vizit",
        lang: "ru",
        title: "Визит в Корвену",
        translation_group: "visit",
        published_at: daysBefore(2),
      },
      { slug: "last", published_at: daysBefore(1) },
      { slug: "hidden-draft", status: "draft", published_at: daysBefore(1) },
    );
  });

  it("shows the text with its kind, date, tags and neighbours", async () => {
    const { document } = await page("/publications/visit");
    const article = document.querySelector("article.publication");
    expect(article?.querySelector("h1")?.textContent).toBe("A visit to Corvena");
    expect(texts(document, "article.publication .kicker span")).toEqual(["Speech"]);
    expect(article?.querySelector(".body em")?.textContent).toBe("arrived");
    expect(texts(document, "article.publication .tags a")).toEqual(["#culture", "#visits"]);
    expect(document.querySelector('.neighbours a[rel="prev"]')?.getAttribute("href")).toBe(
      "https://embassy.example/publications/last",
    );
    expect(document.querySelector('.neighbours a[rel="next"]')?.getAttribute("href")).toBe(
      "https://embassy.example/publications/first",
    );
  });

  it("describes itself with Open Graph and a JSON-LD NewsArticle", async () => {
    const { document } = await page("/publications/visit");
    expect(meta(document, "og:type")).toBe("article");
    expect(meta(document, "og:title")).toBe("A visit to Corvena");
    expect(meta(document, "og:url")).toBe("https://embassy.example/publications/visit");
    expect(meta(document, "og:image")).toBe("https://embassy.example/media/abc.png?w=800&h=600");
    const article = JSON.parse(
      document.querySelector('script[type="application/ld+json"]')?.textContent ?? "",
    );
    expect(article).toMatchObject({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: "A visit to Corvena",
      datePublished: daysBefore(2),
      inLanguage: "en",
      keywords: ["culture", "visits"],
    });
  });

  it("links its translations both ways, with hreflang", async () => {
    for (const [slug, other] of [
      ["visit", "vizit"],
      ["vizit", "visit"],
    ]) {
      const { document } = await page(`/publications/${slug}`);
      const alternates = [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((link) =>
        link.getAttribute("href"),
      );
      expect(alternates).toContain(`https://embassy.example/publications/${other}`);
      expect(document.querySelector(`.translations a[href$="/${other}"]`)).not.toBeNull();
    }
    const russian = await page("/publications/vizit");
    expect(russian.document.documentElement.getAttribute("lang")).toBe("ru");
    expect(texts(russian.document, ".kicker span")).toEqual(["Новость"]);
  });

  it("answers a draft, an unknown slug and an unknown page with the 404 page", async () => {
    for (const path of [
      "/publications/hidden-draft",
      "/publications/nothing-here",
      "/publications/Not_A_Slug",
      "/no/such/page",
    ]) {
      const { document, response } = await page(path, 404);
      expect(texts(document, "h1"), path).toEqual(["Page not found"]);
      expect(response.headers.get("Content-Security-Policy"), path).toContain("script-src 'self'");
    }
    const api = await get("/api/v1/no-such-thing");
    expect(api.status).toBe(404);
    expect(api.headers.get("Content-Type")).toBe("application/problem+json");
  });
});

describe("search page", () => {
  beforeEach(async () => {
    await resetContent();
    await addPublications(
      { slug: "visa-rules", title: "New visa rules for students", published_at: daysBefore(3) },
      {
        slug: "trade-fair",
        title: "Trade fair",
        body: "<p>Students of trade will <b>visit</b>.</p>",
        published_at: daysBefore(2),
      },
      { slug: "draft-visa", title: "Visa draft", status: "draft", published_at: daysBefore(1) },
    );
  });

  it("lists ranked matches with the words found marked, and nothing unpublished", async () => {
    const { document } = await page("/en/search?q=students");
    expect(texts(document, ".list h2")).toEqual(["New visa rules for students", "Trade fair"]);
    expect(texts(document, ".list mark").map((word) => word?.toLowerCase())).toEqual([
      "students",
      "students",
    ]);
    expect(document.querySelector("input[name=q]")?.getAttribute("value")).toBe("students");
    expect(texts(document, "[role=status]")).toEqual(["2 results for “students”"]);
    const none = await page("/en/search?q=visa+draft+only");
    expect(texts(none.document, "[role=status]")).toEqual(["Nothing matches “visa draft only”."]);
  });

  it("takes any text a reader types without an error", async () => {
    for (const q of ['"', "AND(", "*", "NEAR(visa", "'; DROP TABLE publications; --", ""]) {
      const { document } = await page(`/en/search?q=${encodeURIComponent(q)}`);
      expect(document.querySelector("h1")?.textContent, q).toBe("Search");
    }
  });
});

describe("every page's meta description", () => {
  /** The page's descriptions: exactly one is expected. */
  const descriptions = (document: Dom) =>
    [...document.querySelectorAll('head meta[name="description"]')].map((meta) =>
      meta.getAttribute("content"),
    );

  /** The console as an editor sees it once signed in. */
  async function signedInConsole() {
    const { cookie } = await createSession(await createPerson("Meta", "publisher"));
    return page("/admin", 200, { Cookie: cookie });
  }

  beforeEach(async () => {
    await resetContent();
    await addPublications({ slug: "visit", title: "A visit to Corvena", published_at: daysBefore(2) });
  });

  it.each([
    ["/en/", "Embassy"],
    ["/ru/", "Embassy"],
    ["/en/publications", "Embassy"],
    ["/en/search?q=visit", "Embassy"],
    ["/en/search", "Embassy"],
    ["/admin", "Embassy"],
    ["/api/docs", "API"],
    ["/embed", "site"],
  ])("%s says what it is, in one short description", async (path, words) => {
    const [description, ...more] = descriptions((await page(path)).document);
    expect(more).toEqual([]);
    expect(description).toContain(words);
    expect(description?.length).toBeLessThanOrEqual(160);
  });

  it("speaks the page's language", async () => {
    const [english] = descriptions((await page("/en/")).document);
    const [russian] = descriptions((await page("/ru/")).document);
    expect(russian).not.toBe(english);
    expect(russian).toMatch(/[а-я]/);
  });

  it("is there on the 404 page and in the signed-in console", async () => {
    expect(descriptions((await page("/no-such-page", 404)).document)).toEqual([
      "Nothing is at this address. It may have moved, or it was never here.",
    ]);
    const [signedIn] = descriptions((await signedInConsole()).document);
    expect(signedIn).toContain("editors' console of Embassy");
  });

  it("is a publication's lead", async () => {
    const { document } = await page("/publications/visit");
    expect(descriptions(document)).toEqual(["Lead of visit"]);
  });

  it("is a long lead's start, cut at a word and marked as cut", async () => {
    const sentence = "The Ambassador thanked the hosts of the exhibition, the artists and every visitor. ";
    const lead = sentence.repeat(10).trim();
    const created = await sendAs(
      await createToken("Long lead", ["publish"]),
      "POST",
      "/api/v1/publications",
      {
        slug: "long-lead",
        title: "A long lead",
        kind: "news",
        lang: "en",
        lead,
        body: "<p>Text</p>",
        published_at: daysBefore(1),
        status: "published",
        without_approval: "Cleared by phone with the consul",
      },
    );
    expect(created.status).toBe(201);
    const [description] = descriptions((await page("/publications/long-lead")).document);
    expect(description?.length).toBeLessThanOrEqual(160);
    expect(description).toMatch(/[a-z]…$/);
    expect(lead.startsWith(description?.slice(0, -1) ?? "-")).toBe(true);
    expect(lead.charAt((description?.length ?? 0) - 1)).toMatch(/[\s,.]/);
  });
});
