import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENT_FIELDS } from "../../widget/embed-snippet";
import type { ReferenceWorker } from "../support/reference-worker";
import {
  type FlakyApi,
  partnerPage,
  type Site,
  startWidgetStage,
  type WidgetStage,
} from "../support/third-party";

const REFERENCE = new Date("2020-10-25T00:06:00Z");

let reference: ReferenceWorker;
let workerOrigin: string;
let site: Site;
let api: FlakyApi;
let browser: Browser;

let stage: WidgetStage;

beforeAll(async () => {
  stage = await startWidgetStage();
  ({ reference, api, site, browser } = stage);
  workerOrigin = reference.origin;
});

afterAll(() => stage?.stop());

interface Opened {
  page: Page;
  context: BrowserContext;
  /** Messages of every alert, confirm or prompt the page opened. */
  dialogs: string[];
  errors: string[];
}

/**
 * Opens `html` as a partner's page with no Content-Security-Policy (a site
 * that lets its users post HTML rarely has one), so a `javascript:` link
 * that reached the page would run.
 */
async function open(path: string, html: string, context?: BrowserContext): Promise<Opened> {
  site.page(path, html);
  const ctx = context ?? (await browser.newContext({ timezoneId: "America/Los_Angeles", locale: "en-US" }));
  const page = await ctx.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.clock.install({ time: REFERENCE });
  await page.goto(`${site.origin}${path}`);
  return { page, context: ctx, dialogs, errors };
}

const clean = (values: string[]) => values.map((value) => value.replace(/\s+/g, " ").trim());
const texts = async (page: Page, selector: string) => clean(await page.locator(selector).allTextContents());

/** Every `href` and `src` inside the chancery elements' shadow trees, as the browser resolves them. */
function shadowAddresses(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("chancery-today, chancery-clocks, chancery-counters, chancery-events")]
      .flatMap((element) => [...(element.shadowRoot?.querySelectorAll("[href], [src]") ?? [])])
      .map((node) => (node as HTMLAnchorElement).href || (node as HTMLImageElement).src),
  );
}

/** Everything the chancery elements draw, as text. */
function shadowText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll("chancery-today, chancery-clocks, chancery-counters, chancery-events")]
      .map((element) => element.shadowRoot?.textContent ?? "")
      .join(" "),
  );
}

/** What `<chancery-events limit>` asks for on a partner's page in English. */
const eventsPath = (limit: number) =>
  `/api/v1/publications?${new URLSearchParams({ limit: String(limit), fields: EVENT_FIELDS, prefer_lang: "en" })}`;

interface ListAnswer {
  items: { title: string; url: string }[];
}

const apiList = async (limit: number) =>
  (await (await fetch(`${workerOrigin}/api/v1/publications?limit=${limit}`)).json()) as ListAnswer;

const RUN = "javascript:alert(document.domain)";

/** A publication as the list answers it, for the answers the tests forge. */
const item = (slug: string, url: string) => ({
  slug,
  lang: "en",
  title: `Title of ${slug}`,
  lead: `Lead of ${slug}.`,
  published_at: "2020-10-24T10:00:00Z",
  url,
});

describe("the widget on a partner page that lets its users post HTML", () => {
  /** What an attacker posts: the answers the widget asks for, forged, under every key it might look up. */
  function forged(): string {
    const list = { items: [{ ...item("forged", RUN), title: "Forged item" }], next_cursor: null };
    const siteAnswer = {
      name: "Forged",
      time_zone: "Europe/London",
      locale: "en-GB",
      date_format: "DD.MM.YYYY",
      clocks: [{ label: "Forged clock", time_zone: "Europe/Paris" }],
      contacts: {},
    };
    return JSON.stringify({
      [`${workerOrigin}${eventsPath(3)}`]: list,
      [eventsPath(3)]: list,
      [`${workerOrigin}/api/v1/site?lang=en`]: siteAnswer,
      "/api/v1/site?lang=en": siteAnswer,
    });
  }

  const injections: [string, () => { comment: string; inside: string }][] = [
    [
      "a script with the id the widget used to read",
      () => ({
        comment: `<script type="application/json" id="chancery-data">${forged()}</script>`,
        inside: "",
      }),
    ],
    ["a div with that id", () => ({ comment: `<div id="chancery-data">${forged()}</div>`, inside: "" })],
    [
      "a script inside the elements themselves",
      () => ({ comment: "", inside: `<script type="application/json">${forged()}</script>` }),
    ],
  ];

  it.each(injections)("ignores answers forged in %s", async (name, injection) => {
    const { comment, inside } = injection();
    const path = `/posted-${name.replaceAll(" ", "-")}`;
    const { page, dialogs, errors } = await open(
      path,
      partnerPage(
        workerOrigin,
        `<section class="comments"><p>A user's comment</p>${comment}</section>
         <chancery-clocks>${inside}</chancery-clocks>
         <chancery-events limit="3">${inside}</chancery-events>`,
      ),
    );
    await page.locator("chancery-events [part~='item']").nth(2).waitFor();
    await page.locator("chancery-clocks [part~='clock']").first().waitFor();

    const expected = await apiList(3);
    expect(await texts(page, "chancery-events [part~='title']")).toEqual(expected.items.map((i) => i.title));
    expect(await texts(page, "chancery-clocks [part~='label']")).toEqual(["Moscow", "London"]);
    expect(await shadowAddresses(page)).toEqual(expected.items.map((i) => i.url));

    // A reader following the first title reaches the real publication, and nothing runs on the way.
    await Promise.all([
      page.waitForURL(expected.items[0].url),
      page.locator("chancery-events [part~='title']").first().click(),
    ]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe("the widget reading answers it cannot trust", () => {
  /** Opens `body` in a browser whose requests for the worker's `answers` (by path) get them instead. */
  async function openForged(path: string, body: string, answers: Record<string, unknown>): Promise<Opened> {
    const context = await browser.newContext({ timezoneId: "America/Los_Angeles", locale: "en-US" });
    for (const [pathname, json] of Object.entries(answers)) {
      await context.route(
        (url) => url.origin === workerOrigin && url.pathname === pathname,
        (route) => route.fulfill({ json, headers: { "Access-Control-Allow-Origin": "*" } }),
      );
    }
    return open(path, partnerPage(workerOrigin, body), context);
  }

  it("draws only the valid items of a list, with web links only, and no more than it asked for", async () => {
    const extras = Array.from({ length: 5000 }, (_, i) =>
      item(`extra-${i}`, `https://embassy.example/x/${i}`),
    );
    const { page, dialogs, errors } = await openForged(
      "/hostile-list",
      '<chancery-events limit="20"></chancery-events>',
      {
        "/api/v1/publications": {
          items: [
            item("secure", "https://embassy.example/publications/secure"),
            item("script", RUN),
            item("tabbed", "java\tscript:alert(1)"),
            item("shouted", " JAVASCRIPT:alert(1)"),
            item("controlled", "\u0000javascript:alert(1)"),
            item("data", "data:text/html,<script>alert(1)</script>"),
            item("vb", "vbscript:msgbox(1)"),
            item("relative", "/publications/relative"),
            { ...item("numbered", "https://embassy.example/n"), title: 42 },
            { ...item("leadless", "https://embassy.example/l"), lead: undefined },
            { ...item("huge", "https://embassy.example/h"), published_at: 1e308 },
            { ...item("dateless", "https://embassy.example/d"), published_at: "yesterday" },
            { ...item("tongueless", "https://embassy.example/t"), lang: "not a language" },
            { ...item("boxed", "https://embassy.example/b"), url: { href: "https://embassy.example/b" } },
            null,
            "an item",
            [item("nested", "https://embassy.example/nested")],
            item("plain", "http://embassy.example/publications/plain"),
            ...extras,
          ],
          next_cursor: null,
        },
      },
    );
    await page.locator("chancery-events [part~='item']").first().waitFor();

    const kept = ["secure", "relative", "plain", ...extras.slice(0, 17).map((extra) => extra.slug)];
    expect(await texts(page, "chancery-events [part~='title']")).toEqual(
      kept.map((slug) => `Title of ${slug}`),
    );
    expect((await shadowAddresses(page)).slice(0, 3)).toEqual([
      "https://embassy.example/publications/secure",
      `${workerOrigin}/publications/relative`,
      "http://embassy.example/publications/plain",
    ]);
    expect(
      (await shadowAddresses(page)).filter((address) => !/^https?:$/.test(new URL(address).protocol)),
    ).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("draws only the clocks and counters that make sense", async () => {
    const { page, errors } = await openForged(
      "/hostile-board",
      "<chancery-clocks></chancery-clocks><chancery-counters></chancery-counters>",
      {
        "/api/v1/site": {
          name: "Embassy",
          time_zone: "Europe/London",
          locale: "en-GB",
          date_format: "DD.MM.YYYY",
          contacts: {},
          clocks: [
            { label: "Moscow", time_zone: "Europe/Moscow" },
            { label: 7, time_zone: "Europe/London" },
            { label: "Mars", time_zone: "Mars/Olympus_Mons" },
            { label: "Offset", time_zone: "+03:00" },
            { label: "Zoneless" },
            null,
          ],
        },
        "/api/v1/counters": {
          time_zone: "Europe/London",
          date: "2020-10-25",
          counters: [
            {
              slug: "charter",
              since: "2018-03-04",
              lang: "en",
              forms: { other: "{days} days since the Charter" },
            },
            {
              slug: "leap",
              since: "2019-02-29",
              lang: "en",
              forms: { other: "{days} days since a day that never was" },
            },
            { slug: "typed", since: 20180304, lang: "en", forms: { other: "{days} days since a number" } },
            { slug: "silent", since: "2018-03-04", lang: "en" },
            { slug: "formless", since: "2018-03-04", lang: "en", forms: { one: "{days} day", other: 966 } },
            {
              slug: "tongueless",
              since: "2018-03-04",
              lang: "not a language!",
              forms: { other: "{days} days" },
            },
            { slug: 12, since: "2018-03-04", lang: "en", forms: { other: "{days} days by a numbered slug" } },
          ],
        },
      },
    );
    await page.locator("chancery-counters [part~='counter']").first().waitFor();
    expect(await texts(page, "chancery-clocks [part~='label']")).toEqual(["Moscow"]);
    expect(await texts(page, "chancery-counters [part~='counter']")).toEqual(["966 days since the Charter"]);
    expect(errors).toEqual([]);
  });

  const wrongSites: [string, unknown][] = [
    [
      "a locale that is no locale",
      { time_zone: "Europe/London", locale: "not a locale!", date_format: "DD", clocks: [] },
    ],
    ["a number for a zone", { time_zone: 5, locale: "en-GB", date_format: "DD", clocks: [] }],
    [
      "clocks that are a string",
      { time_zone: "Europe/London", locale: "en-GB", date_format: "DD", clocks: "Moscow" },
    ],
    ["an array", [{ time_zone: "Europe/London", locale: "en-GB", date_format: "DD", clocks: [] }]],
  ];

  it.each(wrongSites)("says the parts are unavailable when the site's answer has %s", async (_, answer) => {
    const { page, errors } = await openForged(
      `/hostile-site-${wrongSites.findIndex(([, a]) => a === answer)}`,
      `<chancery-today><span id="today">Today</span></chancery-today>
       <chancery-clocks></chancery-clocks><chancery-events limit="3"></chancery-events>`,
      { "/api/v1/site": answer },
    );
    await page.locator("chancery-events [part~='notice']").waitFor();
    expect(await texts(page, "chancery-clocks [part~='notice']")).toEqual([
      "The clocks are unavailable right now.",
    ]);
    expect(await texts(page, "chancery-events [part~='notice']")).toEqual([
      "The latest events are unavailable right now.",
    ]);
    expect(await page.locator("#today").isVisible()).toBe(true);
    expect(await page.locator("chancery-events [part~='item']").count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe("the widget's saved copies, which any script on the page can write", () => {
  /** Each turns a saved copy, as the widget wrote it, into what a hostile script writes instead. */
  const poisons: [string, (saved: string) => string][] = [
    [
      "answers of the right shape holding a script link and impossible values",
      (saved) =>
        JSON.stringify({
          ...JSON.parse(saved),
          json: {
            time_zone: "Europe/London",
            locale: "en-GB",
            date_format: "DD.MM.YYYY",
            clocks: [{ label: "Poisoned clock", time_zone: "Nowhere/Else" }],
            counters: [
              { slug: "poisoned", since: "2020-02-30", lang: "en", forms: { other: "Poisoned {days}" } },
            ],
            items: [{ ...item("poisoned", RUN), title: "Poisoned item" }],
          },
        }),
    ],
    [
      "markup where a list belongs",
      (saved) =>
        JSON.stringify({ ...JSON.parse(saved), json: { items: "<img src=x onerror=alert(1)>Poisoned" } }),
    ],
    [
      "the real answers saved at no real time",
      (saved) => JSON.stringify({ ...JSON.parse(saved), savedAt: 1e300 }),
    ],
    ["no JSON at all", () => "Poisoned {"],
  ];

  it.each(poisons)("shows the unavailable notice, not %s, while the API is down", async (name, poison) => {
    const body = `<chancery-counters api="${api.origin}"></chancery-counters>
      <chancery-events limit="3" api="${api.origin}"><a href="/archive">All messages</a></chancery-events>`;
    const path = `/poisoned-${poisons.findIndex(([n]) => n === name)}`;
    api.mode = "up";
    const first = await open(path, partnerPage(workerOrigin, body));
    await first.page.locator("chancery-events [part~='item']").nth(2).waitFor();
    await first.page.locator("chancery-counters [part~='counter']").first().waitFor();
    const saved = await first.page.evaluate(() =>
      Object.entries(localStorage).filter(([key]) => key.startsWith("chancery:")),
    );
    expect(saved).toHaveLength(3);
    await first.page.evaluate(
      (entries) => {
        for (const [key, value] of entries) localStorage.setItem(key, value);
      },
      saved.map(([key, value]) => [key, poison(value)]),
    );

    api.mode = "down";
    const again = await open(path, partnerPage(workerOrigin, body), first.context);
    await again.page.locator("chancery-events [part~='notice']").waitFor();
    expect(await texts(again.page, "chancery-events [part~='notice']")).toEqual([
      "The latest events are unavailable right now.",
    ]);
    expect(await texts(again.page, "chancery-counters [part~='notice']")).toEqual([
      "The counters are unavailable right now.",
    ]);
    expect(await shadowText(again.page)).not.toMatch(/Poisoned|Saved copy/);
    expect(await shadowAddresses(again.page)).toEqual([]);
    expect(await again.page.getByRole("link", { name: "All messages" }).isVisible()).toBe(true);
    expect(again.dialogs).toEqual([]);
    expect(again.errors).toEqual([]);
    api.mode = "up";
  });
});
