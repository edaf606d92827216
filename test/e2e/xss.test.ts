import { describe, expect, it } from "vitest";
import { editorStage } from "../support/editor-stage";
import { XSS_VECTORS } from "../support/xss-vectors";

const stage = editorStage("xss");

/** Publishes `body` through the editors' API and reads back what was stored. */
async function stored(body: string, index: number): Promise<string> {
  const response = await fetch(`${stage.reference.origin}/api/v1/publications`, {
    method: "POST",
    headers: { Authorization: `Bearer ${stage.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      title: `Vector ${index}`,
      kind: "news",
      lang: "en",
      body,
      status: "published",
      without_approval: "Set up for the test: no second reader in this stage.",
    }),
  });
  expect(response.status, body).toBe(201);
  return ((await response.json()) as { body_html: string }).body_html;
}

describe("editors' HTML shown in a real browser", () => {
  it("runs no script from any of the XSS vectors", async () => {
    const bodies = await Promise.all(XSS_VECTORS.map(stored));
    const page = await stage.browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // Each stored body inside a page, as the site will show it; any script that runs flags itself.
    await page.setContent(
      `<!doctype html><meta charset="utf-8"><body>${bodies.map((body) => `<article>${body}</article>`).join("")}
       <footer id="end">end</footer></body>`,
    );
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
    for (const element of await page.locator("a[href], img[src]").all()) {
      await element.dispatchEvent("mouseover");
      await element.dispatchEvent("pointerenter");
    }
    expect(dialogs).toEqual([]);
    expect(await page.locator("script, iframe, object, embed, form, style, svg, math").count()).toBe(0);
    expect(await page.locator("body > footer#end").count()).toBe(1);
    const schemes = await page
      .locator("a[href]")
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).protocol));
    for (const scheme of schemes) expect(["http:", "https:", "mailto:", "tel:", "about:"]).toContain(scheme);
  });
});
