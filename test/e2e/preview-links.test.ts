import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../support/axe";
import { editorStage, signIntoConsole } from "../support/editor-stage";

const TITLE = "Consular hours change in the new year";

const stage = editorStage("Press office");
const signIn = (width?: number) => signIntoConsole(stage.browser, stage.reference, stage.token, width);

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("preview links in Chromium", () => {
  it("are made in the console and open a draft, marked as such, in a browser with no session", async () => {
    const { page, errors } = await signIn();
    await page.getByRole("link", { name: "New publication" }).click();
    await page.getByLabel("Title").fill(TITLE);
    await page.getByLabel("Lead").fill("From January the consular section opens at nine.");
    await page.getByLabel("Body", { exact: true }).fill("The section opens at **nine** from 6 January.");
    await page.getByRole("button", { name: "Save as draft" }).click();
    await page.getByText("Saved as version 1: draft.").waitFor();

    const links = page.getByRole("region", { name: "Preview links" });
    await links.getByText("No live preview links.").waitFor();
    await links.getByLabel("Works for (hours)").fill("24");
    await links.getByRole("button", { name: "Make a preview link" }).click();
    const made = links.getByLabel(/^New preview link/);
    await made.waitFor();
    const url = await made.inputValue();
    expect(new URL(url).origin).toBe(stage.reference.origin);
    expect(await links.locator("tbody tr").count()).toBe(1);
    expect(errors).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    const phone = (await signIn(390)).page;
    await phone.goto(page.url());
    await phone.getByRole("region", { name: "Preview links" }).locator("tbody tr").waitFor();
    expect(await overflow(phone)).toBeLessThanOrEqual(0);

    // Someone the link was sent to: another profile, no cookie, no token.
    const stranger = await stage.browser.newContext();
    expect(await stranger.cookies()).toEqual([]);
    const preview = await stranger.newPage();
    const response = await preview.goto(url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["cache-control"]).toBe("private, no-store");
    expect(await preview.evaluate(() => document.compatMode)).toBe("CSS1Compat");
    expect(await preview.getByRole("note").textContent()).toContain("Preview, not published.");
    expect(await preview.getByRole("heading", { level: 1 }).textContent()).toBe(TITLE);
    expect(await preview.locator(".body strong").textContent()).toBe("nine");
    expect(await preview.locator('meta[name="robots"]').getAttribute("content")).toBe("noindex");
    expect(await seriousViolations(preview)).toEqual([]);

    await links.getByRole("button", { name: "Revoke" }).click();
    await links.getByText("No live preview links.").waitFor();
    expect((await preview.reload())?.status()).toBe(404);
    expect(await preview.getByRole("note").count()).toBe(0);
    await stranger.close();
  });
});
