import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import manifest from "../../dist/widget/custom-elements.json";
import type { AppEnv } from "../bindings";
import { embedPageCode, type WidgetBundle, widgetBundle } from "../data/widget-bundle";
import { pageHeaders } from "../http/page-headers";
import { problem } from "../http/problem";
import { SHORT_CACHE, staticFile, stylesheet } from "../http/static-file";
import { EMBED_CSS, EmbedPage } from "../views/embed";

// Any page may load the widget; a module script is fetched with CORS.
const anyOrigin = cors({ origin: "*", allowMethods: ["GET", "HEAD"], exposeHeaders: ["ETag"] });

const IMMUTABLE = "public, max-age=31536000, immutable";

const JS = "text/javascript; charset=utf-8";

const script = (c: Context, code: string, hash: string, cacheControl: string) =>
  staticFile(c, { body: code, etag: `"${hash}"`, type: JS }, cacheControl);

/** The script tag for a page: the content-addressed copy, pinned by its integrity. */
function pinnedTag(origin: string, bundle: WidgetBundle): string {
  return `<script type="module" src="${origin}/widget/${bundle.hash}.js" integrity="${bundle.integrity}" crossorigin="anonymous"></script>`;
}

const latestTag = (origin: string) => `<script type="module" src="${origin}/widget.js"></script>`;

/**
 * The widget bundle for any page to embed: `/widget.js` follows each
 * release (short cache); `/widget/<hash>.js` never changes (cached a year).
 */
export const widget = new Hono<AppEnv>()
  .get("/widget.js", anyOrigin, async (c) => {
    const bundle = await widgetBundle();
    return script(c, bundle.code, bundle.hash, SHORT_CACHE);
  })
  .get("/widget/manifest.json", anyOrigin, async (c) => {
    const bundle = await widgetBundle();
    const origin = new URL(c.req.url).origin;
    c.header("Cache-Control", SHORT_CACHE);
    return c.json({
      script: `${origin}/widget.js`,
      pinned: `${origin}/widget/${bundle.hash}.js`,
      integrity: bundle.integrity,
      bytes: bundle.bytes,
      snippet: pinnedTag(origin, bundle),
      elements: `${origin}/widget/custom-elements.json`,
    });
  })
  .get("/widget/custom-elements.json", anyOrigin, (c) => {
    c.header("Cache-Control", SHORT_CACHE);
    return c.json(manifest);
  })
  .get("/widget/:file{[0-9a-f]{16}\\.js}", anyOrigin, async (c) => {
    const bundle = await widgetBundle();
    if (c.req.param("file") !== `${bundle.hash}.js`) {
      throw problem(404, "No widget build has this hash; take the current one from /widget/manifest.json.");
    }
    return script(c, bundle.code, bundle.hash, IMMUTABLE);
  })
  .get("/widget/embed-page.js", async (c) => {
    const bundle = await widgetBundle();
    return script(c, embedPageCode, bundle.hash, SHORT_CACHE);
  })
  .get("/embed.css", (c) => stylesheet(c, EMBED_CSS))
  .get("/embed", pageHeaders, async (c) => {
    const bundle = await widgetBundle();
    const origin = new URL(c.req.url).origin;
    c.header("Cache-Control", SHORT_CACHE);
    return c.html(
      <EmbedPage
        latestTag={latestTag(origin)}
        pinnedTag={pinnedTag(origin, bundle)}
        scriptUrl={`${origin}/widget/${bundle.hash}.js`}
        pageScriptUrl="/widget/embed-page.js"
      />,
    );
  });
