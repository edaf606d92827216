import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateTime } from "../../widget/time";
import { seriousViolations } from "../support/axe";
import { editorStage, signIntoConsole } from "../support/editor-stage";
import { publish, withdraw } from "../support/publishing";
import { partnerPage, type Site, startThirdPartySite, strictCsp } from "../support/third-party";

const stage = editorStage("Duty consul");
let partner: Site;

beforeAll(async () => {
  partner = await startThirdPartySite();
});

afterAll(() => partner?.close());

const publisher = () => ({ origin: stage.reference.origin, token: stage.token });

/** Issues an alert through the API, as the duty consul would; its id. */
const issue = (slug: string, fields: Record<string, unknown>) =>
  publish(publisher(), {
    slug,
    kind: "alert",
    lead: "Stay indoors and follow the local authorities' instructions.",
    without_approval: "An alert goes out at once; the ambassador was told by phone.",
    published_at: new Date(Date.now() - 60_000).toISOString(),
    ...fields,
  });

describe("citizen alerts", () => {
  it("puts an emergency at the top of the site's pages, readable in light and dark, until it is withdrawn", async () => {
    const id = await issue("earthquake", {
      level: "emergency",
      title: "Earthquake: stay away from the old town",
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const site = (await (await fetch(`${stage.reference.origin}/api/v1/site`)).json()) as {
      time_zone: string;
    };
    const context = await stage.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${stage.reference.origin}/en/`);

    const alert = page.getByRole("alert");
    await expect.poll(() => alert.count()).toBe(1);
    // The element has taken over from the server's copy, and says the same.
    await page.waitForFunction(() =>
      document.querySelector("chancery-alert")?.shadowRoot?.querySelector("section"),
    );
    expect(await alert.getByRole("link").textContent()).toBe("Earthquake: stay away from the old town");
    const window = await alert.locator('[part~="window"]').textContent();
    const published = await alert.locator("time").first().getAttribute("datetime");
    expect(window?.replace(/\s+/g, " ").trim()).toMatch(
      new RegExp(`^Issued ${dateTime(Date.parse(published ?? ""), site.time_zone)} · until `),
    );
    // Above the masthead: nothing on the page comes before it but the skip link.
    const top = await alert.boundingBox();
    const masthead = await page.locator(".masthead").boundingBox();
    expect(top && masthead && top.y + top.height <= masthead.y + 1).toBe(true);
    const fill = () => alert.evaluate((section) => getComputedStyle(section).backgroundColor);
    expect(await fill()).toBe("rgb(179, 38, 30)");
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await fill()).toBe("rgb(255, 180, 171)");
    expect(await seriousViolations(page)).toEqual([]);

    await alert.getByRole("link").click();
    await page.waitForURL(`${stage.reference.origin}/publications/earthquake`);
    await expect.poll(() => page.getByRole("alert").count()).toBe(1);

    await withdraw(publisher(), id, "The danger has passed.");
    await page.goto(`${stage.reference.origin}/en/publications`);
    await page.waitForFunction(() => document.querySelector("chancery-alert")?.hidden === true);
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("offers an alert's level in the console's editor, and names it when an alert lacks one", async () => {
    const { page, errors } = await signIntoConsole(stage.browser, stage.reference, stage.token);
    await page.getByRole("link", { name: "New publication" }).click();
    await page.getByLabel("Title").fill("Heavy snow on the pass");
    expect(await page.getByLabel("Level").count()).toBe(0);
    await page.getByLabel("Kind").selectOption("alert");
    const level = page.getByLabel("Level");
    expect(await level.locator("option").allTextContents()).toEqual([
      "Choose…",
      "emergency",
      "security",
      "routine",
    ]);
    await page.getByRole("button", { name: "Save as draft" }).click();
    // Each field says what it lacks beside it, tied to it for a screen reader.
    const said = (field: string) => page.locator(`#field-${field}-error`).textContent();
    await expect.poll(() => said("level")).toMatch(/^Level: is required for an alert/);
    expect(await said("expires_at")).toMatch(/^Expires: is required for an alert/);
    expect(await level.getAttribute("aria-invalid")).toBe("true");
    expect(await level.getAttribute("aria-describedby")).toContain("field-level-error");

    await level.selectOption("routine");
    await page.getByLabel("Expires").fill("2099-01-31T17:00");
    await page.getByRole("button", { name: "Save as draft" }).click();
    await page.getByRole("heading", { name: "Edit “Heavy snow on the pass”" }).waitFor();
    expect(await page.getByLabel("Level").inputValue()).toBe("routine");
    // The browser logs the refused save itself; nothing else went wrong.
    expect(errors.filter((error) => !/status of 422/.test(error))).toEqual([]);
    await page.context().close();
  });

  it("shows <chancery-alert> on a partner's page and takes each alert off at its end", async () => {
    const now = Date.now();
    await issue("ferries", {
      level: "routine",
      title: "Ferries suspended",
      expires_at: new Date(now + 120_000).toISOString(),
    });
    await issue("protest", {
      level: "security",
      title: "Protest in the main square",
      expires_at: new Date(now + 300_000).toISOString(),
    });
    const origin = stage.reference.origin;
    partner.page(
      "/alerts",
      partnerPage(origin, '<chancery-alert lang="en"></chancery-alert><p>Partner text</p>'),
      strictCsp(origin),
    );
    const context = await stage.browser.newContext({ timezoneId: "America/Los_Angeles", locale: "en-US" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    await page.clock.install({ time: now });
    await page.goto(`${partner.origin}/alerts`);

    const regions = page.locator("chancery-alert").getByRole("region");
    await expect
      .poll(() => regions.evaluateAll((found) => found.map((region) => region.getAttribute("aria-label"))))
      .toEqual(["Security alert: Protest in the main square", "Notice: Ferries suspended"]);
    expect(await regions.first().getByRole("link").getAttribute("href")).toBe(
      `${origin}/publications/protest`,
    );
    expect(await seriousViolations(page)).toEqual([]);

    // Past the ferries' end: the shared timer takes it off, with no request for it.
    await page.clock.runFor(121_000);
    await expect
      .poll(() => regions.evaluateAll((found) => found.map((region) => region.getAttribute("aria-label"))))
      .toEqual(["Security alert: Protest in the main square"]);
    // Past the last one's end: the element hides, and the partner's text moves up.
    await page.clock.runFor(180_000);
    await page.waitForFunction(() => document.querySelector("chancery-alert")?.hidden === true);
    expect(await page.locator("chancery-alert").isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
