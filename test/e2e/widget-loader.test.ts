import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  partnerPage,
  type Site,
  startWidgetStage,
  strictCsp,
  type WidgetStage,
} from "../support/third-party";

interface Chunk {
  url: string;
  integrity: string;
  elements: string[];
}

interface Manifest {
  script: string;
  snippet: string;
  chunks: Chunk[];
}

let stage: WidgetStage;
let site: Site;
let workerOrigin: string;
let manifest: Manifest;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  stage = await startWidgetStage();
  site = stage.site;
  workerOrigin = stage.reference.origin;
  manifest = (await (await fetch(`${workerOrigin}/widget/manifest.json`)).json()) as Manifest;
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await stage?.stop();
});

/** The chunks a page with only `tag` needs, as the manifest lists them. */
const chunksOf = (tag: string) =>
  manifest.chunks.filter((chunk) => chunk.elements.includes(tag)).map((chunk) => chunk.url);

interface Opened {
  page: Page;
  /** Every script the page fetched from the worker, in order, repeats kept. */
  scripts: string[];
  errors: string[];
  warnings: string[];
}

async function open(path: string, prepare?: (page: Page) => Promise<unknown>): Promise<Opened> {
  const context = await stage.browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  const opened: Opened = { page, scripts: [], errors: [], warnings: [] };
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin === workerOrigin && url.pathname.endsWith(".js")) opened.scripts.push(request.url());
  });
  page.on("pageerror", (error) => opened.errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "warning") opened.warnings.push(message.text());
  });
  await prepare?.(page);
  await page.goto(`${site.origin}${path}`);
  return opened;
}

const defined = (page: Page, tag: string) =>
  page.evaluate((name) => customElements.get(name) !== undefined, tag);

describe("the widget's loader", () => {
  it("fetches only its own code and the clocks' chunks for a page with only clocks", async () => {
    site.page(
      "/clocks",
      partnerPage(workerOrigin, "<chancery-clocks></chancery-clocks>"),
      strictCsp(workerOrigin),
    );
    const { page, scripts, errors } = await open("/clocks");
    await page.locator("chancery-clocks [part~='time']").first().waitFor();
    expect(scripts.sort()).toEqual([`${workerOrigin}/widget.js`, ...chunksOf("chancery-clocks")].sort());
    expect(chunksOf("chancery-clocks").length).toBeLessThan(manifest.chunks.length);
    for (const tag of ["chancery-events", "chancery-counters", "chancery-today"]) {
      expect(await defined(page, tag), tag).toBe(false);
    }
    expect(errors).toEqual([]);
  });

  it("loads an element that a script adds after the page has loaded", async () => {
    site.page("/later", partnerPage(workerOrigin, "<p>Nothing of the widget yet.</p>"));
    const { page, scripts, errors } = await open("/later");
    await page.waitForLoadState("networkidle");
    expect(scripts).toEqual([`${workerOrigin}/widget.js`]);

    await page.evaluate(() => document.body.append(document.createElement("chancery-today")));
    await page.locator("chancery-today [part~='date']").waitFor();
    expect(scripts.slice(1).sort()).toEqual(chunksOf("chancery-today").sort());
    expect(errors).toEqual([]);
  });

  it("works from the pinned snippet, every chunk checked against its integrity", async () => {
    const body = "<chancery-today></chancery-today><chancery-events limit='3'></chancery-events>";
    site.page(
      "/pinned",
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>${manifest.snippet}</head><body>${body}</body></html>`,
      strictCsp(workerOrigin),
    );
    const { page, errors } = await open("/pinned");
    await page.locator("chancery-events [part~='item']").nth(2).waitFor();
    await page.locator("chancery-today [part~='date']").waitFor();
    const preloads = await page.$$eval('link[rel="modulepreload"]', (links) =>
      links.map((link) => ({
        url: (link as HTMLLinkElement).href,
        integrity: link.getAttribute("integrity"),
      })),
    );
    const expected = manifest.chunks
      .filter((chunk) => chunk.elements.some((tag) => tag === "chancery-today" || tag === "chancery-events"))
      .map((chunk) => ({ url: chunk.url, integrity: chunk.integrity }));
    expect(preloads.sort((a, b) => a.url.localeCompare(b.url))).toEqual(
      expected.sort((a, b) => a.url.localeCompare(b.url)),
    );
    expect(errors).toEqual([]);
  });

  it("fetches each chunk once when a page loads both the latest loader and the pinned one", async () => {
    site.page(
      "/both",
      partnerPage(
        workerOrigin,
        "<chancery-clocks></chancery-clocks><chancery-today></chancery-today>",
        manifest.snippet,
      ),
      strictCsp(workerOrigin),
    );
    const { page, scripts, errors } = await open("/both");
    await page.locator("chancery-clocks [part~='time']").first().waitFor();
    await page.locator("chancery-today [part~='date']").waitFor();
    const chunks = scripts.filter((url) => manifest.chunks.some((chunk) => chunk.url === url));
    expect(chunks.sort()).toEqual(
      [...new Set([...chunksOf("chancery-clocks"), ...chunksOf("chancery-today")])].sort(),
    );
    expect(errors).toEqual([]);
  });

  it("refuses a chunk changed by one byte: that element never starts, the page and the others go on", async () => {
    const [tampered] = manifest.chunks.filter(
      (chunk) => chunk.elements.length === 1 && chunk.elements[0] === "chancery-clocks",
    );
    site.page(
      "/tampered",
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>${manifest.snippet}</head>
      <body><chancery-clocks><p id="fallback">Clocks: Moscow, London</p></chancery-clocks>
      <chancery-today></chancery-today></body></html>`,
      strictCsp(workerOrigin),
    );
    const { page, scripts, errors, warnings } = await open("/tampered", (page) =>
      page.route(tampered.url, async (route) => {
        const response = await route.fetch();
        const body = await response.body();
        // A space where the code's last byte was: it still parses, but is no longer what was vouched for.
        body[body.length - 1] = 0x20;
        await route.fulfill({ response, body });
      }),
    );
    await page.locator("chancery-today [part~='date']").waitFor();
    await expect
      .poll(() => warnings.some((text) => text.startsWith("chancery-clocks could not load")))
      .toBe(true);
    expect(scripts).toContain(tampered.url);
    expect(await defined(page, "chancery-clocks")).toBe(false);
    expect(await page.locator("#fallback").textContent()).toBe("Clocks: Moscow, London");
    expect(errors).toEqual([]);
  });

  it("recovers when a browser runs a cached /widget.js of the last release, whose chunks a deploy replaced", async () => {
    const [current] = chunksOf("chancery-clocks").filter((url) => /\/clocks-/.test(url));
    const gone = current.replace(/-[A-Z0-9]{8}\.js$/, "-AAAAAAAA.js");
    site.page(
      "/stale",
      partnerPage(workerOrigin, "<chancery-clocks></chancery-clocks>"),
      strictCsp(workerOrigin),
    );
    const fileOf = (url: string) => new URL(url).pathname.split("/").pop() ?? "";
    const { page, scripts, errors } = await open("/stale", (page) =>
      page.route(`${workerOrigin}/widget.js`, async (route) => {
        const response = await route.fetch();
        const lastRelease = (await response.text()).replaceAll(fileOf(current), fileOf(gone));
        await route.fulfill({ response, body: lastRelease });
      }),
    );
    await expect.poll(() => defined(page, "chancery-clocks")).toBe(true);
    expect(scripts).toContain(gone);
    expect(scripts.some((url) => /\/widget\.js\?\d+$/.test(url))).toBe(true);
    expect(errors).toEqual([]);
  });
});
