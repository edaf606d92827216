/**
 * Sign-in as a person lives it: "Sign in with a passkey" on /admin, the
 * browser's passkey prompt (Chromium's virtual authenticator, a verified
 * user), until the console has drawn its first section.
 */
import { launchChromium } from "../support/chromium";
import { signIntoConsole } from "../support/editor-stage";
import type { ReferenceWorker } from "../support/reference-worker";
import { issueToken } from "../support/tokens";
import type { RunningWorker } from "../support/worker";

export interface SignInFigures {
  /** Median ms from the click to the console ready. */
  medianMs: number;
  runs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Registers a passkey once, then signs in with it `runs` times, each from a signed-out page. */
export async function measureSignIn(worker: RunningWorker, runs = 7): Promise<SignInFigures> {
  // localhost, not 127.0.0.1: a passkey belongs to a domain, and an IP address is none.
  const reference: ReferenceWorker = {
    worker,
    origin: `http://localhost:${worker.url.port}`,
    stop: () => worker.dispose(),
  };
  const token = await issueToken(worker.db, "Bench publisher", ["publish"], "publisher");
  const browser = await launchChromium();
  try {
    const { page } = await signIntoConsole(browser, reference, token);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      await page.context().clearCookies();
      await page.goto(`${reference.origin}/admin`);
      const button = page.getByRole("button", { name: "Sign in with a passkey" });
      await button.waitFor();
      const began = performance.now();
      await button.click();
      await page.locator("chancery-console h1").first().waitFor();
      times.push(performance.now() - began);
    }
    return { medianMs: median(times), runs };
  } finally {
    await browser.close();
  }
}
