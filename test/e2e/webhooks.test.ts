import { describe, expect, it } from "vitest";
import { seriousViolations } from "../support/axe";
import { editorStage, signIntoConsole } from "../support/editor-stage";
import { issueToken } from "../support/tokens";

const stage = editorStage("Webhooks");
/** A documentation address (TEST-NET-1): public in form, and nothing answers there, at once. */
const URL_ = "https://192.0.2.1/hooks/chancery";

describe("the console's webhooks page in Chromium", () => {
  it("adds a webhook, shows its secret once, sends a test, logs it and disables the webhook", async () => {
    const admin = await issueToken(stage.reference.worker.db, "webhook admin", ["admin"]);
    const { page, errors } = await signIntoConsole(stage.browser, stage.reference, admin);
    await page.getByRole("link", { name: "Webhooks" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Webhooks");

    // Refused first, with the reason beside the field: a private address.
    await page.getByLabel("URL").fill("https://10.0.0.7/hooks");
    await page.getByRole("checkbox", { name: "publication.published" }).check();
    await page.getByRole("button", { name: "Add the webhook" }).click();
    await expect.poll(() => page.locator(".field-error").first().textContent()).toContain("private");

    await page.getByLabel("URL").fill(URL_);
    await page.getByLabel("Description").fill("The partner's news desk");
    await page.getByRole("button", { name: "Add the webhook" }).click();
    const secret = page.getByLabel(`Signing secret for ${URL_}`);
    await expect.poll(() => secret.inputValue()).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const row = page.getByRole("row").filter({ hasText: URL_ });
    await expect.poll(() => row.textContent()).toContain("Enabled");
    expect(await row.textContent()).toContain("publication.published");

    // Shown once: a fresh load of the page has no secret anywhere.
    await page.reload();
    await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();
    await row.waitFor();
    expect(await page.locator("body").textContent()).not.toContain("whsec_");

    // Nothing answers at the address, so the test's delivery fails and is logged as such.
    await page.getByRole("button", { name: `Send test to ${URL_}` }).click();
    const log = page.getByRole("region", { name: `Deliveries to ${URL_}` });
    await expect
      .poll(
        async () => {
          await log.getByRole("button", { name: "Refresh" }).click();
          return log.getByRole("row").filter({ hasText: "webhook.test" }).count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    expect(await log.getByRole("row").filter({ hasText: "webhook.test" }).textContent()).toContain("Failed");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: `Disable ${URL_}` }).click();
    await expect.poll(() => row.textContent()).toContain("Disabled");
    expect(await page.getByRole("button", { name: `Send test to ${URL_}` }).isDisabled()).toBe(true);
    expect(errors.filter((error) => !/Failed to load resource/.test(error))).toEqual([]);
  });
});
