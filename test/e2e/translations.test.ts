import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "../support/axe";
import { editorStage, signIntoConsole } from "../support/editor-stage";
import { projectRoot } from "../support/worker";

const ARTIFACTS = join(projectRoot, "test", "artifacts");
const TITLE = "The consular section moves to the second floor";
const LEAD = "Visitors enter from Kensington Road.";
const RUSSIAN = "Консульский отдел переезжает на второй этаж";

const stage = editorStage("Tatiana Translator");
let sourceId = 0;
let translationId = 0;

async function api(path: string, init: RequestInit = {}) {
  const response = await fetch(`${stage.reference.origin}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${stage.token}`, "Content-Type": "application/json", ...init.headers },
  });
  return { response, json: (await response.json()) as Record<string, any> };
}

/** Where an element is drawn. */
const boxOf = async (page: Page, selector: string) => {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not drawn`);
  return box;
};

beforeAll(async () => {
  await stage.reference.worker.db.prepare(`UPDATE site SET languages = '["en","ru"]' WHERE id = 1`).run();
  const made = await api("/api/v1/publications", {
    method: "POST",
    body: JSON.stringify({
      kind: "news",
      lang: "en",
      title: TITLE,
      lead: LEAD,
      body: "From **Monday** the consular section receives visitors on the second floor.",
      body_format: "markdown",
      status: "published",
      published_at: "2020-10-24T12:00:00Z",
      without_approval: "Cleared by the head of chancery",
    }),
  });
  expect(made.response.status).toBe(201);
  sourceId = made.json.id;
});

describe("translating in the console", () => {
  it("makes a Russian draft from a publication and shows the source beside it", async () => {
    const { page, errors } = await signIntoConsole(stage.browser, stage.reference, stage.token, 1280);
    await page.goto(`${stage.reference.origin}/admin#/publications/${sourceId}`);
    await page.getByRole("heading", { name: `Edit “${TITLE}”`, level: 1 }).waitFor();
    await page.getByRole("button", { name: "Translate into Russian" }).click();

    await page.waitForURL(
      (url) => /#\/publications\/\d+$/.test(url.hash) && !url.hash.endsWith(`/${sourceId}`),
    );
    translationId = Number(new URL(page.url()).hash.split("/").at(-1));
    const pane = page.getByRole("complementary", { name: "Source: English (en)" });
    await pane.waitFor();
    expect(await pane.locator(".source-title").textContent()).toBe(TITLE);
    expect(await pane.locator(".source-lead").textContent()).toBe(LEAD);
    expect(await pane.locator(".source-body strong").textContent()).toBe("Monday");
    expect(await page.getByRole("textbox", { name: "Language" }).inputValue()).toBe("ru");
    // At 1280 px the source and the translation's fields stand side by side.
    const source = await boxOf(page, ".source-pane");
    const fields = await boxOf(page, "form.publication .fields");
    expect(source.x + source.width).toBeLessThanOrEqual(fields.x);
    expect(Math.abs(source.y - fields.y)).toBeLessThan(40);

    await page.getByLabel("Title").fill(RUSSIAN);
    await page.getByLabel("Lead").fill("Посетители входят с Кенсингтон-роуд.");
    await page.getByRole("button", { name: "Save as draft" }).click();
    await page.getByRole("status").filter({ hasText: "Saved as version 2: draft." }).waitFor();
    await page.getByRole("heading", { name: `Edit “${RUSSIAN}”`, level: 1 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, "console-translation-1280.png"), fullPage: true });

    const saved = await api(`/api/v1/publications/by-id/${translationId}`);
    expect(saved.json).toMatchObject({ lang: "ru", status: "draft", title: RUSSIAN });
    expect(errors).toEqual([]);
  });

  it("stacks the source above the translation at 390 px", async () => {
    const { page, errors } = await signIntoConsole(stage.browser, stage.reference, stage.token, 390);
    await page.goto(`${stage.reference.origin}/admin#/publications/${translationId}`);
    await page.locator(".source-pane .source-title").waitFor();
    const source = await boxOf(page, ".source-pane");
    const fields = await boxOf(page, "form.publication .fields");
    expect(source.y + source.height).toBeLessThanOrEqual(fields.y);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, "console-translation-390.png"), fullPage: true });
    expect(errors).toEqual([]);
  });

  it("lists what is missing and what is out of date, and shows what changed in the source", async () => {
    const current = await api(`/api/v1/publications/by-id/${sourceId}`);
    const changed = await api(`/api/v1/publications/by-id/${sourceId}`, {
      method: "PATCH",
      headers: { "If-Match": current.response.headers.get("ETag") ?? "" },
      body: JSON.stringify({ lead: "Visitors enter from Kensington Road, by the side gate.", minor: true }),
    });
    expect(changed.response.status).toBe(200);

    for (const width of [1280, 390]) {
      const { page, errors } = await signIntoConsole(stage.browser, stage.reference, stage.token, width);
      await page
        .getByRole("navigation", { name: "Console" })
        .getByRole("link", { name: "Translations" })
        .click();
      await page.getByRole("heading", { name: "Translations", level: 1 }).waitFor();

      const missing = page.getByRole("region", { name: "Not yet in Russian (ru)" });
      await missing.getByRole("listitem").first().waitFor();
      const lacking = await missing.getByRole("listitem").allTextContents();
      // The seeded texts are in English only; the one translated is not listed.
      expect(lacking.length).toBeGreaterThan(0);
      expect(lacking.some((item) => item.includes(TITLE))).toBe(false);
      await expect
        .poll(() => missing.getByRole("button", { name: /^Translate “.+” into Russian \(ru\)$/ }).count())
        .toBe(lacking.length);

      const outdated = page.getByRole("region", { name: "Out of date" });
      expect(await outdated.getByRole("link").allTextContents()).toEqual([RUSSIAN]);
      expect(await seriousViolations(page)).toEqual([]);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(ARTIFACTS, `console-translations-${width}.png`), fullPage: true });

      if (width === 1280) {
        await outdated.getByRole("link", { name: RUSSIAN }).click();
        const notice = page.locator(".source-pane .outdated");
        await notice.waitFor();
        expect(await notice.textContent()).toContain(
          "The source changed since this translation was last saved",
        );
        expect((await notice.locator(".diff ins").allTextContents()).join("")).toContain("by the side gate.");
      }
      expect(errors).toEqual([]);
    }
  });
});
