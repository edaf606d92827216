import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium";
import { signIntoConsole } from "../support/editor-stage";
import { type ReferenceWorker, startReferenceWorker } from "../support/reference-worker";
import { issueToken } from "../support/tokens";

let reference: ReferenceWorker;
let browser: Browser;
let token: string;
let slug: string;

beforeAll(async () => {
  reference = await startReferenceWorker();
  token = await issueToken(reference.worker.db, "ana", ["publish"]);
  const response = await fetch(`${reference.origin}/api/v1/publications?limit=1&fields=slug`);
  slug = ((await response.json()) as { items: { slug: string }[] }).items[0].slug;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await reference?.stop();
});

async function open(path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${reference.origin}${path}`);
  return page;
}

async function signIn(tokenText: string): Promise<Page> {
  return (await signIntoConsole(browser, reference, tokenText)).page;
}

/** What Chromium made of the page: standards mode needs a doctype before anything else. */
async function mode(page: Page): Promise<{ compatMode: string; doctype: string | undefined }> {
  return page.evaluate(() => ({ compatMode: document.compatMode, doctype: document.doctype?.name }));
}

const STANDARDS = { compatMode: "CSS1Compat", doctype: "html" };

/** What the page says of itself to search results and link previews. */
const description = (page: Page) => page.locator('head meta[name="description"]').getAttribute("content");

/** A page in standards mode that describes itself. */
async function expectStandard(page: Page): Promise<void> {
  expect(await mode(page)).toEqual(STANDARDS);
  expect(await description(page)).toMatch(/\p{L}{3}/u);
}

describe("every HTML page renders in standards mode and has a description", () => {
  it.each([
    ["the home page", "/en/"],
    ["the home page in Russian", "/ru/"],
    ["the archive", "/en/publications"],
    ["the search page", "/en/search?q=embassy"],
    ["a page that is not there", "/no-such-page"],
    ["the API reference", "/api/docs"],
    ["the embed page", "/embed"],
    ["the console's sign-in page", "/admin"],
  ])("%s (%s)", async (_, path) => {
    await expectStandard(await open(path));
  });

  it("a publication's page", async () => {
    await expectStandard(await open(`/publications/${slug}`));
  });

  it("the join page with an invitation it does not know", async () => {
    const page = await open(`/admin/join#${"x".repeat(43)}`);
    await page.getByText("This invitation is not known here", { exact: false }).waitFor();
    await expectStandard(page);
  });

  it("the console, signed in", async () => {
    const page = await signIn(token);
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await expectStandard(page);
  });
});
