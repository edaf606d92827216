import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import jsonFeedSchema from "jsonfeed-schema/schema-v1.1.json";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium";
import { type ReferenceWorker, startReferenceWorker } from "../support/reference-worker";
import { projectRoot } from "../support/worker";

const ARTIFACTS = join(projectRoot, "test", "artifacts");
const WIDTHS = [390, 1280];

let reference: ReferenceWorker;
let browser: Browser;

beforeAll(async () => {
  reference = await startReferenceWorker();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await reference?.stop();
});

interface Visit {
  page: Page;
  /** Every request the page made to the API. */
  apiRequests: string[];
  errors: string[];
}

/**
 * Opens a page of the site at `width`, with the browser's clock set to the
 * instant the server rendered it, so both draw the same minute.
 */
async function visit(
  path: string,
  options: { width?: number; javaScript?: boolean; colorScheme?: "light" | "dark" } = {},
): Promise<Visit> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    javaScriptEnabled: options.javaScript ?? true,
    colorScheme: options.colorScheme ?? "light",
    timezoneId: "America/Los_Angeles",
  });
  const page = await context.newPage();
  const apiRequests: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/api/")) apiRequests.push(request.url());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.addInitScript(() => {
    const shifts: number[] = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[])
        shifts.push(entry.value);
    }).observe({ type: "layout-shift", buffered: true });
    Object.defineProperty(window, "__shifts", { value: shifts });
  });
  const rendered = await fetch(`${reference.origin}${path}`).then((response) => response.text());
  const instant = /<time part="time" datetime="([^"]+)"/.exec(rendered)?.[1];
  if (instant && options.javaScript !== false) await page.clock.install({ time: new Date(instant) });
  await page.goto(`${reference.origin}${path}`);
  return { page, apiRequests, errors };
}

/** Every animation running on the page, inside the elements' shadow trees too. */
function runningAnimations(page: Page): Promise<number> {
  return page.evaluate(() => {
    const roots = [...document.querySelectorAll("*")].flatMap((element) =>
      element.shadowRoot ? [element.shadowRoot] : [],
    );
    return [document, ...roots].flatMap((root) => root.getAnimations()).length;
  });
}

/** Waits until every chancery element on the page has drawn its own content. */
async function takenOver(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [
      ...document.querySelectorAll("chancery-today, chancery-clocks, chancery-counters, chancery-events"),
    ].every((element) => element.shadowRoot?.querySelector("time, li")),
  );
}

/**
 * What a reader sees, word by word: the text of the page as rendered, shadow
 * trees and slotted content included, hidden elements left out.
 */
function visibleWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const words: string[] = [];
    const rendered = (node: Node): Node[] => {
      if (!(node instanceof Element)) return [...node.childNodes];
      if (
        ["SCRIPT", "STYLE", "TEMPLATE"].includes(node.tagName) ||
        getComputedStyle(node).display === "none"
      ) {
        return [];
      }
      if (!(node instanceof HTMLSlotElement)) return [...(node.shadowRoot ?? node).childNodes];
      const assigned = node.assignedNodes({ flatten: true });
      return assigned.length > 0 ? assigned : [...node.childNodes];
    };
    const walk = (node: Node): void => {
      if (node.nodeType === Node.TEXT_NODE)
        words.push(...(node.textContent ?? "").split(/\s+/).filter(Boolean));
      else rendered(node).forEach(walk);
    };
    walk(document.body);
    return words;
  });
}

describe("the site in Chromium", () => {
  /**
   * Waits out the last seconds of a minute: the page's clocks show the minute
   * it was rendered in, and a minute turning between the server's copy and the
   * widget's draw is a real change of text (and, by kerning, of width), not
   * the takeover this test is about.
   */
  async function clearOfMinuteTurn(): Promise<void> {
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
  }

  it("draws the home page on the server; the widget takes over with no request, no shift and the same text", async () => {
    for (const width of WIDTHS) {
      await clearOfMinuteTurn();
      const withoutScript = await visit("/en/", { width, javaScript: false });
      const serverText = await visibleWords(withoutScript.page);
      expect(serverText.join(" ")).toContain("Latest events");

      const live = await visit("/en/", { width });
      await takenOver(live.page);
      // Nothing fades in over the server's copy: the reader sees no flicker.
      expect(await runningAnimations(live.page), `at ${width}`).toBe(0);
      expect(await visibleWords(live.page), `at ${width}`).toEqual(serverText);
      expect(live.apiRequests, `at ${width}`).toEqual([]);
      expect(live.errors, `at ${width}`).toEqual([]);
      const shifts = await live.page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
      expect(shifts, `at ${width}`).toEqual([]);
    }
  });

  it("keeps the clocks live once the widget has taken over", async () => {
    const live = await visit("/en/");
    await takenOver(live.page);
    const drawn = () =>
      live.page.evaluate(
        () =>
          document.querySelector("chancery-clocks")?.shadowRoot?.querySelector("time")?.textContent ?? null,
      );
    const before = await drawn();
    await live.page.clock.runFor(60_000);
    const after = await drawn();
    const minutes = (time: string | null) => {
      const [hours, minute] = (time ?? "").split(":").map(Number);
      return hours * 60 + minute;
    };
    expect((minutes(after) - minutes(before) + 1440) % 1440).toBe(1);
  });

  it("reads well from a phone to a desktop: screenshots at 390 and 1280 px", async () => {
    const publication = await fetch(`${reference.origin}/api/v1/publications?limit=1`).then((r) => r.json());
    const slug = (publication as { items: { slug: string }[] }).items[0].slug;
    for (const width of WIDTHS) {
      for (const [name, path] of [
        ["home", "/en/"],
        ["publication", `/publications/${slug}`],
      ]) {
        const { page } = await visit(path, { width });
        if (name === "home") await takenOver(page);
        // Nothing wider than the window: no sideways scrolling on a phone.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} at ${width}`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(ARTIFACTS, `site-${name}-${width}.png`), fullPage: true });
      }
    }
  });

  it("has no serious or critical accessibility violation (axe-core), light or dark", async () => {
    const axe = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
    const list = (await fetch(`${reference.origin}/api/v1/publications?limit=1`).then((r) => r.json())) as {
      items: { slug: string; title: string }[];
    };
    const word = list.items[0].title.split(" ").at(-1) ?? "";
    for (const path of [
      "/en/",
      "/en/publications",
      `/publications/${list.items[0].slug}`,
      `/en/search?q=${word}`,
      "/ru/",
    ]) {
      for (const [width, colorScheme] of [
        ...WIDTHS.map((w) => [w, "light"] as const),
        [390, "dark"] as const,
      ]) {
        const { page } = await visit(path, { width, colorScheme });
        if (path === "/en/" && colorScheme === "dark") {
          await page.screenshot({ path: join(ARTIFACTS, `site-home-${width}-dark.png`), fullPage: true });
        }
        // Axe judges what a reader sees once nothing is still fading in.
        await page.waitForFunction(() =>
          [...document.querySelectorAll("*")].every(
            (element) => (element.shadowRoot?.getAnimations().length ?? 0) === 0,
          ),
        );
        await page.evaluate(axe);
        const violations = await page.evaluate(async () => {
          const result = await (
            window as unknown as {
              axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
            }
          ).axe.run();
          return result.violations
            .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
            .map((violation) => `${violation.id} (${violation.nodes.length})`);
        });
        expect(violations, `${path} at ${width}, ${colorScheme}`).toEqual([]);
      }
    }
  });
});

describe("the JSON Feed, as a validator reads it", () => {
  it("passes the JSON Feed 1.1 schema, overall, per kind and in each language", async () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(jsonFeedSchema);
    for (const path of ["/feed.json", "/feed.json?kind=speech", "/ru/feed.json"]) {
      const feed = await fetch(`${reference.origin}${path}`).then((response) => response.json());
      validate(feed);
      expect(validate.errors ?? [], path).toEqual([]);
      expect((feed as { items: unknown[] }).items.length, path).toBeGreaterThan(0);
    }
  });
});
