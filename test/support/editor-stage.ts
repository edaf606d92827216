import type { Browser } from "playwright-core";
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
