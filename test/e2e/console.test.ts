import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium";
import { signIntoConsole } from "../support/editor-stage";
import { type ReferenceWorker, startReferenceWorker } from "../support/reference-worker";
import { type Site, startThirdPartySite } from "../support/third-party";
import { issueToken } from "../support/tokens";
import { projectRoot } from "../support/worker";

const ARTIFACTS = join(projectRoot, "test", "artifacts");
/** A 1×1 PNG: enough for the upload's magic-byte check and for a browser to draw. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const TITLE = "Ambassador opens the autumn lecture series";

let reference: ReferenceWorker;
let browser: Browser;
let partner: Site;
let editorToken: string;
let guestToken: string;
let adminToken: string;

beforeAll(async () => {
  reference = await startReferenceWorker();
  editorToken = await issueToken(reference.worker.db, "ana", ["publish"]);
  guestToken = await issueToken(reference.worker.db, "guest", ["publish"], "contributor");
  adminToken = await issueToken(reference.worker.db, "admin", ["admin"]);
  partner = await startThirdPartySite();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([partner?.close(), reference?.stop()]);
});

const signIn = (token: string, width?: number) => signIntoConsole(browser, reference, token, width);

async function api(path: string, init: RequestInit = {}) {
  const response = await fetch(`${reference.origin}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${editorToken}`, "Content-Type": "application/json", ...init.headers },
  });
  return { response, json: (await response.json()) as Record<string, any> };
}

describe("the editors' console in Chromium", () => {
  let id: number;

  it("publishes a Markdown piece with an uploaded image, seen on the home page, a partner's widget and the feed", async () => {
    const { page, errors } = await signIn(editorToken);
    await page.getByRole("link", { name: "New publication" }).click();
    await page.getByLabel("Title").fill(TITLE);
    await page.getByLabel("Kind").selectOption("speech");
    await page.getByLabel("Lead").fill("The series brings Valdorian historians to London this autumn.");
    await page
      .getByLabel("Body", { exact: true })
      .fill("Good evening.\n\nThe **first lecture** is on Monday.");
    await page
      .getByLabel("Insert an image")
      .setInputFiles({ name: "lecture-hall.png", mimeType: "image/png", buffer: PNG });
    await page.getByText(/Image uploaded and inserted/).waitFor();
    // The preview is the sanitized result, image included.
    await page.locator(".preview img[alt='lecture hall']").waitFor();
    expect(await page.locator(".preview strong").textContent()).toBe("first lecture");
    await page.getByRole("button", { name: "Publish" }).click();
    // No second reader approved it: the publisher says why it goes out all the same.
    await page
      .getByLabel("Why this goes out without a second reader's approval")
      .fill("The ambassador's own words, cleared by the embassy.");
    await page.getByRole("button", { name: "Publish without approval" }).click();
    await page.getByText("Saved as version 1: published.").waitFor();
    id = Number(/#\/publications\/(\d+)/.exec(page.url())?.[1]);
    expect(id).toBeGreaterThan(0);
    expect(errors).toEqual([]);

    const home = await browser.newPage();
    await home.goto(`${reference.origin}/`);
    expect(await home.locator(".featured article h3").textContent()).toBe(TITLE);
    expect(await home.locator(".featured .body img").getAttribute("src")).toMatch(/\/media\/[\w-]+\.png$/);

    partner.page(
      "/",
      `<!doctype html><meta charset="utf-8"><script type="module" src="${reference.origin}/widget.js"></script><chancery-events limit="3"></chancery-events>`,
    );
    const widget = await browser.newPage();
    await widget.goto(partner.origin);
    await expect
      .poll(() => widget.locator("chancery-events [part~='title']").first().textContent())
      .toBe(TITLE);

    const feed = (await (await fetch(`${reference.origin}/feed.json`)).json()) as {
      items: { title: string; content_html: string }[];
    };
    expect(feed.items[0].title).toBe(TITLE);
    // A feed reader is away from the site: there the image's address is absolute.
    const image = parseHTML(feed.items[0].content_html).document.querySelector("img")?.getAttribute("src");
    expect(image).toMatch(new RegExp(`^${reference.origin}/media/[\\w-]+\\.png$`));
  });

  it("shows both versions on a conflict and keeps the editor's choice", async () => {
    const { page } = await signIn(editorToken);
    await page.goto(`${reference.origin}/admin#/publications/${id}`);
    // Reopened, it shows the Markdown that was typed, not the HTML made from it.
    await expect
      .poll(() => page.getByLabel("Body", { exact: true }).inputValue())
      .toContain("The **first lecture** is on Monday.");
    expect(await page.getByLabel("Markdown").isChecked()).toBe(true);
    await page.getByLabel("Lead").fill("A lead written in the console.");
    // Meanwhile a colleague saves through the API.
    const other = await api(`/api/v1/publications/by-id/${id}`, {
      method: "PATCH",
      headers: { "If-Match": '"v1"' },
      body: JSON.stringify({ title: "A title from a colleague" }),
    });
    expect(other.response.status).toBe(200);

    await page.getByRole("button", { name: "Publish" }).click();
    const conflict = page.locator(".conflict");
    await conflict.waitFor();
    expect(await conflict.getByRole("heading", { name: "Saved version 2", exact: true }).count()).toBe(1);
    expect(await conflict.locator(".side-by-side").textContent()).toContain("A title from a colleague");
    expect(await conflict.locator(".side-by-side").textContent()).toContain("A lead written in the console.");
    expect(await conflict.locator(".diff ins").allTextContents()).toContain("A lead written in the console.");
    await conflict.getByRole("button", { name: /Keep mine/ }).click();
    await page.getByText("Saved as version 3: published.").waitFor();

    const { json } = await api(`/api/v1/publications/by-id/${id}`);
    expect(json).toMatchObject({ version: 3, title: TITLE, lead: "A lead written in the console." });
    // The colleague's version is not lost: it is a revision anyone can restore.
    await page.getByRole("heading", { name: "Revisions" }).waitFor();
    expect(await page.locator("section[aria-labelledby=revisions-title] tbody tr").count()).toBe(3);
  });

  it("compares two versions when the comparison opens or they change, not on each keystroke", async () => {
    const { page, errors } = await signIn(editorToken);
    await page.goto(`${reference.origin}/admin#/publications/${id}`);
    const compare = (version: number) =>
      page
        .getByRole("row")
        .filter({ has: page.getByRole("cell", { name: String(version), exact: true }) })
        .getByRole("button", { name: "Compare" })
        .click();
    // The console names each comparison it makes in the page's performance timeline.
    const comparisons = () =>
      page.evaluate(() => performance.getEntriesByName("console: compare versions", "measure").length);
    const changes = page.locator(".compared .diff");

    await compare(2);
    await changes.waitFor();
    expect(await changes.locator("del").allTextContents()).toContain("A title from a colleague");
    expect(await comparisons()).toBe(1);

    await page.getByLabel("Lead").pressSequentially(" Typed while comparing.");
    // Every keystroke has been drawn.
    await page
      .locator("console-publication-editor")
      .evaluate((editor) => (editor as unknown as { updateComplete: Promise<boolean> }).updateComplete);
    expect(await page.getByLabel("Lead").inputValue()).toBe(
      "A lead written in the console. Typed while comparing.",
    );
    expect(await comparisons()).toBe(1);

    await compare(1);
    await expect.poll(comparisons).toBe(2);
    expect(await page.locator(".compared h3").first().textContent()).toBe("Version 1");
    expect(errors).toEqual([]);

    // On a conflict, "Your text" follows the form once typing pauses.
    const other = await api(`/api/v1/publications/by-id/${id}`, {
      method: "PATCH",
      headers: { "If-Match": '"v3"' },
      body: JSON.stringify({ lead: "A lead from a colleague." }),
    });
    expect(other.response.status).toBe(200);
    await page.getByRole("button", { name: "Publish" }).click();
    const conflict = page.locator(".conflict");
    await conflict.waitFor();
    await page.getByLabel("Lead").pressSequentially(" And more.");
    await expect
      .poll(async () => (await conflict.locator(".diff ins").allTextContents()).join(""))
      .toContain("Typed while comparing. And more.");
  });

  it("searches every status by full text, best match first, as the editor types", async () => {
    await api("/api/v1/publications", {
      method: "POST",
      body: JSON.stringify({ title: "Draft about lectures", kind: "news", lang: "en", body: "Not yet." }),
    });
    const { page } = await signIn(editorToken);
    await page.getByLabel("Search").fill("lectur");
    const rows = () =>
      page
        .locator("table.publications tbody tr")
        .evaluateAll((trs) =>
          trs.map((tr) => [tr.querySelector("a")?.textContent, tr.querySelector(".status")?.textContent]),
        );
    // Both titles match; a draft is found as well as the published piece.
    await expect
      .poll(async () => (await rows()).sort())
      .toEqual([
        [TITLE, "published"],
        ["Draft about lectures", "draft"],
      ]);
    expect(await page.locator("table.publications mark").first().textContent()).toMatch(/^lectur/i);
  });

  it("tells a contributor, clearly and before the click, that they may not publish", async () => {
    const { page } = await signIn(guestToken, 390);
    await page.getByRole("link", { name: "New publication" }).click();
    await page.getByLabel("Title").fill("Not allowed");
    const publish = page.getByRole("button", { name: "Publish" });
    expect(await publish.isDisabled()).toBe(true);
    await page.getByText("Publishing is for a publisher or above; you are a contributor.").waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "console-refusal-390.png"), fullPage: true });
  });

  it("previews counters and clocks as they are typed, and names a bad field beside it", async () => {
    const { page } = await signIn(adminToken);
    await page.goto(`${reference.origin}/admin#/counters`);
    await page.getByLabel("Slug").fill("lectures");
    await page.getByLabel("Counting from").fill("2020-10-01");
    // English tells one day from others: a field for each, labelled with the counts that take it.
    await page.getByLabel("one (1)").fill("{days} day of lectures");
    await page.getByLabel("other (0, 2, 3…)").fill("{days} days of lectures");
    // The preview follows the typing: it names today's date in the site's zone once it has one.
    const english = page.getByRole("group", { name: "English (en), required" });
    const dateShown = () => english.locator(".preview strong").textContent();
    await expect.poll(dateShown).toMatch(/\d{4}-\d{2}-\d{2}/);
    const today = (await dateShown())?.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? "";
    // Written as English writes numbers: "2,253".
    const days = Math.round((Date.parse(today) - Date.parse("2020-10-01")) / 86_400_000).toLocaleString("en");
    await expect.poll(() => english.locator(".preview").textContent()).toContain(`${days} days of lectures`);
    expect(await english.locator(".preview li").allTextContents()).toEqual([
      "1: 1 day of lectures",
      "2: 2 days of lectures",
      "5: 5 days of lectures",
      "21: 21 days of lectures",
      "111: 111 days of lectures",
    ]);
    await page.getByRole("button", { name: "Add counter" }).click();
    await page.getByText("Saved “lectures”.").waitFor();
    // The list is read again after the save, and may arrive a moment after its message.
    await expect
      .poll(() => page.locator(".counters li p:first-child").allTextContents())
      .toContain(`${days} days of lectures`);

    await page.goto(`${reference.origin}/admin#/site`);
    await page.getByLabel("Clock 1 zone").selectOption("Asia/Tokyo");
    const tokyo = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Tokyo",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    await expect
      .poll(() => page.locator(".clock output").first().textContent())
      .toBe(tokyo.format(Date.now()));
    await page.getByLabel("Date format").fill("DD/MM/YYYY hh");
    await page.getByRole("button", { name: "Save settings" }).click();
    const error = page.locator("#field-date_format-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("must be made of DD, D, MM, M, YYYY, YY and separators");
    expect(await page.getByLabel("Date format").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Date format").getAttribute("aria-describedby")).toContain(
      "field-date_format-error",
    );
  });

  it("uploads dropped media and hands back the Markdown, or says why not", async () => {
    const { page, errors } = await signIn(editorToken);
    await page.goto(`${reference.origin}/admin#/media`);
    // Dropped, as from the desktop: a real drop event carrying the files.
    const files = await page.evaluateHandle(
      ([png]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(png)], "flag.png", { type: "image/png" }));
        transfer.items.add(new File(["not an image"], "notes.txt", { type: "text/plain" }));
        return transfer;
      },
      [[...PNG]],
    );
    await page.dispatchEvent(".drop", "dragover", { dataTransfer: files });
    expect(await page.locator(".drop.over").count()).toBe(1);
    await page.dispatchEvent(".drop", "drop", { dataTransfer: files });
    const markdown = page.getByLabel("Markdown for flag.png");
    await markdown.waitFor();
    // The site's own path, so the body is right wherever the site is served.
    expect(await markdown.inputValue()).toMatch(/^!\[flag\]\(\/media\/[\w-]+\.png\)$/);
    await page.locator(".uploads .problem").waitFor();
    expect(await page.locator(".uploads .problem").textContent()).toMatch(/415|type|PNG/i);
    expect(errors.filter((error) => !error.includes("415"))).toEqual([]);
  });

  it("signs out on the server: the old cookie opens nothing", async () => {
    const { page } = await signIn(editorToken);
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({
      name: "__Host-chancery-session",
      httpOnly: true,
      secure: true,
      sameSite: "Strict",
    });
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in with a passkey" }).waitFor();
    const replay = await fetch(`${reference.origin}/api/v1/publications?status=draft`, {
      headers: { Cookie: `${cookie.name}=${cookie.value}` },
    });
    expect(replay.status).toBe(401);
  });

  it("reads well on a phone and has no serious accessibility violation", async () => {
    const axe = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
    for (const width of [390, 1280]) {
      const { page } = await signIn(editorToken, width);
      for (const hash of ["#/publications", `#/publications/${id}`, "#/media", "#/counters", "#/site"]) {
        await page.goto(`${reference.origin}/admin${hash}`);
        await page.locator("main h1").waitFor();
        // The editor's widest part, the revisions table, arrives after the form.
        if (hash.startsWith("#/publications/"))
          await page.getByRole("heading", { name: "Revisions" }).waitFor();
        await page.waitForLoadState("networkidle");
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${hash} at ${width}`).toBeLessThanOrEqual(0);
        await page.evaluate(axe);
        const violations = await page.evaluate(async () => {
          const { violations } = await (
            window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }
          ).axe.run();
          return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
        });
        expect(violations, `${hash} at ${width}`).toEqual([]);
      }
      await page.goto(`${reference.origin}/admin#/publications/${id}`);
      await page.locator(".preview img").waitFor();
      await page.screenshot({ path: join(ARTIFACTS, `console-editor-${width}.png`), fullPage: true });
    }
  });
});
