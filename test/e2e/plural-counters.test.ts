import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateInZone } from "../../widget/time";
import { launchChromium } from "../support/chromium";
import {
  COUNTS,
  expectedForm,
  LANGUAGES,
  type Language,
  SENTENCES,
  WORDS,
  written,
} from "../support/plural-forms";
import { type ReferenceWorker, startReferenceWorker } from "../support/reference-worker";
import { partnerPage, type Site, startThirdPartySite } from "../support/third-party";

let reference: ReferenceWorker;
let site: Site;
let browser: Browser;

/** Today's calendar date on the site, London's. */
const today = () => dateInZone(Date.now(), "Europe/London");
const minus = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  reference = await startReferenceWorker();
  site = await startThirdPartySite();
  browser = await launchChromium();
  // A site in four languages, with one counter per count of the matrix and the reference's put aside.
  const db = reference.worker.db;
  const insert = db.prepare(
    "INSERT INTO counters (slug, since, sentences, position) VALUES (?1, ?2, ?3, ?4)",
  );
  await db.batch([
    db.prepare("UPDATE site SET languages = ?1 WHERE id = 1").bind(JSON.stringify(LANGUAGES)),
    db.prepare("UPDATE counters SET active = 0"),
    ...COUNTS.map((count, at) =>
      insert.bind(`day-${count}`, minus(today(), count), JSON.stringify(SENTENCES), at + 100),
    ),
  ]);
  site.page(
    "/languages",
    partnerPage(
      reference.origin,
      LANGUAGES.map((lang) => `<div lang="${lang}"><chancery-counters></chancery-counters></div>`).join(""),
    ),
  );
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await reference?.stop();
});

/**
 * Waits out the last seconds of a London day: the server's count and the
 * browser's are read a moment apart, and a day turning between them is a
 * real change of count, not a disagreement.
 */
async function clearOfMidnight(): Promise<void> {
  const left = Date.parse(`${minus(today(), -1)}T00:00:00Z`) - Date.now();
  // London is at most an hour ahead of UTC; the day's end is within that hour or at it.
  for (const end of [left, left - 3_600_000]) {
    if (end > 0 && end < 30_000) await new Promise((resolve) => setTimeout(resolve, end + 1000));
  }
}

/** Checks one language's sentences, in COUNTS' order, against what a speaker expects. */
function expectSpoken(lang: Language, texts: string[]) {
  expect(texts).toHaveLength(COUNTS.length);
  COUNTS.forEach((count, at) => {
    expect(texts[at]).toBe(expectedForm(lang, count).replace("{days}", written(lang, count)));
    expect(texts[at]).toContain(WORDS[lang][at]);
  });
}

/** The counters' sentences and their numbers as drawn in the element's shadow tree. */
function drawn(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector)?.shadowRoot;
    const items = [...(root?.querySelectorAll("[part~='counter']") ?? [])];
    return {
      texts: items.map((item) => item.textContent ?? ""),
      numbers: items.map((item) => item.querySelector("[part~='days']")?.textContent ?? ""),
    };
  }, selector);
}

describe("counters in four languages' plural forms, alike in the API, the page and the widget", () => {
  it.each(LANGUAGES)("writes %s in the API as a speaker would", async (lang) => {
    await clearOfMidnight();
    const board = (await (await fetch(`${reference.origin}/api/v1/counters?lang=${lang}`)).json()) as {
      lang: string;
      counters: { slug: string; days: number; text: string; lang: string }[];
    };
    expect(board.lang).toBe(lang);
    expect(board.counters.map((counter) => counter.days)).toEqual([...COUNTS]);
    expect(board.counters.every((counter) => counter.lang === lang)).toBe(true);
    expectSpoken(
      lang,
      board.counters.map((counter) => counter.text),
    );
  });

  it.each(LANGUAGES)(
    "renders %s on the server, the number marked, and the widget takes over with the same words",
    async (lang) => {
      await clearOfMidnight();
      const path = `/${lang}/`;
      const rendered = await fetch(`${reference.origin}${path}`).then((response) => response.text());
      const instant = /<time part="time" datetime="([^"]+)"/.exec(rendered)?.[1];

      // Without JavaScript: the server's copy, as the browser parses it.
      const still = await browser.newContext({ javaScriptEnabled: false });
      const plain = await still.newPage();
      await plain.goto(`${reference.origin}${path}`);
      const items = plain.locator("chancery-counters [part~='counter']");
      const serverTexts = await items.allTextContents();
      expectSpoken(lang, serverTexts);
      expect(await plain.locator("chancery-counters [part~='days']").allTextContents()).toEqual(
        COUNTS.map((count) => written(lang, count)),
      );
      await still.close();

      // With it: the widget, its clock at the instant the server rendered, draws the same words.
      const live = await browser.newContext({ timezoneId: "America/Los_Angeles" });
      const page = await live.newPage();
      if (instant) await page.clock.install({ time: new Date(instant) });
      await page.goto(`${reference.origin}${path}`);
      await page.waitForFunction(() =>
        document.querySelector("chancery-counters")?.shadowRoot?.querySelector("li"),
      );
      const widget = await drawn(page, "chancery-counters");
      expect(widget.texts).toEqual(serverTexts);
      expect(widget.numbers).toEqual(COUNTS.map((count) => written(lang, count)));
      await live.close();
    },
  );

  it("draws each language the element is marked with on a partner's page, as the API writes it", async () => {
    await clearOfMidnight();
    const context = await browser.newContext({ timezoneId: "America/Los_Angeles", locale: "en-US" });
    const page = await context.newPage();
    await page.clock.install({ time: new Date() });
    await page.goto(`${site.origin}/languages`);
    for (const lang of LANGUAGES) {
      const selector = `[lang="${lang}"] > chancery-counters`;
      await page.waitForFunction(
        (selector) => document.querySelector(selector)?.shadowRoot?.querySelector("li"),
        selector,
      );
      const widget = await drawn(page, selector);
      expectSpoken(lang, widget.texts);
      expect(widget.numbers).toEqual(COUNTS.map((count) => written(lang, count)));
      const board = (await (await fetch(`${reference.origin}/api/v1/counters?lang=${lang}`)).json()) as {
        counters: { text: string }[];
      };
      expect(widget.texts).toEqual(board.counters.map((counter) => counter.text));
    }
    await context.close();
  });
});
