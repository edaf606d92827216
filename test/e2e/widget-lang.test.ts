import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWidgetStage, strictCsp, type WidgetStage } from "../support/third-party";

const REFERENCE = new Date("2020-10-25T00:06:00Z");

let stage: WidgetStage;
let browser: Browser;
let workerOrigin: string;

beforeAll(async () => {
  stage = await startWidgetStage();
  ({ browser } = stage);
  workerOrigin = stage.reference.origin;
  // The embassy speaks Russian too, with its clocks' labels translated; nothing was read yet, so no copy is stale.
  await stage.reference.worker.db
    .prepare(`UPDATE site SET languages = ?1, translations = ?2 WHERE id = 1`)
    .bind(JSON.stringify(["en", "ru"]), JSON.stringify({ ru: { clocks: ["Москва", "Лондон"] } }))
    .run();
});

afterAll(() => stage?.stop());

/** A partner's page: `htmlLang` on its `<html>` (none when undefined) and `body`. */
function page(htmlLang: string | undefined, body: string): string {
  return `<!doctype html><html${htmlLang ? ` lang="${htmlLang}"` : ""}><head><meta charset="utf-8"><title>Partner</title>
    <script type="module" src="${workerOrigin}/widget.js"></script></head><body>${body}</body></html>`;
}

interface Opened {
  tab: Page;
  /** The query of every request to the API, by path. */
  asked: (path: string) => URLSearchParams[];
  errors: string[];
}

async function open(path: string, html: string): Promise<Opened> {
  stage.site.page(path, html, strictCsp(workerOrigin));
  const context = await browser.newContext({ timezoneId: "America/Los_Angeles", locale: "en-US" });
  const tab = await context.newPage();
  const requests: URL[] = [];
  const errors: string[] = [];
  tab.on("request", (request) => requests.push(new URL(request.url())));
  tab.on("pageerror", (error) => errors.push(error.message));
  await tab.clock.install({ time: REFERENCE });
  await tab.goto(`${stage.site.origin}${path}`);
  const asked = (pathname: string) =>
    requests
      .filter((url) => url.origin === workerOrigin && url.pathname === pathname)
      .map((url) => url.searchParams);
  return { tab, asked, errors };
}

const texts = async (tab: Page, selector: string) =>
  (await tab.locator(selector).allTextContents()).map((text) => text.replace(/\s+/g, " ").trim());

const ELEMENTS = `<chancery-today></chancery-today><chancery-clocks></chancery-clocks>
  <chancery-events limit="3"></chancery-events>`;

async function drawn(tab: Page): Promise<void> {
  await tab.locator("chancery-today [part~='date']").waitFor();
  await tab.locator("chancery-clocks [part~='label']").first().waitFor();
  await tab.locator("chancery-events [part~='item']").nth(2).waitFor();
}

describe("the widget in the page's language", () => {
  it("speaks the nearest ancestor's language over the page's", async () => {
    const { tab, asked, errors } = await open(
      "/russian-section",
      page("en", `<div lang="ru">${ELEMENTS}</div>`),
    );
    await drawn(tab);
    expect(await texts(tab, "chancery-today [part~='date']")).toEqual(["25 октября 2020 г."]);
    expect(await texts(tab, "chancery-clocks [part~='label']")).toEqual(["Москва", "Лондон"]);
    expect(asked("/api/v1/site").map((query) => query.get("lang"))).toContain("ru");
    expect(asked("/api/v1/site").every((query) => query.get("lang") === "ru")).toBe(true);
    expect(asked("/api/v1/publications").map((query) => query.get("prefer_lang"))).toEqual(["ru"]);
    expect(errors).toEqual([]);
  });

  it("speaks its own language over its ancestors'", async () => {
    const { tab, asked } = await open(
      "/own-language",
      page(
        "ru",
        `<div lang="ru"><chancery-today lang="en"></chancery-today><chancery-clocks lang="en"></chancery-clocks>
         <chancery-events lang="en" limit="3"></chancery-events></div>`,
      ),
    );
    await drawn(tab);
    // "en" on a site in "en-GB": the site's regional form writes the date.
    expect(await texts(tab, "chancery-today [part~='date']")).toEqual(["25 October 2020"]);
    expect(await texts(tab, "chancery-clocks [part~='label']")).toEqual(["Moscow", "London"]);
    expect(new Set(asked("/api/v1/site").map((query) => query.get("lang")))).toEqual(new Set(["en"]));
    expect(asked("/api/v1/publications").map((query) => query.get("prefer_lang"))).toEqual(["en"]);
  });

  it("speaks the site's default language where the page names none", async () => {
    const { tab, asked } = await open("/no-language", page(undefined, ELEMENTS));
    await drawn(tab);
    expect(await texts(tab, "chancery-today [part~='date']")).toEqual(["25 October 2020"]);
    expect(await texts(tab, "chancery-clocks [part~='label']")).toEqual(["Moscow", "London"]);
    expect(asked("/api/v1/site").every((query) => !query.has("lang"))).toBe(true);
    // Undetermined: one version of each text, the site's default language's where it has one.
    expect(asked("/api/v1/publications").map((query) => query.get("prefer_lang"))).toEqual(["und"]);
  });

  it("speaks anew when its own language changes", async () => {
    const { tab } = await open(
      "/switch-own",
      page("en", `<chancery-today lang="en"></chancery-today><chancery-clocks lang="en"></chancery-clocks>`),
    );
    await tab.locator("chancery-clocks [part~='label']").first().waitFor();
    expect(await texts(tab, "chancery-clocks [part~='label']")).toEqual(["Moscow", "London"]);
    await tab.evaluate(() => {
      for (const element of document.querySelectorAll("chancery-today, chancery-clocks"))
        element.setAttribute("lang", "ru");
    });
    await expect.poll(() => texts(tab, "chancery-today [part~='date']")).toEqual(["25 октября 2020 г."]);
    await expect.poll(() => texts(tab, "chancery-clocks [part~='label']")).toEqual(["Москва", "Лондон"]);
  });

  it("speaks anew when the page switches language in place", async () => {
    const { tab } = await open("/switch-page", page("en", ELEMENTS));
    await drawn(tab);
    expect(await texts(tab, "chancery-today [part~='date']")).toEqual(["25 October 2020"]);
    await tab.evaluate(() => {
      document.documentElement.lang = "ru";
    });
    await expect.poll(() => texts(tab, "chancery-today [part~='date']")).toEqual(["25 октября 2020 г."]);
    await expect.poll(() => texts(tab, "chancery-clocks [part~='label']")).toEqual(["Москва", "Лондон"]);
  });
});
