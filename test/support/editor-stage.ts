import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "./chromium";
import { addVirtualAuthenticator, invite, ownerOf, type VirtualAuthenticator } from "./passkeys";
import { type ReferenceWorker, startReferenceWorker } from "./reference-worker";
import { issueToken } from "./tokens";

export interface EditorStage {
  reference: ReferenceWorker;
  browser: Browser;
  /** An editor's token with `publish`, named after the file's editor, who is a publisher. */
  token: string;
}

/** A console page signed in, the errors (script, console, CSP) it has logged so far, and its passkey's authenticator. */
export interface SignedIn {
  page: Page;
  errors: string[];
  authenticator: VirtualAuthenticator;
}

/**
 * Who signs in: a person by id, or the owner of a token (as `issueToken`
 * made them), so a test can act as the same person in the console and
 * through the API.
 */
export type Someone = number | string;

/**
 * Opens the console at `width` in a fresh profile and signs `someone` in as
 * a person does the first time: an invitation made in the stage's D1,
 * opened with a virtual authenticator, a passkey registered on it. Collects
 * what the page reports as errors; CSP refusals among them.
 */
export async function signIntoConsole(
  browser: Browser,
  reference: ReferenceWorker,
  someone: Someone,
  width = 1280,
): Promise<SignedIn> {
  const { db } = reference.worker;
  const personId = typeof someone === "number" ? someone : await ownerOf(db, someone);
  const secret = await invite(db, personId);
  const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  // The console runs under the site's CSP: anything it blocked would show here.
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(`CSP blocked ${event.blockedURI} (${event.violatedDirective})`),
    ),
  );
  const authenticator = await addVirtualAuthenticator(page);
  await page.goto(`${reference.origin}/admin/join#${secret}`);
  await page.getByRole("button", { name: "Create a passkey and sign in" }).click();
  await page.waitForURL(`${reference.origin}/admin`);
  // The console has drawn its first section.
  await page.locator("chancery-console h1").first().waitFor();
  return { page, errors, authenticator };
}

/**
 * The bundled worker, an editor's token and a Chromium, started before a
 * file's tests and stopped after them.
 * @example const stage = editorStage("Press office");
 */
export function editorStage(editor: string): EditorStage {
  const stage = {} as EditorStage;
  beforeAll(async () => {
    stage.reference = await startReferenceWorker();
    stage.token = await issueToken(stage.reference.worker.db, editor, ["publish"]);
    stage.browser = await launchChromium();
  });
  afterAll(async () => {
    await stage.browser?.close();
    await stage.reference?.stop();
  });
  return stage;
}
