import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "./chromium";
import { type ReferenceWorker, startReferenceWorker } from "./reference-worker";
import { issueToken } from "./tokens";

export interface EditorStage {
  reference: ReferenceWorker;
  browser: Browser;
  /** An editor's token with `publish`, named after the file's editor. */
  token: string;
}

/** A console page signed in, and the errors (script, console, CSP) it has logged so far. */
export interface SignedIn {
  page: Page;
  errors: string[];
}

/**
 * Opens the console at `width` in a fresh profile and signs in with `token`,
 * collecting what the page reports as errors; CSP refusals among them.
 */
export async function signIntoConsole(
  browser: Browser,
  origin: string,
  token: string,
  width = 1280,
): Promise<SignedIn> {
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
  await page.goto(`${origin}/admin`);
  await page.getByLabel("Editor token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Publications", level: 1 }).waitFor();
  return { page, errors };
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
