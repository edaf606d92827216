import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../support/axe";
import { editorStage, signIntoConsole } from "../support/editor-stage";
import { publish, withdraw } from "../support/publishing";

const REASON = "Superseded by the statement of 26 October";

const stage = editorStage("pia");
const signIn = () => signIntoConsole(stage.browser, stage.reference, stage.token);

const publisher = () => ({ origin: stage.reference.origin, token: stage.token });

/** A published statement, made through the API, with any other `fields`; its id. */
const published = (slug: string, fields: Record<string, unknown> = {}) =>
  publish(publisher(), { slug, published_at: "2020-10-20T09:00:00Z", ...fields });

/** The feed item of a publication page's address, as a feed reader gets it. */
async function feedItem(slug: string) {
  const feed = (await (await fetch(`${stage.reference.origin}/feed.json`)).json()) as {
    items: { url: string; content_html: string; date_modified?: string }[];
  };
  return feed.items.find((item) => item.url === `${stage.reference.origin}/publications/${slug}`);
}

describe("embargo, withdrawal and change notes in the console", () => {
  it("marks withdrawn, expired and expiring texts in the list and in the editor's header", async () => {
    const withdrawn = await published("ferry-timetable");
    await withdraw(publisher(), withdrawn, REASON);
    const expired = await published("autumn-fair", { expires_at: "2020-10-22T18:00:00Z" });
    await published("winter-hours", { expires_at: "2099-01-31T17:00:00Z" });
    const { page, errors } = await signIn();
    const row = (slug: string) =>
      page
        .getByRole("row")
        .filter({ has: page.getByRole("link", { name: `Statement ${slug}`, exact: true }) });
    const mark = async (slug: string) => ({
      status: await row(slug).locator(".status").textContent(),
      when: await row(slug).locator(".when time").getAttribute("datetime"),
    });
    await row("ferry-timetable").waitFor();
    const { withdrawn_at } = (await (
      await fetch(`${stage.reference.origin}/api/v1/publications/by-id/${withdrawn}`, {
        headers: { Authorization: `Bearer ${stage.token}` },
      })
    ).json()) as { withdrawn_at: string };
    expect(await mark("ferry-timetable")).toEqual({ status: "Withdrawn", when: withdrawn_at });
    expect(await mark("autumn-fair")).toEqual({ status: "Expired", when: "2020-10-22T18:00:00.000Z" });
    expect(await mark("winter-hours")).toEqual({ status: "published", when: "2099-01-31T17:00:00.000Z" });
    expect(await row("winter-hours").locator(".when").textContent()).toMatch(/^Expires /);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${stage.reference.origin}/admin#/publications/${expired}`);
    await page.getByRole("heading", { name: "Edit “Statement autumn-fair”", level: 1 }).waitFor();
    expect(await page.locator("main h1 + p .status").textContent()).toBe("Expired");
    expect(errors).toEqual([]);
  });

  it("withdraws a published text: the page and the feed say so, and it leaves the archive", async () => {
    const id = await published("saturday-opening");
    const { page, errors } = await signIn();
    await page.goto(`${stage.reference.origin}/admin#/publications/${id}`);
    await page.getByRole("button", { name: "Withdraw…" }).click();
    await page.getByLabel("Reason").fill(REASON);
    await page.getByRole("button", { name: "Withdraw", exact: true }).click();
    await page.getByText(/^Withdrawn: the text stays at its address/).waitFor();
    expect(await page.locator("p.withdrawn").textContent()).toContain(REASON);
    expect(errors).toEqual([]);

    const site = await stage.browser.newPage();
    await site.goto(`${stage.reference.origin}/publications/saturday-opening`);
    expect(await site.locator(".publication .withdrawn").textContent()).toMatch(
      new RegExp(`^Withdrawn on \\d\\d\\.\\d\\d\\.\\d{4}: ${REASON}$`),
    );
    expect(await site.locator(".publication .body").textContent()).toBe("The consulate opens on Saturdays.");
    await site.goto(`${stage.reference.origin}/publications`);
    expect(await site.locator(".list a", { hasText: "Statement saturday-opening" }).count()).toBe(0);

    const item = await feedItem("saturday-opening");
    expect(item?.date_modified).toMatch(/^\d{4}-\d\d-\d\dT/);
    const notice = parseHTML(`<div>${item?.content_html}</div>`).document.querySelector("p");
    expect(notice?.textContent).toMatch(new RegExp(`^Withdrawn on \\d\\d\\.\\d\\d\\.\\d{4}: ${REASON}$`));
  });

  it("saves an edit of a published text with a public change note, shown under Updated", async () => {
    const id = await published("visit-date");
    const { page, errors } = await signIn();
    await page.goto(`${stage.reference.origin}/admin#/publications/${id}`);
    await page.getByLabel("Lead").fill("The visit took place on 19 October.");
    await page.getByLabel("Change note").fill("Corrected the date of the visit");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText("Saved as version 2: published.").waitFor();
    expect(errors).toEqual([]);

    const site = await stage.browser.newPage();
    await site.goto(`${stage.reference.origin}/publications/visit-date`);
    expect(await site.locator(".changes li").textContent()).toMatch(/: Corrected the date of the visit$/);
    expect((await feedItem("visit-date"))?.date_modified).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
