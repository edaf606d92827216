import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "../support/axe";
import { launchChromium } from "../support/chromium";
import { type ReferenceWorker, startReferenceWorker } from "../support/reference-worker";
import { issueToken } from "../support/tokens";
import { projectRoot } from "../support/worker";

const ARTIFACTS = join(projectRoot, "test", "artifacts");
const WIDTHS = [390, 1280] as const;
const SCHEMES = ["light", "dark"] as const;
const LANGUAGES = ["en", "ru"] as const;
// As long as the sample embassy's: at 390 px it no longer fits beside its label.
const EMAIL = "consular@valdoria-embassy.example";

let reference: ReferenceWorker;
let browser: Browser;

/** An emblem drawn by the browser itself: a ring and a star, as a PNG. */
async function drawEmblem(): Promise<Buffer> {
  const page = await browser.newPage();
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 128;
    const context = canvas.getContext("2d") as CanvasRenderingContext2D;
    context.fillStyle = "#0b4f8a";
    context.beginPath();
    context.arc(64, 64, 60, 0, 2 * Math.PI);
    context.fill();
    context.fillStyle = "#f2c94c";
    context.beginPath();
    for (let point = 0; point < 10; point++) {
      const radius = point % 2 === 0 ? 44 : 18;
      const angle = (point * Math.PI) / 5 - Math.PI / 2;
      context.lineTo(64 + radius * Math.cos(angle), 64 + radius * Math.sin(angle));
    }
    context.fill();
    return canvas.toDataURL("image/png");
  });
  await page.close();
  return Buffer.from(dataUrl.split(",")[1], "base64");
}

beforeAll(async () => {
  reference = await startReferenceWorker();
  browser = await launchChromium();
  const { db } = reference.worker;
  await db
    .prepare("UPDATE site SET languages = ?1, translations = ?2, contacts = ?3 WHERE id = 1")
    .bind(
      JSON.stringify(LANGUAGES),
      JSON.stringify({ ru: { name: "Посольство", clocks: ["Москва", "Лондон"] } }),
      JSON.stringify({
        phone: "+44 20 7946 0000",
        email: EMAIL,
        address: "14 Aldermoor Gardens, London W8 4ZX",
      }),
    )
    .run();
  const token = await issueToken(db, "Look admin", ["site", "publish"]);
  const auth = { Authorization: `Bearer ${token}` };
  const upload = await fetch(`${reference.origin}/api/v1/media`, {
    method: "POST",
    headers: { ...auth, "Content-Type": "image/png" },
    body: new Uint8Array(await drawEmblem()),
  });
  const { key } = (await upload.json()) as { key: string };
  const set = await fetch(`${reference.origin}/api/v1/site/emblem`, {
    method: "PUT",
    headers: { ...auth, "Content-Type": "application/json" },
    body: JSON.stringify({ key }),
  });
  expect(set.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await reference?.stop();
});

/** The home page in `lang`, with its images loaded and the widget's elements drawn. */
async function open(lang: string, width: number, colorScheme: "light" | "dark"): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    colorScheme,
    timezoneId: "Europe/London",
  });
  const page = await context.newPage();
  const response = await page.goto(`${reference.origin}/${lang}/`, { waitUntil: "load" });
  expect(response?.status(), `/${lang}/`).toBe(200);
  await page.waitForFunction(() =>
    [...document.querySelectorAll("chancery-today, chancery-clocks")].every((element) =>
      element.shadowRoot?.querySelector("time, li"),
    ),
  );
  // Axe and the screenshot judge what a reader sees once nothing is still fading in.
  await page.waitForFunction(() =>
    [...document.querySelectorAll("*")].every(
      (element) => (element.shadowRoot?.getAnimations().length ?? 0) === 0,
    ),
  );
  return page;
}

/** How the e-mail link lies on the page: its line boxes, and whether it fits the window. */
function emailLayout(page: Page) {
  return page.evaluate(() => {
    const link = document.querySelector<HTMLAnchorElement>('.contacts a[href^="mailto:"]');
    if (!link) return undefined;
    const boxes = [...link.getClientRects()];
    const tops = new Set(boxes.map((box) => Math.round(box.top)));
    const right = Math.max(...boxes.map((box) => box.right));
    return { lines: tops.size, right, window: document.documentElement.clientWidth };
  });
}

describe("the home page in each language, with the emblem, light and dark", () => {
  for (const lang of LANGUAGES) {
    for (const width of WIDTHS) {
      for (const colorScheme of SCHEMES) {
        it(`/${lang}/ at ${width} px, ${colorScheme}`, { timeout: 60_000 }, async () => {
          const page = await open(lang, width, colorScheme);
          const emblem = await page.evaluate(() => {
            const image = document.querySelector<HTMLImageElement>(".masthead .site-name img");
            const name = document.querySelector<HTMLElement>(".masthead .site-name");
            return image && name
              ? {
                  loaded: image.complete && image.naturalWidth > 0,
                  width: image.getBoundingClientRect().width,
                  // The emblem and the name share a line: the image's middle lies within the name's box.
                  beside:
                    Math.abs(
                      image.getBoundingClientRect().top +
                        image.getBoundingClientRect().height / 2 -
                        (name.getBoundingClientRect().top + name.getBoundingClientRect().height / 2),
                    ) <
                    name.getBoundingClientRect().height / 2,
                }
              : undefined;
          });
          expect(emblem).toMatchObject({ loaded: true, beside: true });
          expect(emblem?.width).toBeGreaterThan(0);
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);

          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow, "no sideways scrolling").toBeLessThanOrEqual(0);

          const email = await emailLayout(page);
          expect(email?.lines, "the address on one line").toBe(1);
          expect(email?.right ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(email?.window ?? 0);

          await page.screenshot({
            path: join(ARTIFACTS, `look-home-${lang}-${width}-${colorScheme}.png`),
            fullPage: true,
          });
          expect(await seriousViolations(page)).toEqual([]);
          await page.context().close();
        });
      }
    }
  }

  it("points the favicon and link previews at the emblem", async () => {
    const page = await open("en", 1280, "light");
    const { icon, preview } = await page.evaluate(() => ({
      icon: document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href,
      preview: document.querySelector('meta[property="og:image"]')?.getAttribute("content"),
    }));
    expect(icon).toMatch(/\/media\/[0-9a-f]{32}\.png$/);
    expect(preview).toBe(icon);
    const favicon = await fetch(`${reference.origin}/favicon.ico`);
    expect(favicon.headers.get("Content-Type")).toBe("image/png");
    await page.context().close();
  });
});
