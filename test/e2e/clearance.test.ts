import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "../support/axe";
import { launchChromium } from "../support/chromium";
import { signIntoConsole } from "../support/editor-stage";
import { addVirtualAuthenticator } from "../support/passkeys";
import { type ReferenceWorker, startReferenceWorker } from "../support/reference-worker";

const TITLE = "The embassy opens a reading room";
const SENT_BACK = "Say which floor the reading room is on.";

let reference: ReferenceWorker;
let browser: Browser;
const people = { cora: 0, eda: 0, ezra: 0, pia: 0, ada: 0 };

async function createPerson(name: string, role: string): Promise<number> {
  const row = await reference.worker.db
    .prepare("INSERT INTO people (name, email, role, created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id")
    .bind(name, `${name.toLowerCase()}@embassy.example`, role, new Date().toISOString())
    .first<{ id: number }>();
  return row?.id ?? 0;
}

/** The console signed in as `personId` with a passkey, open at their queue. */
async function signInAs(personId: number) {
  const signedIn = await signIntoConsole(browser, reference, personId);
  await signedIn.page
    .getByRole("navigation", { name: "Console" })
    .getByRole("link", { name: "Queue" })
    .click();
  await signedIn.page.getByRole("heading", { name: "Queue", level: 1 }).waitFor();
  return signedIn;
}

/** The piece as the queue lists it, found by its title. */
const inQueue = (page: Page) => page.locator(".queue li").filter({ hasText: TITLE });

/** A `datetime-local` value `seconds` from now, in the browser's zone. */
const localInput = (page: Page, seconds: number) =>
  page.evaluate((ahead) => {
    const at = new Date(Date.now() + ahead * 1000);
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  }, seconds);

beforeAll(async () => {
  reference = await startReferenceWorker();
  people.cora = await createPerson("Cora", "contributor");
  people.eda = await createPerson("Eda", "editor");
  people.ezra = await createPerson("Ezra", "editor");
  people.pia = await createPerson("Pia", "publisher");
  people.ada = await createPerson("Ada", "admin");
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await reference?.stop();
});

describe("clearance in the console, from draft to the public site", () => {
  let url = "";

  it("lets a contributor write and submit a draft, and says why they may not publish it", async () => {
    const { page, errors } = await signInAs(people.cora);
    const nav = page.getByRole("navigation", { name: "Console" });
    expect(await nav.getByRole("link").allTextContents()).toEqual([
      "Queue",
      "Publications",
      "Translations",
      "Media",
      "Account",
    ]);
    await nav.getByRole("link", { name: "Publications" }).click();
    await page.getByRole("link", { name: "New publication" }).click();
    await page.getByLabel("Title").fill(TITLE);
    await page.getByLabel("Lead").fill("Visitors may read Valdorian papers and books from Monday.");
    await page.getByLabel("Body", { exact: true }).fill("The reading room opens on **Monday**.");

    const publish = page.getByRole("button", { name: "Publish" });
    expect(await publish.isDisabled()).toBe(true);
    expect(await publish.getAttribute("title")).toBe(
      "Publishing is for a publisher or above; you are a contributor.",
    );
    await page.getByText("Publishing is for a publisher or above; you are a contributor.").waitFor();

    await page.getByRole("button", { name: "Save as draft" }).click();
    await page.getByText("Saved as version 1: draft.").waitFor();
    url = page.url();
    const clearance = page.getByRole("region", { name: "Clearance" });
    expect(await clearance.getByRole("button", { name: "Approve" }).isDisabled()).toBe(true);
    await clearance.getByText("Approving is for an editor or above; you are a contributor.").waitFor();
    await clearance.getByRole("button", { name: "Submit for review" }).click();
    await page.getByText("Now submitted.").waitFor();
    expect(await clearance.locator(".status").textContent()).toBe("submitted");
    expect(errors).toEqual([]);
  });

  it("lets an editor send it back with a comment the contributor then finds in their queue", async () => {
    const editor = await signInAs(people.eda);
    await inQueue(editor.page).getByRole("link", { name: TITLE }).click();
    const clearance = editor.page.getByRole("region", { name: "Clearance" });
    await clearance.getByRole("button", { name: "Send back…" }).click();
    await clearance.getByLabel("Why it goes back").fill(SENT_BACK);
    await clearance.getByRole("button", { name: "Send back", exact: true }).click();
    await editor.page.getByText("Now draft.").waitFor();

    const { page, errors } = await signInAs(people.cora);
    const item = inQueue(page);
    expect(await item.locator("blockquote").textContent()).toBe(SENT_BACK);
    expect(await seriousViolations(page)).toEqual([]);
    await item.getByRole("link", { name: TITLE }).click();
    const history = page.getByRole("region", { name: "History" });
    await history.getByText(SENT_BACK).waitFor();
    await page
      .getByLabel("Body", { exact: true })
      .fill("The reading room on the second floor opens on **Monday**.");
    await page.getByRole("button", { name: "Save as draft" }).click();
    await page.getByText("Saved as version 2: draft.").waitFor();
    await page
      .getByRole("region", { name: "Clearance" })
      .getByRole("button", { name: "Submit for review" })
      .click();
    await page.getByText("Now submitted.").waitFor();
    expect(errors).toEqual([]);
  });

  it("lets a second editor approve it", async () => {
    const { page, errors } = await signInAs(people.ezra);
    await inQueue(page).getByRole("link", { name: TITLE }).click();
    const clearance = page.getByRole("region", { name: "Clearance" });
    await clearance.getByLabel("Comment").fill("Good to go.");
    await clearance.getByRole("button", { name: "Approve" }).click();
    await page.getByText("Now approved.").waitFor();
    expect(errors).toEqual([]);
  });

  it("lets a publisher schedule it, and it reaches the public site at its time", async () => {
    const { page, errors } = await signInAs(people.pia);
    const item = inQueue(page);
    expect(await item.locator(".status").textContent()).toBe("approved");
    await item.getByRole("link", { name: TITLE }).click();
    // Far enough ahead that it is still to come when the click lands, on a slow machine too.
    await page.getByLabel("Publish at").fill(await localInput(page, 20));
    await page.getByRole("button", { name: "Schedule" }).click();
    await page.getByText(/^Saved as version \d+: scheduled\.$/).waitFor();

    const history = page.getByRole("region", { name: "History" });
    await expect
      .poll(() => history.locator("li strong").allTextContents())
      .toEqual(["Submitted", "Sent back", "Submitted", "Approved", "Scheduled"]);
    expect(
      await history.locator("li").filter({ hasText: "Approved" }).locator("blockquote").textContent(),
    ).toBe("Good to go.");
    expect(errors).toEqual([]);

    const titles = async () => {
      const answer = await fetch(`${reference.origin}/api/v1/publications`, {
        headers: { "Cache-Control": "no-cache" },
      });
      return ((await answer.json()) as { items: { title: string }[] }).items.map((piece) => piece.title);
    };
    expect(await titles()).not.toContain(TITLE);
    await expect.poll(titles, { timeout: 30_000, interval: 500 }).toContain(TITLE);
    const home = await browser.newPage();
    await expect
      .poll(
        async () => {
          await home.goto(`${reference.origin}/`);
          return home
            .getByRole("region", { name: "Latest events" })
            .getByRole("link", { name: TITLE })
            .count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    expect(url).toMatch(/#\/publications\/\d+$/);
  });

  it("gives an admin the people section: invite someone with a one-time link, change their role, disable them", async () => {
    const { page, errors } = await signInAs(people.ada);
    const nav = page.getByRole("navigation", { name: "Console" });
    await nav.getByRole("link", { name: "People" }).click();
    await page.getByRole("heading", { name: "People", level: 1 }).waitFor();
    await page.getByRole("cell", { name: "Cora", exact: true }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill("Nadia");
    await page.getByLabel("E-mail").fill("nadia@embassy.example");
    await page.getByLabel("Role", { exact: true }).selectOption("editor");
    await page.getByRole("button", { name: "Invite" }).click();
    const link = page.getByLabel(/^Sign-up link for Nadia/);
    await link.waitFor();
    const invitation = new URL(await link.inputValue());
    expect(invitation.pathname).toBe("/admin/join");
    expect(invitation.hash.length).toBeGreaterThan(20);
    const nadia = page.getByRole("row").filter({ hasText: "nadia@embassy.example" });
    await nadia.getByLabel("Role of Nadia").selectOption("publisher");
    await page.getByText("Nadia is now a publisher.").waitFor();
    await nadia.getByRole("button", { name: "Disable Nadia" }).click();
    await page.getByText("Nadia is disabled: signed out, tokens revoked.").waitFor();
    await nadia.getByText("Disabled").waitFor();
    const row = await reference.worker.db
      .prepare("SELECT role, disabled_at FROM people WHERE email = 'nadia@embassy.example'")
      .first<{ role: string; disabled_at: string | null }>();
    expect(row?.role).toBe("publisher");
    expect(row?.disabled_at).toMatch(/^\d{4}-/);
    expect(await seriousViolations(page)).toEqual([]);

    expect(errors).toEqual([]);
  });

  it("lets anyone keep their own account: a passkey added on this device, a token shown once, sign-out everywhere", async () => {
    const { page, errors, authenticator } = await signInAs(people.cora);
    // Another device: the one they joined with holds a passkey for this site already.
    await authenticator.cdp.send("WebAuthn.removeVirtualAuthenticator", {
      authenticatorId: authenticator.authenticatorId,
    });
    await addVirtualAuthenticator(page);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Account" }).click();
    const passkeys = page.getByRole("region", { name: "Passkeys" });
    await passkeys.getByLabel("Name of the new passkey").fill("Work laptop");
    await passkeys.getByRole("button", { name: "Add a passkey" }).click();
    await page.getByText("Passkey “Work laptop” added: you may sign in with it.").waitFor();
    await expect
      .poll(() => passkeys.locator("tbody td:first-child").allTextContents())
      .toContain("Work laptop");

    const tokens = page.getByRole("region", { name: "Tokens for programs" });
    await tokens.getByLabel("Token name").fill("Press office feed");
    await tokens.getByRole("button", { name: "Make a token" }).click();
    const made = tokens.getByLabel("Token “Press office feed”");
    await made.waitFor();
    const token = await made.inputValue();
    const me = await fetch(`${reference.origin}/api/v1/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await me.json()) as { person: { name: string } }).person.name).toBe("Cora");
    await tokens.getByRole("button", { name: "Revoke Press office feed" }).click();
    await page
      .getByText("Token “Press office feed” revoked: programs using it are refused from now on.")
      .waitFor();
    const revoked = await fetch(`${reference.origin}/api/v1/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(revoked.status).toBe(401);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);

    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await page.waitForURL(`${reference.origin}/admin`);
    expect(await page.locator("chancery-console").count()).toBe(0);
  });
});
