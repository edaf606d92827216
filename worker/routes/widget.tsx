import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../bindings";
import { widgetBundle as bundle } from "../data/widget-bundle";
import { keepReleaseOnce, keptFile } from "../data/widget-releases";
import { pageHeaders } from "../http/page-headers";
import { problem } from "../http/problem";
import { builtAsset, builtFile, SHORT_CACHE, staticFile, stylesheet } from "../http/static-file";
import { EmbedPage } from "../views/embed";

// Any page may load the widget; a module script is fetched with CORS.
const anyOrigin = cors({ origin: "*", allowMethods: ["GET", "HEAD"], exposeHeaders: ["ETag"] });

const IMMUTABLE = "public, max-age=31536000, immutable";

const JS = "text/javascript; charset=utf-8";

const widgetScript = { path: "widget/widget.js", hash: bundle.hash, type: JS };

/** The script tag for a page: the content-addressed copy, pinned by its integrity. */
function pinnedTag(origin: string): string {
  return `<script type="module" src="${origin}/widget/${bundle.hash}.js" integrity="${bundle.integrity}" crossorigin="anonymous"></script>`;
}

/**
 * Before a pinned snippet goes out, its release is kept for when a deploy
 * has replaced it (data/widget-releases.ts); the hourly upkeep does the same.
 */
function keepThisRelease(c: Context<AppEnv>): void {
  c.executionCtx.waitUntil(keepReleaseOnce(c.env.MEDIA, (path) => builtFile(c.env.ASSETS, path)));
}

/** `file` of an earlier release, as it was served then; 404 (`detail`) when no release had it. */
async function earlierRelease(c: Context<AppEnv>, file: string, detail: string): Promise<Response> {
  const kept = await keptFile(c.env.MEDIA, file);
  if (!kept) throw problem(404, detail);
  return staticFile(c, { etag: `"${kept.hash}"`, type: JS, read: kept.read }, IMMUTABLE);
}

const latestTag = (origin: string) => `<script type="module" src="${origin}/widget.js"></script>`;

/**
 * The widget for any page to embed: a loader, `/widget.js`, follows each
 * release (short cache); its copy `/widget/<hash>.js` never changes (cached
 * a year), nor do the elements' chunks it loads, `/widget/<name>-<hash>.js`,
 * and both are served after later releases, from R2.
 */
export const widget = new Hono<AppEnv>()
  .get("/widget.js", anyOrigin, (c) => builtAsset(c, widgetScript, SHORT_CACHE))
  .get("/widget/manifest.json", anyOrigin, (c) => {
    keepThisRelease(c);
    const origin = new URL(c.req.url).origin;
    c.header("Cache-Control", SHORT_CACHE);
    return c.json({
      script: `${origin}/widget.js`,
      pinned: `${origin}/widget/${bundle.hash}.js`,
      integrity: bundle.integrity,
      bytes: bundle.bytes,
      snippet: pinnedTag(origin),
      elements: `${origin}/widget/custom-elements.json`,
      // What the loader fetches for each element: a partner can see what a page of theirs costs.
      chunks: Object.entries(bundle.chunks).map(([file, chunk]) => ({
        url: `${origin}/widget/${file}`,
        bytes: chunk.bytes,
        integrity: chunk.integrity,
        elements: chunk.elements,
      })),
    });
  })
  .get("/widget/custom-elements.json", anyOrigin, (c) =>
    builtAsset(
      c,
      { path: "widget/custom-elements.json", hash: bundle.elementsHash, type: "application/json" },
      SHORT_CACHE,
    ),
  )
  .get("/widget/:file{[0-9a-f]{16}\\.js}", anyOrigin, (c) => {
    const file = c.req.param("file");
    if (file === `${bundle.hash}.js`) return builtAsset(c, widgetScript, IMMUTABLE);
    return earlierRelease(
      c,
      file,
      "No widget build has this hash; take the current one from /widget/manifest.json.",
    );
  })
  // The loader imports these by name; each name holds its content's hash, so a file never changes.
  .get("/widget/:file{[a-z0-9-]+-[A-Z0-9]{8}\\.js}", anyOrigin, (c) => {
    const file = c.req.param("file");
    const chunk = Object.hasOwn(bundle.chunks, file) ? bundle.chunks[file] : undefined;
    if (chunk) return builtAsset(c, { path: `widget/${file}`, hash: chunk.hash, type: JS }, IMMUTABLE);
    return earlierRelease(
      c,
      file,
      "No widget build has this file; the current loader names its own, /widget.js.",
    );
  })
  .get("/widget/embed-page.js", (c) =>
    builtAsset(c, { path: "widget/embed-page.js", hash: bundle.embedPageHash, type: JS }, SHORT_CACHE),
  )
  .get("/embed.css", (c) => stylesheet(c, "embed"))
  .get("/embed", pageHeaders, (c) => {
    keepThisRelease(c);
    const origin = new URL(c.req.url).origin;
    c.header("Cache-Control", SHORT_CACHE);
    return c.html(
      <EmbedPage
        latestTag={latestTag(origin)}
        pinnedTag={pinnedTag(origin)}
        scriptUrl={`${origin}/widget/${bundle.hash}.js`}
        pageScriptUrl="/widget/embed-page.js"
      />,
    );
  });
