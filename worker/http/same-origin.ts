import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import { problem } from "./problem";
import { isSafe } from "./request";

const openReads = cors({
  origin: "*",
  allowMethods: ["GET", "HEAD", "OPTIONS"],
  exposeHeaders: ["ETag", "Link", "Retry-After"],
  maxAge: 86_400,
});

/**
 * Reads are open to any origin; writes are open to none. A write never gets
 * CORS headers, and one a browser sends from another site is refused
 * outright, before it can touch anything.
 */
export const readsFromAnyOrigin = createMiddleware(async function readsFromAnyOrigin(c, next) {
  if (isSafe(c.req.method)) return openReads(c, next);
  const origin = c.req.header("Origin");
  const crossSite = c.req.header("Sec-Fetch-Site") === "cross-site";
  if (crossSite || (origin && origin !== new URL(c.req.url).origin)) {
    throw problem(403, "Writes are not accepted from other origins.");
  }
  await next();
});
