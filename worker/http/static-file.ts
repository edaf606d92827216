import type { Context } from "hono";
import { stylesheetHashes } from "../../dist/styles/bundle";
import type { AppEnv } from "../bindings";
import { isNotModified } from "./conditional";

/** Files that follow releases: five minutes fresh, then revalidated in the background. */
export const SHORT_CACHE = "public, max-age=300, stale-while-revalidate=86400";

/**
 * A file (script, stylesheet, manifest) answered with its ETag and
 * `cacheControl`, or 304 when the client's copy is current; `read` gives
 * its body, and is called only when one is sent.
 */
export async function staticFile(
  c: Context,
  file: { etag: string; type: string; read: () => Promise<ReadableStream> },
  cacheControl: string,
): Promise<Response> {
  c.header("ETag", file.etag);
  c.header("Cache-Control", cacheControl);
  c.header("X-Content-Type-Options", "nosniff");
  if (isNotModified(c.req.header("If-None-Match"), file.etag)) return c.body(null, 304);
  return c.body(await file.read(), 200, { "Content-Type": file.type });
}

/**
 * A file of the build, by its path under dist/, read from the worker's
 * static assets (wrangler.toml `[assets]`): the worker names and describes
 * it, the asset store holds its bytes.
 * @example await builtFile(c.env.ASSETS, "widget/widget.js")
 */
export async function builtFile(assets: Fetcher, path: string): Promise<ReadableStream> {
  // The asset store answers by path; the host is never reached.
  const response = await assets.fetch(new URL(path, "https://assets.invalid/"));
  if (!response.ok || !response.body) {
    throw new Error(
      `dist/${path} is not among the worker's static assets (${response.status}); run npm run build.`,
    );
  }
  return response.body;
}

/**
 * A file of the build answered as `staticFile` answers: `path` under dist/,
 * `hash` the hash of its content that the build wrote beside it (its ETag).
 * @example builtAsset(c, { path: "widget/widget.js", hash, type: JS }, SHORT_CACHE)
 */
export const builtAsset = (
  c: Context<AppEnv>,
  file: { path: string; hash: string; type: string },
  cacheControl: string,
) =>
  staticFile(
    c,
    { etag: `"${file.hash}"`, type: file.type, read: () => builtFile(c.env.ASSETS, file.path) },
    cacheControl,
  );

/**
 * A page's stylesheet (worker/views/<name>.css), built into dist/styles/
 * with its hash, so the worker's bundle carries neither the CSS nor the
 * work of hashing it.
 * @example app.get("/site.css", (c) => stylesheet(c, "site"))
 */
export const stylesheet = (c: Context<AppEnv>, name: keyof typeof stylesheetHashes) =>
  builtAsset(
    c,
    { path: `styles/${name}.css`, hash: stylesheetHashes[name], type: "text/css; charset=utf-8" },
    SHORT_CACHE,
  );
