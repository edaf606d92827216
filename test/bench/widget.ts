import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { launchChromium } from "../support/chromium";
import { startThirdPartySite } from "../support/third-party";
import { projectRoot } from "../support/worker";

export interface WidgetFigures {
  rawBytes: number;
  gzipBytes: number;
  /** Median ms in Chromium from the script's request to the events list shown. */
  renderMs: number;
  runs: number;
}

async function bundleSizes(): Promise<{ rawBytes: number; gzipBytes: number }> {
  const code = await readFile(join(projectRoot, "dist", "widget", "widget.js"));
  return { rawBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Loads a partner page `runs` times in a fresh browser context and times the events list. */
export async function measureWidget(workerOrigin: string, runs = 7): Promise<WidgetFigures> {
  const site = await startThirdPartySite();
  const browser = await launchChromium();
  const script = `${workerOrigin}/widget.js`;
  site.page(
    "/",
    `<!doctype html><meta charset="utf-8"><script type="module" src="${script}"></script>
     <chancery-events limit="10"></chancery-events>`,
  );
  try {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(site.origin);
      await page.waitForFunction(() =>
        document.querySelector("chancery-events")?.shadowRoot?.querySelector("li"),
      );
      times.push(
        await page.evaluate((url) => {
          const started = performance.getEntriesByName(url)[0]?.startTime ?? 0;
          return performance.now() - started;
        }, script),
      );
      await context.close();
    }
    return { ...(await bundleSizes()), renderMs: median(times), runs };
  } finally {
    await browser.close();
    await site.close();
  }
}
