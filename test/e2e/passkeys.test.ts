import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../support/axe";
import { editorStage, signIntoConsole } from "../support/editor-stage";
import { addVirtualAuthenticator, invite } from "../support/passkeys";

const stage = editorStage("Pia Passkey");

/** Calls the API from the signed-in console page, with its session and CSRF secret, as the console does. */
function fromConsole(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const { csrf } = JSON.parse(document.getElementById("console-data")?.textContent ?? "{}");
      const response = await fetch(path, {
        method,
        headers: { "X-CSRF-Token": csrf, ...(body ? { "Content-Type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

/** Makes a passkey on the page's authenticator for the options the API gave, as the browser's prompt does. */
function createPasskey(page: Page, options: unknown) {
  return page.evaluate(async (json) => {
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(
      json as PublicKeyCredentialCreationOptionsJSON,
    );
    const credential = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential;
    return credential.toJSON();
  }, options);
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign in with a passkey" }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
}

async function signInAgain(page: Page) {
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page.waitForURL(/\/admin$/);
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

const who = (page: Page) => page.locator(".who").textContent();

describe("passkeys in Chromium", () => {
  it("joins on an invitation, signs in again with the passkey, adds a second and removes the first", async () => {
    const { page, errors, authenticator } = await signIntoConsole(
      stage.browser,
      stage.reference,
      stage.token,
    );
    expect((await who(page))?.replace(/\s+/g, " ").trim()).toBe("Signed in as Pia Passkey (publisher)");
    const [first] = await authenticator.credentials();

    await signOut(page);
    await signInAgain(page);
    expect(await who(page)).toContain("Pia Passkey");

    // A second device: the first one's authenticator is gone from this browser.
    await authenticator.cdp.send("WebAuthn.removeVirtualAuthenticator", {
      authenticatorId: authenticator.authenticatorId,
    });
    const second = await addVirtualAuthenticator(page);
    const options = await fromConsole(page, "POST", "/api/v1/passkeys/options");
    expect(options.status).toBe(200);
    const response = await createPasskey(page, options.json);
    const added = await fromConsole(page, "POST", "/api/v1/passkeys", { name: "Tablet", response });
    expect(added.status).toBe(201);
    const [secondId] = await second.credentials();
    expect(added.json.id).toBe(secondId);

    expect((await fromConsole(page, "DELETE", `/api/v1/passkeys/${first}`)).status).toBe(204);
    const listed = await fromConsole(page, "GET", "/api/v1/passkeys");
    expect(listed.json.passkeys.map((passkey: { name: string }) => passkey.name)).toEqual(["Tablet"]);
    const last = await fromConsole(page, "DELETE", `/api/v1/passkeys/${secondId}`);
    expect(last.status).toBe(409);

    await signOut(page);
    await signInAgain(page);
    expect(await who(page)).toContain("Pia Passkey");
    // Only the refusal to remove the last passkey, which the browser logs as any 409.
    expect(errors).toEqual(["Failed to load resource: the server responded with a status of 409 (Conflict)"]);
  });

  it("says clearly when an invitation has expired or has been used", async () => {
    const db = stage.reference.worker.db;
    const person = await db
      .prepare(
        "INSERT INTO people (name, email, role, created_at) VALUES ('Late Lou', 'lou@embassy.example', 'editor', ?1) RETURNING id",
      )
      .bind(new Date().toISOString())
      .first<{ id: number }>();
    const context = await stage.browser.newContext();
    // A page each: a link that differs only after `#` would not load the page again.
    const opened = async (secret: string) => {
      const page = await context.newPage();
      await page.goto(`${stage.reference.origin}/admin/join#${secret}`);
      await expect.poll(() => page.locator("#join-who").textContent()).not.toBe("Checking your invitation…");
      expect(await page.locator("#join").isHidden()).toBe(true);
      return page.locator("#join-who").textContent();
    };

    const expired = await invite(db, person?.id as number, -1);
    expect(await opened(expired)).toMatch(/has expired .* Ask an admin for a new one/);
    expect(await seriousViolations(context.pages()[0])).toEqual([]);

    const used = await invite(db, person?.id as number);
    await db
      .prepare("UPDATE invitations SET used_at = ?1 WHERE person_id = ?2")
      .bind(new Date().toISOString(), person?.id)
      .run();
    expect(await opened(used)).toMatch(/has been used/);
  });
});
