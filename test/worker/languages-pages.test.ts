import { env, exports } from "cloudflare:workers";
import { XMLParser } from "fast-xml-parser";
import { parseHTML } from "linkedom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { forgetContentVersion } from "../../worker/data/cache";
import { addPublications, get, getJson, resetContent } from "./fixtures";

const ORIGIN = "https://embassy.example";
const REFERENCE = "2020-10-25T00:06:00Z";
const daysBefore = (n: number) => new Date(Date.UTC(2020, 9, 25 - n, 9)).toISOString();

/** The answer itself, a redirect not followed. */
const fetchRaw = (path: string, headers: HeadersInit = {}) =>
  exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers, redirect: "manual" }));

async function page(path: string, status = 200) {
  const response = await get(path, { Accept: "text/html" });
  expect(response.status, path).toBe(status);
  return parseHTML(await response.text()).document;
}

type Dom = Awaited<ReturnType<typeof page>>;

const texts = (root: Pick<Dom, "querySelectorAll">, selector: string) =>
  [...root.querySelectorAll(selector)].map((element) => element.textContent?.replace(/\s+/g, " ").trim());

/** The slug at the end of each link to a publication in `selector`. */
const slugs = (document: Dom, selector: string) =>
  [...document.querySelectorAll(selector)].map((link) => link.getAttribute("href")?.split("/").at(-1));

async function setTranslations(translations: unknown) {
  await env.DB.prepare("UPDATE site SET translations = ?1 WHERE id = 1")
    .bind(JSON.stringify(translations))
    .run();
  forgetContentVersion();
}

/** Each slug's translation group, to tell which text a listed version stands for. */
const GROUPS: Record<string, string> = {};

/**
 * A text in English and Russian, one only in Russian, one in German and
 * French (neither the page's nor the default language), one in English and
 * German, and enough texts in one language for the archive to page.
 */
async function addTexts() {
  const fixtures = [
    { slug: "visit", lang: "en", translation_group: "visit", published_at: daysBefore(3) },
    { slug: "vizit", lang: "ru", translation_group: "visit", published_at: daysBefore(2) },
    { slug: "tolko-russkiy", lang: "ru", published_at: daysBefore(4) },
    { slug: "besuch", lang: "de", translation_group: "abroad", published_at: daysBefore(5) },
    { slug: "visite", lang: "fr", translation_group: "abroad", published_at: daysBefore(4.5) },
    { slug: "treaty", lang: "en", translation_group: "treaty", published_at: daysBefore(6) },
    { slug: "vertrag", lang: "de", translation_group: "treaty", published_at: daysBefore(6.5) },
    // Its Russian version is withdrawn: readers see the English one on every page.
    { slug: "fair", lang: "en", translation_group: "fair", published_at: daysBefore(7) },
    ...Array.from({ length: 22 }, (_, i) => ({
      slug: `filler-${i + 1}`,
      lang: i % 2 ? "en" : "ru",
      published_at: daysBefore(8 + i),
    })),
    // In both languages on the same instant, deep in the archive's second page.
    { slug: "late-en", lang: "en", translation_group: "late", published_at: daysBefore(40) },
    { slug: "late-ru", lang: "ru", translation_group: "late", published_at: daysBefore(40) },
  ];
  await addPublications(...fixtures.map((fixture) => ({ ...fixture, title: `Title of ${fixture.slug}` })));
  await addPublications({
    slug: "yarmarka",
    lang: "ru",
    translation_group: "fair",
    published_at: daysBefore(7),
  });
  await env.DB.prepare("UPDATE publications SET withdrawn_at = ?1 WHERE slug = 'yarmarka'")
    .bind(daysBefore(6))
    .run();
  forgetContentVersion();
  for (const fixture of fixtures) GROUPS[fixture.slug] = fixture.translation_group ?? fixture.slug;
  GROUPS.yarmarka = "fair";
}

/** Fails naming any text listed twice. */
function expectOnePerText(listed: (string | undefined)[], where: string) {
  const groups = listed.map((slug) => GROUPS[slug ?? ""] ?? slug);
  const twice = groups.filter((group, at) => groups.indexOf(group) !== at);
  expect(twice, `${where}: ${listed.join(", ")}`).toEqual([]);
}

describe("the bare addresses send each reader to their language", () => {
  beforeEach(() => resetContent());

  it.each([
    ["ru-RU,ru;q=0.9", "/", "/ru/"],
    ["de-CH, fr;q=0.8", "/", "/en/"],
    [undefined, "/", "/en/"],
    ["ru", "/publications?kind=news&tag=visa", "/ru/publications?kind=news&tag=visa"],
    ["en-GB,en;q=0.9,ru;q=0.8", "/search?q=visit", "/en/search?q=visit"],
  ])("Accept-Language %s: %s goes to %s, for this reader only", async (accept, from, to) => {
    const response = await fetchRaw(from, accept ? { "Accept-Language": accept } : {});
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(to);
    expect(response.headers.get("Vary")).toMatch(/Accept-Language/i);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  });

  it("moves an old ?lang= link for good, whatever the reader's language", async () => {
    for (const [from, to] of [
      ["/?lang=ru", "/ru/"],
      ["/publications?lang=ru&kind=news", "/ru/publications?kind=news"],
      ["/search?q=visit&lang=en", "/en/search?q=visit"],
    ]) {
      const response = await fetchRaw(from, { "Accept-Language": "en" });
      expect(response.status, from).toBe(301);
      expect(response.headers.get("Location"), from).toBe(to);
    }
    const feed = await fetchRaw("/feed.xml?lang=ru&kind=news");
    expect(feed.status).toBe(301);
    expect(feed.headers.get("Location")).toBe("/ru/feed.xml?kind=news");
  });

  it("answers a prefix that is none of the site's languages with the site's 404 page", async () => {
    for (const path of ["/de/", "/de/publications", "/xx/search?q=visit", "/EN/", "/de/feed.xml", "//"]) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect(texts(await page("/de/", 404), "h1")).toEqual(["Page not found"]);
    const typed = await fetchRaw("/ru");
    expect(typed.status).toBe(301);
    expect(typed.headers.get("Location")).toBe("/ru/");
  });
});

describe("one language per page", () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(REFERENCE));
    await resetContent();
    await addTexts();
  });
  afterEach(() => vi.useRealTimers());

  it("lists no text twice: home, every archive page, search, feeds and the API", async () => {
    for (const lang of ["en", "ru"]) {
      const home = await page(`/${lang}/`);
      expectOnePerText(slugs(home, "chancery-events [part~=title]"), `/${lang}/`);
      expectOnePerText(slugs(home, ".featured h3 a"), `/${lang}/ featured`);

      const archived: (string | undefined)[] = [];
      let next: string | undefined = `/${lang}/publications`;
      while (next) {
        const archive = await page(next);
        archived.push(...slugs(archive, ".list h2 a"));
        const older = archive.querySelector('.pager a[rel="next"]')?.getAttribute("href");
        next = older ? new URL(older).pathname + new URL(older).search : undefined;
      }
      expectOnePerText(archived, `/${lang}/publications`);
      // Every text is there: six of the fixtures' own and the 22 fillers.
      expect(new Set(archived.map((slug) => GROUPS[slug ?? ""])).size).toBe(6 + 22);

      expectOnePerText(slugs(await page(`/${lang}/search?q=title`), ".list h2 a"), `/${lang}/search`);

      const feed = await getJson(`/${lang}/feed.json`);
      expectOnePerText(
        feed.items.map((item: { url: string }) => item.url.split("/").at(-1)),
        `/${lang}/feed.json`,
      );

      const api: string[] = [];
      let cursor = "";
      do {
        const body = await getJson(`/api/v1/publications?prefer_lang=${lang}&limit=7${cursor}`);
        api.push(...body.items.map((item: { slug: string }) => item.slug));
        cursor = body.next_cursor ? `&cursor=${body.next_cursor}` : "";
      } while (cursor);
      expectOnePerText(api, `prefer_lang=${lang}`);
      expect(api).toEqual(archived);
    }
  });

  it("prefers the page's language, then the default one, then the earliest published", async () => {
    const russian = slugs(await page("/ru/publications"), ".list h2 a");
    expect(russian).toContain("vizit");
    expect(russian).toContain("treaty");
    expect(russian).toContain("besuch");
    expect(russian).toContain("fair");
    const english = slugs(await page("/en/publications"), ".list h2 a");
    expect(english).toContain("visit");
    expect(english).toContain("tolko-russkiy");
    expect(english).toContain("besuch");
  });

  it("marks an item in another language with its lang and its language's name", async () => {
    const document = await page("/ru/publications");
    const item = (slug: string) =>
      [...document.querySelectorAll(".list li")].find((li) => li.querySelector(`h2 a[href$="/${slug}"]`));
    const label = (slug: string) => item(slug)?.querySelector(".only-in")?.textContent;
    expect(item("vizit")?.getAttribute("lang")).toBe("ru");
    expect(label("vizit")).toBeUndefined();
    expect(item("treaty")?.getAttribute("lang")).toBe("en");
    expect(label("treaty")).toBe("Только на языке: английский");
    expect(label("besuch")).toBe("Только на языке: немецкий");
  });

  it("writes the page in its language: <html lang>, words, dates and the widget's elements", async () => {
    for (const [lang, heading] of [
      ["en", "Latest events"],
      ["ru", "Последние события"],
    ]) {
      const document = await page(`/${lang}/`);
      expect(document.documentElement.getAttribute("lang")).toBe(lang);
      expect(texts(document, "#latest")).toEqual([heading]);
      for (const element of document.querySelectorAll("chancery-today, chancery-clocks, chancery-events")) {
        expect(element.getAttribute("lang"), element.localName).toBe(lang);
      }
      expect(document.querySelector("form.search")?.getAttribute("action")).toBe(`/${lang}/search`);
      expect(document.querySelector('link[type="application/rss+xml"]')?.getAttribute("href")).toBe(
        `/${lang}/feed.xml`,
      );
    }
  });

  it("names its versions in each language for hreflang, x-default the bare address", async () => {
    const document = await page("/ru/publications?kind=news");
    const alternates = [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((link) => [
      link.getAttribute("hreflang"),
      link.getAttribute("href"),
    ]);
    expect(alternates).toEqual([
      ["en", `${ORIGIN}/en/publications?kind=news`],
      ["ru", `${ORIGIN}/ru/publications?kind=news`],
      ["x-default", `${ORIGIN}/publications?kind=news`],
    ]);
    expect(document.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(
      `${ORIGIN}/ru/publications?kind=news`,
    );
    expect(texts(document, ".langs a")).toEqual(["English", "Русский"]);
    expect([...document.querySelectorAll(".langs a")].map((link) => link.getAttribute("lang"))).toEqual([
      "en",
      "ru",
    ]);
  });

  it("offers a publication's other versions by their language's name, in the publication's language", async () => {
    const document = await page("/publications/vizit");
    expect(document.documentElement.getAttribute("lang")).toBe("ru");
    expect(texts(document, ".translations a")).toEqual(["English"]);
    // A language the site does not list reads in the default one.
    expect((await page("/publications/besuch")).documentElement.getAttribute("lang")).toBe("en");
  });

  it("shows the site's name and clock labels in Russian where they are translated, else in English", async () => {
    const untranslated = await page("/ru/");
    expect(texts(untranslated, ".site-name")).toEqual(["Embassy"]);
    expect(texts(untranslated, "chancery-clocks [part~=label]")).toEqual(["Moscow", "London"]);
    await setTranslations({ ru: { name: "Посольство", clocks: ["Москва", null] } });
    const russian = await page("/ru/");
    expect(texts(russian, ".site-name")).toEqual(["Посольство"]);
    expect(texts(russian, "chancery-clocks [part~=label]")).toEqual(["Москва", "London"]);
    expect(texts(await page("/en/"), ".site-name")).toEqual(["Embassy"]);
    const feed = await getJson("/ru/feed.json");
    expect(feed.title).toBe("Посольство");
  });
});

describe("the public API's prefer_lang", () => {
  beforeEach(async () => {
    await resetContent();
    await addTexts();
  });

  it("refuses a tag that is none, naming prefer_lang", async () => {
    const response = await get("/api/v1/publications?prefer_lang=not_a_tag");
    expect(response.status).toBe(400);
    const problem = await response.json<{ "invalid-params": { name: string }[] }>();
    expect(problem["invalid-params"].map((param) => param.name)).toEqual(["prefer_lang"]);
  });

  it("chooses first, then narrows by lang: the texts whose chosen version is in that language", async () => {
    const body = await getJson("/api/v1/publications?prefer_lang=ru&lang=en&limit=100");
    const listed = body.items.map((item: { slug: string }) => item.slug);
    expect(listed).toContain("treaty");
    expect(listed).toContain("fair");
    expect(listed).not.toContain("visit");
    expect(listed).not.toContain("late-en");
    expect(body.items.every((item: { lang: string }) => item.lang === "en")).toBe(true);
  });
});

describe("the sitemap", () => {
  beforeEach(async () => {
    await resetContent();
    await addTexts();
  });

  it("names every language version of each address with hreflang alternates", async () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(
      await (await get("/sitemap.xml")).text(),
    );
    expect(xml.urlset["xmlns:xhtml"]).toBe("http://www.w3.org/1999/xhtml");
    type Link = { rel: string; hreflang: string; href: string };
    const entries = new Map<string, Link[]>(
      [xml.urlset.url]
        .flat()
        .map((url: { loc: string; "xhtml:link"?: Link | Link[] }) => [
          url.loc,
          [url["xhtml:link"] ?? []].flat(),
        ]),
    );
    const pairs = (loc: string) => entries.get(loc)?.map((link) => [link.hreflang, link.href]);
    const home = [
      ["en", `${ORIGIN}/en/`],
      ["ru", `${ORIGIN}/ru/`],
      ["x-default", `${ORIGIN}/`],
    ];
    expect(pairs(`${ORIGIN}/en/`)).toEqual(home);
    expect(pairs(`${ORIGIN}/ru/`)).toEqual(home);
    expect(pairs(`${ORIGIN}/ru/publications`)).toEqual([
      ["en", `${ORIGIN}/en/publications`],
      ["ru", `${ORIGIN}/ru/publications`],
      ["x-default", `${ORIGIN}/publications`],
    ]);
    const visit = [
      ["en", `${ORIGIN}/publications/visit`],
      ["ru", `${ORIGIN}/publications/vizit`],
    ];
    expect(pairs(`${ORIGIN}/publications/visit`)?.sort()).toEqual(visit);
    expect(pairs(`${ORIGIN}/publications/vizit`)?.sort()).toEqual(visit);
    expect(pairs(`${ORIGIN}/publications/tolko-russkiy`)).toEqual([]);
    // A withdrawn version is no alternate.
    expect(pairs(`${ORIGIN}/publications/fair`)).toEqual([]);
  });
});
