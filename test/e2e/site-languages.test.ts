import { beforeAll, describe, expect, it } from "vitest";
import { editorStage, signIntoConsole } from "../support/editor-stage";
import { issueToken } from "../support/tokens";

const stage = editorStage("Press office");
let admin: string;

beforeAll(async () => {
  admin = await issueToken(stage.reference.worker.db, "Head of chancery", ["admin"]);
});

describe("the site's languages in the console", () => {
  it("adds Russian, saves its name, and readers get the site in Russian", async () => {
    const { page, errors } = await signIntoConsole(stage.browser, stage.reference, admin);
    await page.goto(`${stage.reference.origin}/admin#/site`);
    const languages = page.getByRole("group", { name: "Languages" });
    await languages.waitFor();

    await page.getByLabel("Add a language").fill("not a tag");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    expect(await page.locator("#field-new-language-error").textContent()).toContain("BCP 47");
    expect(await page.getByLabel("Add a language").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Add a language").fill("ru");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    const items = await languages.getByRole("listitem").allTextContents();
    expect(items.map((item) => item.replace(/\s+/g, " ").trim())).toEqual([
      "English (en) default",
      "Russian (ru) Make Russian (ru) the default Remove Russian (ru)",
    ]);
    const russianName = page.getByLabel("Name in Russian (ru)");
    // Empty, it shows the default language's name, which it falls back to.
    expect(await russianName.getAttribute("placeholder")).toBe(
      await page.getByLabel("Name", { exact: true }).inputValue(),
    );
    await russianName.fill("Посольство Валдории");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Saved.").waitFor();

    const site = await (await fetch(`${stage.reference.origin}/api/v1/site?lang=ru`)).json();
    expect(site).toMatchObject({ lang: "ru", languages: ["en", "ru"], name: "Посольство Валдории" });
    await page.reload();
    expect(await page.getByLabel("Name in Russian (ru)").inputValue()).toBe("Посольство Валдории");
    // English and Russian have interface catalogues: no warning.
    expect(await languages.locator(".warning").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("warns that a language without an interface catalogue gets the default's labels", async () => {
    const { page } = await signIntoConsole(stage.browser, stage.reference, admin);
    await page.goto(`${stage.reference.origin}/admin#/site`);
    await page.getByLabel("Add a language").fill("pl");
    await page.getByLabel("Add a language").press("Enter");
    const warning = page.getByRole("group", { name: "Languages" }).locator(".warning");
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(
      /Polish \(pl\) has no interface catalogue; pages in it\s+use English/,
    );
    expect(await page.getByRole("group", { name: "Translations: Polish (pl)" }).count()).toBe(1);
  });
});
