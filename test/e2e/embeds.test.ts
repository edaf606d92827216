import type { Browser, BrowserContext, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "../support/axe";
import type { ReferenceWorker } from "../support/reference-worker";
import {
  type FlakyApi,
  partnerPage,
  type Site,
  startWidgetStage,
  type WidgetStage,
} from "../support/third-party";

let stage: WidgetStage;
let reference: ReferenceWorker;
let workerOrigin: string;
let site: Site;
let api: FlakyApi;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** Long enough to wrap over many lines in a narrow frame: the frame has to grow to show it. */
const LONG_LEAD = Array.from({ length: 12 }, (_, i) => `Sentence ${i + 1} of a long lead about visas.`).join(
  " ",
);

beforeAll(async () => {
  stage = await startWidgetStage();
  ({ reference, site, api, browser } = stage);
  workerOrigin = reference.origin;
  const db = reference.worker.db;
  const insert = `INSERT INTO publications
    (slug, kind, lang, title, lead, body, published_at, status, created_at, updated_at, expires_at)
    VALUES (?1, 'news', ?2, ?3, ?4, ?5, ?6, 'published', ?6, ?6, ?7)`;
  const body =
    '<p>From Monday, <a href="/publications/event-2">read the notice</a>.</p><p><img src="/media/stamp.png" alt="A stamp"></p>';
  const at = "2020-10-24T22:30:00.000Z";
  await db.batch([
    db.prepare(insert).bind("visa-rules", "en", "New visa rules", LONG_LEAD, body, at, null),
    // Its Russian version, a minute older, so the newest publication is still the English one.
    db
      .prepare(insert)
      .bind(
        "vizy",
        "ru",
        "Новые визовые правила",
        "С понедельника.",
        "<p>Текст.</p>",
        "2020-10-24T22:29:00.000Z",
        null,
      ),
    db
      .prepare(insert)
      .bind(
        "old-notice",
        "en",
        "An old notice",
        "It ran out.",
        "<p>Gone.</p>",
        "2020-01-01T09:00:00.000Z",
        "2020-02-01T00:00:00.000Z",
      ),
    db.prepare("UPDATE publications SET translation_group = 'visas' WHERE slug IN ('visa-rules', 'vizy')"),
  ]);
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await stage?.stop();
});

async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ timezoneId: "America/Los_Angeles", locale: "en-US" });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(url);
  return { page, errors };
}

/** What the worker's oEmbed endpoint answers for a publication's page. */
async function oembedHtml(slug: string, query = ""): Promise<string> {
  const page = `${workerOrigin}/publications/${slug}`;
  const response = await fetch(`${workerOrigin}/oembed?url=${encodeURIComponent(page)}${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { html: string }).html;
}

/** The height the framed page's content takes, measured inside the frame. */
const contentHeight = (frame: Frame) =>
  frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));

const frameHeight = (page: Page, selector: string) =>
  page.locator(selector).evaluate((iframe) => (iframe as HTMLIFrameElement).clientHeight);

async function frameOf(page: Page, selector: string): Promise<Frame> {
  const frame = await (await page.locator(selector).elementHandle())?.contentFrame();
  if (!frame) throw new Error(`no frame at ${selector}`);
  await frame.locator("h1").waitFor();
  return frame;
}

describe("the oEmbed answer on a third-party page", () => {
  it("shows the publication in an iframe that grows to fit it, and ignores other pages' messages", async () => {
    // Narrow, so the long lead wraps far past the 240 pixels the answer starts at.
    const embedded = await oembedHtml("visa-rules", "&maxwidth=280");
    // A frame of the same page not wrapped in <chancery-frame>: its page posts too, and must not move the other.
    const bare = `<iframe id="bare" src="${workerOrigin}/embed/publications/event-1" width="280" height="100"></iframe>`;
    site.page("/oembed", partnerPage(workerOrigin, `<h1>Partner news</h1>${embedded}${bare}`));
    const { page, errors } = await open(`${site.origin}/oembed`);

    const wrapped = "chancery-frame iframe:first-of-type";
    const frame = await frameOf(page, wrapped);
    expect(await frame.locator("h1").textContent()).toBe("New visa rules");
    expect(await frame.locator("h1 a").getAttribute("target")).toBe("_top");
    expect(await frame.locator("time").textContent()).toBe("24.10.2020");

    const fitted = await contentHeight(frame);
    expect(fitted).toBeGreaterThan(240);
    await expect.poll(() => frameHeight(page, wrapped)).toBe(fitted);
    // The whole text shows: nothing scrolls inside the frame.
    expect(await frame.evaluate(() => document.scrollingElement?.scrollHeight)).toBeLessThanOrEqual(fitted);

    // The unwrapped frame keeps its size, though its page said its height to this one.
    await frameOf(page, "#bare");
    expect(await frameHeight(page, "#bare")).toBe(100);

    // A message from this page's own origin (any script on it, say) is not the framed page's.
    await page.evaluate(() => window.postMessage({ type: "chancery:height", height: 1500 }, "*"));
    // And one from a frame of another origin, though it names the right type, neither.
    await page.evaluate(() => {
      const other = document.createElement("iframe");
      other.id = "other";
      other.srcdoc = `<script>parent.postMessage({ type: "chancery:height", height: 1700 }, "*")</script>`;
      document.querySelector("chancery-frame")?.append(other);
    });
    await page.waitForTimeout(300);
    expect(await frameHeight(page, wrapped)).toBe(fitted);

    // When the frame narrows the lines wrap more, and it grows again.
    await page.locator(wrapped).evaluate((iframe) => {
      (iframe as HTMLIFrameElement).width = "200";
    });
    await expect.poll(() => frameHeight(page, wrapped)).toBeGreaterThan(fitted);
    expect(errors).toEqual([]);
  });

  it("keeps the iframe within the maxheight the consumer asked for", async () => {
    site.page(
      "/capped",
      partnerPage(workerOrigin, await oembedHtml("visa-rules", "&maxwidth=200&maxheight=260")),
    );
    const { page } = await open(`${site.origin}/capped`);
    const frame = await frameOf(page, "chancery-frame iframe");
    expect(await contentHeight(frame)).toBeGreaterThan(260);
    await page.waitForFunction(
      () => document.querySelector("chancery-frame iframe")?.getAttribute("height") === "260",
    );
    expect(await frameHeight(page, "chancery-frame iframe")).toBe(260);
  });

  it("frames a page that passes axe on its own", async () => {
    const { page, errors } = await open(`${workerOrigin}/embed/publications/visa-rules`);
    await page.locator("h1").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("has a fixed height without the widget's script", async () => {
    const html = (await oembedHtml("visa-rules")).replace(/<script[^>]*><\/script>/, "");
    site.page(
      "/no-script",
      `<!doctype html><html lang="en"><head><title>Plain</title></head><body>${html}</body></html>`,
    );
    const { page } = await open(`${site.origin}/no-script`);
    const frame = await frameOf(page, "iframe");
    expect(await frame.locator("h1").textContent()).toBe("New visa rules");
    expect(await frameHeight(page, "iframe")).toBe(240);
  });
});

describe("<chancery-publication>", () => {
  it("shows the title, the site's date, the lead and, with full, the body, its links made absolute", async () => {
    const link = `<a href="${workerOrigin}/publications/visa-rules">Read about the visa rules</a>`;
    site.page(
      "/element",
      partnerPage(
        workerOrigin,
        `<chancery-publication id="short" slug="visa-rules">${link}</chancery-publication>
         <chancery-publication id="full" slug="visa-rules" full>${link}</chancery-publication>`,
      ),
    );
    const { page, errors } = await open(`${site.origin}/element`);
    const full = page.locator("#full");
    await full.locator("[part~='body']").waitFor();
    expect(await full.locator("[part~='title']").textContent()).toBe("New visa rules");
    expect(await full.locator("[part~='title']").getAttribute("href")).toBe(
      `${workerOrigin}/publications/visa-rules`,
    );
    await full.locator("[part~='date']").waitFor();
    expect(await full.locator("[part~='date']").textContent()).toBe("24.10.2020");
    expect(await full.locator("[part~='lead']").textContent()).toBe(LONG_LEAD);
    const body = full.locator("[part~='body']");
    expect(await body.locator("a").getAttribute("href")).toBe(`${workerOrigin}/publications/event-2`);
    expect(await body.locator("img").getAttribute("src")).toBe(`${workerOrigin}/media/stamp.png`);
    // The server-written link inside the element no longer shows.
    expect(await page.getByText("Read about the visa rules").filter({ visible: true }).count()).toBe(0);

    const short = page.locator("#short");
    expect(await short.locator("[part~='body']").count()).toBe(0);
    expect(await short.locator("[part~='more']").getAttribute("href")).toBe(
      `${workerOrigin}/publications/visa-rules`,
    );
    expect(errors).toEqual([]);
  });

  it("shows the version in its language, its own or its page's", async () => {
    site.page(
      "/russian",
      partnerPage(
        workerOrigin,
        `<chancery-publication id="own" slug="visa-rules" lang="ru"></chancery-publication>
         <div lang="ru-RU"><chancery-publication id="page" slug="visa-rules"></chancery-publication></div>
         <chancery-publication id="none" slug="visa-rules" lang="de"></chancery-publication>`,
      ),
    );
    const { page } = await open(`${site.origin}/russian`);
    for (const [id, title] of [
      ["own", "Новые визовые правила"],
      ["page", "Новые визовые правила"],
      ["none", "New visa rules"],
    ]) {
      await expect
        .poll(() => page.locator(`#${id} [part~='title']`).textContent(), { message: id })
        .toBe(title);
    }
  });

  it("reads as its own text until the API answers", async () => {
    api.mode = "held";
    site.page(
      "/held",
      partnerPage(
        workerOrigin,
        `<chancery-publication api="${api.origin}" slug="event-1"><a href="/x">Read event 1</a></chancery-publication>`,
      ),
    );
    const { page } = await open(`${site.origin}/held`);
    await page.waitForFunction(() => customElements.get("chancery-publication"));
    expect(await page.getByText("Read event 1").isVisible()).toBe(true);
    api.release();
    await page.locator("chancery-publication [part~='title']").waitFor();
    expect(await page.locator("chancery-publication [part~='title']").textContent()).toBe(
      "Event number 1 of the autumn season",
    );
  });

  it("says so when the publication is gone or has expired", async () => {
    site.page(
      "/missing",
      partnerPage(
        workerOrigin,
        `<chancery-publication id="gone" slug="no-such-thing"><a href="/x">Read it</a></chancery-publication>
         <chancery-publication id="expired" slug="old-notice"><a href="/y">Read that</a></chancery-publication>`,
      ),
    );
    const { page } = await open(`${site.origin}/missing`);
    await expect
      .poll(() => page.locator("#gone [part~='notice']").textContent())
      .toBe("This publication is not available.");
    await expect
      .poll(() => page.locator("#expired [part~='notice']").textContent())
      .toBe("This publication has expired.");
    expect(await page.getByText("Read it").filter({ visible: true }).count()).toBe(0);
  });
});

describe("the /embed page", () => {
  it("offers the widget, one publication as an element and as an iframe, each previewed live", async () => {
    const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${workerOrigin}/embed`);

    // The latest events widget, as before.
    await page.locator("#embed-preview chancery-events [part~='item']").first().waitFor();

    // The newest publication to begin with.
    const field = page.getByLabel("Publication", { exact: true });
    await expect.poll(() => field.inputValue()).toBe(`${workerOrigin}/publications/visa-rules`);
    const element = page.locator("#publication-preview chancery-publication");
    await element.locator("[part~='title']").waitFor();
    expect(await element.locator("[part~='title']").textContent()).toBe("New visa rules");
    const frame = await frameOf(page, "#frame-preview iframe");
    expect(await frame.locator("h1").textContent()).toBe("New visa rules");
    expect(await seriousViolations(page)).toEqual([]);

    // Another, by its slug, with the whole text.
    await field.fill("event-3");
    await page.getByLabel("The whole text").check();
    await element.locator("[part~='body']").waitFor();
    expect(await element.locator("[part~='title']").textContent()).toBe(
      "Event number 3 of the autumn season",
    );
    const snippet = await page.locator("#publication-snippet").inputValue();
    expect(snippet.split("\n")).toEqual([
      expect.stringMatching(/^<script type="module" src=".*\/widget\/[0-9a-f]{16}\.js" integrity=/),
      `<chancery-publication slug="event-3" full><a href="${workerOrigin}/publications/event-3">Read the publication</a></chancery-publication>`,
    ]);
    await expect
      .poll(async () => (await frameOf(page, "#frame-preview iframe")).locator("h1").textContent())
      .toBe("Event number 3 of the autumn season");
    const iframeSnippet = await page.locator("#frame-snippet").inputValue();
    expect(iframeSnippet).toBe(await oembedHtml("event-3"));

    await page.getByRole("button", { name: "Copy the iframe snippet" }).click();
    await expect
      .poll(() => page.locator("#frame-snippet-status").textContent())
      .toBe("Copied to the clipboard.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(iframeSnippet);

    // Something not of this site is said to be so.
    await field.fill("https://elsewhere.example/publications/event-3");
    await expect
      .poll(() => page.locator("#publication-status").textContent())
      .toBe("Name a publication of this site: its address or slug.");
    expect(errors).toEqual([]);
  });
});
