import type { Context } from "hono";
import { entityTag } from "./cached-read";
import { isNotModified } from "./conditional";

/** Files that follow releases: five minutes fresh, then revalidated in the background. */
export const SHORT_CACHE = "public, max-age=300, stale-while-revalidate=86400";

/**
 * A file the worker holds in its bundle (script, stylesheet), answered with
 * its ETag and `cacheControl`, or 304 when the client's copy is current.
 */
export function staticFile(
  c: Context,
  file: { body: string; etag: string; type: string },
  cacheControl: string,
) {
  c.header("ETag", file.etag);
  c.header("Cache-Control", cacheControl);
  c.header("X-Content-Type-Options", "nosniff");
  if (isNotModified(c.req.header("If-None-Match"), file.etag)) return c.body(null, 304);
  return c.body(file.body, 200, { "Content-Type": file.type });
}

// Values, never promises: a request must not await work another request started.
const stylesheetTags = new Map<string, string>();

/** A stylesheet the worker holds as text; its ETag is computed once per isolate. */
export async function stylesheet(c: Context, css: string): Promise<Response> {
  let etag = stylesheetTags.get(css);
  if (!etag) {
    etag = await entityTag(css);
    stylesheetTags.set(css, etag);
  }
  return staticFile(c, { body: css, etag, type: "text/css; charset=utf-8" }, SHORT_CACHE);
}
