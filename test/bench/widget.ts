import { join } from "node:path";
import { launchChromium } from "../support/chromium";
import { startThirdPartySite } from "../support/third-party";
import { projectRoot } from "../support/worker";
import { measureWidgetBuild, type WidgetSizes } from "./bundle";

export interface WidgetFigures {
  sizes: WidgetSizes;
  /** Median ms in Chromium from the script's request to the events list shown. */
  renderMs: number;
  runs: number;
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
    return {
      sizes: await measureWidgetBuild(join(projectRoot, "dist", "widget")),
      renderMs: median(times),
      runs,
    };
  } finally {
    await browser.close();
    await site.close();
  }
}
