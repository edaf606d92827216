import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReferenceWorker } from "../support/reference-worker";
import {
  type FlakyApi,
  partnerPage as partnerPageFor,
  type Site,
  startWidgetStage,
  strictCsp as strictCspFor,
  type WidgetStage,
} from "../support/third-party";
import { projectRoot } from "../support/worker";

const ARTIFACTS = join(projectRoot, "test", "artifacts");
const REFERENCE = new Date("2020-10-25T00:06:00Z");

let reference: ReferenceWorker;
let workerOrigin: string;
let site: Site;
let api: FlakyApi;
let browser: Browser;
const contexts: BrowserContext[] = [];

let stage: WidgetStage;

beforeAll(async () => {
  stage = await startWidgetStage();
  ({ reference, api, site, browser } = stage);
  workerOrigin = reference.origin;
});

afterAll(() => stage?.stop());

const strictCsp = () => strictCspFor(workerOrigin, api.origin);
const partnerPage = (body: string, head = "") => partnerPageFor(workerOrigin, body, head);

const ALL_ELEMENTS = `
  <chancery-today></chancery-today>
  <chancery-clocks></chancery-clocks>
  <chancery-counters></chancery-counters>
  <chancery-events limit="5"><a href="${"/archive"}">All messages</a></chancery-events>
  <p id="below">Content below the widget.</p>`;

interface Opened {
  page: Page;
  context: BrowserContext;
  errors: string[];
}

/**
 * Opens `path` on the partner site in a fresh browser (or `context`), the
 * clock frozen at `time`, in a zone far from the site's.
 */
async function open(path: string, time: Date, context?: BrowserContext): Promise<Opened> {
  const ctx = context ?? (await browser.newContext({ timezoneId: "America/Los_Angeles", locale: "en-US" }));
  if (!context) contexts.push(ctx);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.addInitScript(() => {
    const initial = new Set(Object.getOwnPropertyNames(window));
    const violations: string[] = [];
    document.addEventListener("securitypolicyviolation", (event) => violations.push(event.violatedDirective));
    Object.defineProperty(window, "__test", {
      value: {
        violations,
        // Playwright's fake clock is the one global the test itself adds.
        newGlobals: () =>
          Object.getOwnPropertyNames(window).filter(
            (name) => !initial.has(name) && name !== "__test" && name !== "__pwClock",
          ),
      },
    });
  });
  await page.clock.install({ time });
  await page.goto(`${site.origin}${path}`);
  return { page, context: ctx, errors };
}

const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();
const clean = (values: string[]) => values.map((value) => value.replace(/\s+/g, " ").trim());

async function waitForEvents(page: Page, count: number): Promise<void> {
  await page
    .locator("chancery-events [part~='item']")
    .nth(count - 1)
    .waitFor();
}

describe("the widget on a third-party page under a strict CSP", () => {
  beforeAll(() => site.page("/partner", partnerPage(ALL_ELEMENTS), strictCsp()));

  it("shows the reference page's live parts at 2020-10-25T00:06Z", async () => {
    const { page, errors } = await open("/partner", REFERENCE);
    await waitForEvents(page, 5);
    await page.locator("chancery-counters [part~='counter']").first().waitFor();
    await page.locator("chancery-clocks [part~='time']").first().waitFor();

    expect(clean(await texts(page, "chancery-today [part~='date']"))).toEqual(["25 October 2020"]);
    expect(clean(await texts(page, "chancery-clocks [part~='label']"))).toEqual(["Moscow", "London"]);
    expect(clean(await texts(page, "chancery-clocks [part~='time']"))).toEqual(["03:06", "01:06"]);
    const counters = clean(await texts(page, "chancery-counters [part~='counter']"));
    expect(counters.map((sentence) => Number.parseInt(sentence, 10))).toEqual([966, 958]);
    expect(counters[0]).toBe("966 days have passed since the Charter - still counting");

    const expected = (await (await fetch(`${workerOrigin}/api/v1/publications?limit=5`)).json()) as {
      items: { title: string; url: string; published_at: string }[];
    };
    expect(clean(await texts(page, "chancery-events [part~='title']"))).toEqual(
      expected.items.map((i) => i.title),
    );
    const links = await page
      .locator("chancery-events [part~='title']")
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toEqual(expected.items.map((item) => item.url));
    const dates = clean(await texts(page, "chancery-events [part~='date']"));
    expect(dates).toEqual(
      expected.items.map((i) => i.published_at.slice(0, 10).split("-").reverse().join(".")),
    );
    expect(await page.locator("chancery-events [part~='date']").first().getAttribute("datetime")).toBe(
      expected.items[0].published_at,
    );

    const test = await page.evaluate(() => {
      const t = (window as unknown as { __test: { violations: string[]; newGlobals(): string[] } }).__test;
      return { violations: t.violations, globals: t.newGlobals() };
    });
    expect(test.violations).toEqual([]);
    expect(test.globals).toEqual([]);
    expect(errors).toEqual([]);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "third-party-page.png"), fullPage: true });
  });

  it("reads London 01:30 and Moscow 04:30 once London has left summer time", async () => {
    const { page } = await open("/partner", new Date("2020-10-25T01:30:00Z"));
    await page.locator("chancery-clocks [part~='time']").first().waitFor();
    expect(clean(await texts(page, "chancery-clocks [part~='time']"))).toEqual(["04:30", "01:30"]);
  });

  it("moves the clocks when the minute turns, and the date and counts at the site's midnight", async () => {
    const { page } = await open("/partner", new Date("2020-10-25T23:59:30Z"));
    await page.locator("chancery-counters [part~='counter']").first().waitFor();
    expect(clean(await texts(page, "chancery-clocks [part~='time']"))).toEqual(["02:59", "23:59"]);
    expect(clean(await texts(page, "chancery-today [part~='date']"))).toEqual(["25 October 2020"]);
    await page.clock.runFor(31_000);
    await expect
      .poll(async () => clean(await texts(page, "chancery-clocks [part~='time']")))
      .toEqual(["03:00", "00:00"]);
    expect(clean(await texts(page, "chancery-today [part~='date']"))).toEqual(["26 October 2020"]);
    const counters = clean(await texts(page, "chancery-counters [part~='counter']"));
    expect(counters.map((sentence) => Number.parseInt(sentence, 10))).toEqual([967, 959]);
  });

  it("reserves its space, so the page below does not move when data arrives", async () => {
    site.page(
      "/held",
      partnerPage(
        `${["today", "clocks", "counters", "events"]
          .map((name) => `<chancery-${name} api="${api.origin}"></chancery-${name}>`)
          .join("")}<p id="below">Below</p>`,
      ),
      strictCsp(),
    );
    api.mode = "held";
    const { page } = await open("/held", REFERENCE);
    await page.waitForFunction(() => customElements.get("chancery-events"));
    const before = await page.locator("#below").boundingBox();
    api.release();
    await waitForEvents(page, 10);
    await page.locator("chancery-counters [part~='counter']").first().waitFor();
    expect(await page.locator("#below").boundingBox()).toEqual(before);
  });

  it("is harmless when loaded twice", async () => {
    site.page(
      "/twice",
      partnerPage(ALL_ELEMENTS, `<script type="module" src="${workerOrigin}/widget.js?again"></script>`),
      strictCsp(),
    );
    const { page, errors } = await open("/twice", REFERENCE);
    await waitForEvents(page, 5);
    expect(errors).toEqual([]);
  });

  it("keeps what a page script set before the code arrived, and follows later attributes and properties", async () => {
    site.page("/scripted", partnerPage("<p>The page adds the widget itself.</p>"), strictCsp());
    const { page, errors } = await open("/scripted", REFERENCE);
    const items = () => page.locator("chancery-events [part~='item']").count();
    const clock = async () =>
      (await page.locator("chancery-clocks [part~='time']").first().textContent())?.trim();
    // Set as properties on elements whose code the page has not fetched yet.
    await page.evaluate(() => {
      const events = Object.assign(document.createElement("chancery-events"), { limit: 2 });
      const clocks = Object.assign(document.createElement("chancery-clocks"), { seconds: true });
      document.body.append(events, clocks);
    });
    await waitForEvents(page, 2);
    await expect.poll(items).toBe(2);
    await expect.poll(clock).toMatch(/^03:06:\d\d$/);

    await page.locator("chancery-events").evaluate((events) => events.setAttribute("limit", "4"));
    await expect.poll(items).toBe(4);
    await page.locator("chancery-clocks").evaluate((clocks) => clocks.setAttribute("seconds", ""));
    await page.locator("chancery-clocks").evaluate((clocks) => clocks.removeAttribute("seconds"));
    await expect.poll(clock).toBe("03:06");
    await page.locator("chancery-events").evaluate((events) => {
      (events as HTMLElement & { limit: number }).limit = 3;
    });
    await expect.poll(items).toBe(3);
    expect(errors).toEqual([]);
  });
});

describe("the widget while the page is hidden", () => {
  /** Headless Chromium never hides a page; this sets what a hidden tab reports and tells the page. */
  const setHidden = (page: Page, hidden: boolean) =>
    page.evaluate((value) => {
      Object.defineProperty(document, "hidden", { configurable: true, get: () => value });
      Object.defineProperty(document, "visibilityState", {
        configurable: true,
        get: () => (value ? "hidden" : "visible"),
      });
      document.dispatchEvent(new Event("visibilitychange"));
    }, hidden);

  it("stops the clocks, then resyncs and refreshes the list when the page shows again", async () => {
    site.page(
      "/visibility",
      partnerPage(
        `<chancery-clocks></chancery-clocks><chancery-events limit="3" refresh="0"></chancery-events>`,
      ),
      strictCsp(),
    );
    const { page } = await open("/visibility", REFERENCE);
    await waitForEvents(page, 3);
    const requests: string[] = [];
    page.on("request", (request) => requests.push(new URL(request.url()).pathname));

    await setHidden(page, true);
    await page.clock.runFor(5 * 60_000);
    expect(clean(await texts(page, "chancery-clocks [part~='time']"))).toEqual(["03:06", "01:06"]);
    expect(requests).toEqual([]);

    await setHidden(page, false);
    await expect
      .poll(async () => clean(await texts(page, "chancery-clocks [part~='time']")))
      .toEqual(["03:11", "01:11"]);
    await expect.poll(() => requests).toContain("/api/v1/publications");
  });
});

describe("the widget when its API fails", () => {
  const page = (limit: number) =>
    partnerPage(
      `<chancery-events limit="${limit}" api="${api.origin}"><a href="/archive">All messages</a></chancery-events>`,
    );

  it("shows a short message and the page's own link when it has nothing", async () => {
    for (const mode of ["down", "garbage"] as const) {
      api.mode = mode;
      site.page(`/empty-${mode}`, page(3), strictCsp());
      const { page: tab, errors } = await open(`/empty-${mode}`, REFERENCE);
      const message = tab.locator("chancery-events [part~='notice']");
      await message.waitFor();
      expect(clean(await message.allTextContents()), mode).toEqual([
        "The latest events are unavailable right now.",
      ]);
      expect(await tab.getByRole("link", { name: "All messages" }).isVisible()).toBe(true);
      expect(errors, mode).toEqual([]);
    }
  });

  it("sends no cookies to the API", async () => {
    api.mode = "up";
    site.page("/cookies", page(2), strictCsp());
    const context = await browser.newContext();
    contexts.push(context);
    // The partner and the API share the host 127.0.0.1, so a cookie would travel if allowed.
    await context.addCookies([{ name: "session", value: "partner-secret", url: api.origin }]);
    api.cookies = [];
    const { page: tab } = await open("/cookies", REFERENCE, context);
    await waitForEvents(tab, 2);
    expect(api.cookies.length).toBeGreaterThan(0);
    expect(api.cookies.every((cookie) => cookie === "")).toBe(true);
  });

  it("keeps the last good list, marked as a saved copy", async () => {
    api.mode = "up";
    site.page("/flaky", page(4), strictCsp());
    const first = await open("/flaky", REFERENCE);
    await waitForEvents(first.page, 4);
    const titles = await texts(first.page, "chancery-events [part~='title']");

    api.mode = "down";
    const again = await open("/flaky", REFERENCE, first.context);
    await again.page.locator("chancery-events [part~='notice']").waitFor();
    expect(await texts(again.page, "chancery-events [part~='title']")).toEqual(titles);
    expect(clean(await texts(again.page, "chancery-events [part~='notice']"))[0]).toMatch(
      /^Saved copy from /,
    );
    expect(again.errors).toEqual([]);
  });
});

describe("the /embed page", () => {
  it("rewrites the snippet and the live preview as options change, and copies the snippet", async () => {
    const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${workerOrigin}/embed`);
    const preview = page.locator("#embed-preview > *");
    await page.locator("#embed-preview chancery-clocks [part~='time']").first().waitFor();
    const tags = () => preview.evaluateAll((elements) => elements.map((element) => element.localName));
    expect(await tags()).toEqual([
      "chancery-today",
      "chancery-clocks",
      "chancery-counters",
      "chancery-events",
    ]);

    await page.getByLabel("Show clocks").uncheck();
    await page.getByLabel("How many").fill("3");
    await page.getByLabel("speech").check();
    await page.getByLabel("Always the latest version").check();
    const snippet = (await page.locator("#embed-snippet").inputValue()).split("\n");
    expect(snippet).toEqual([
      `<script type="module" src="${workerOrigin}/widget.js"></script>`,
      "<chancery-today></chancery-today>",
      "<chancery-counters></chancery-counters>",
      '<chancery-events limit="3" kind="speech"></chancery-events>',
    ]);
    expect(await tags()).toEqual(["chancery-today", "chancery-counters", "chancery-events"]);
    expect(await page.locator("#embed-preview chancery-events").getAttribute("limit")).toBe("3");

    await page.getByRole("button", { name: "Copy the snippet" }).click();
    await expect.poll(() => page.locator("#embed-status").textContent()).toBe("Copied to the clipboard.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet.join("\n"));
  });
});
