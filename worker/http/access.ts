import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import type { Scope } from "../schemas/editor";
import { authenticate, type EditorEnv } from "./editor-auth";
import { problem } from "./problem";
import { isSafe } from "./request";

const ID = ":id{[0-9]+}";
const PUBLICATION = `/api/v1/publications/by-id/${ID}`;
const REVISION = `${PUBLICATION}/revisions/:version{[0-9]+}`;

/**
 * Who may do what: every operation that needs an editor, by method and
 * route, with the scope it needs (`admin` holds them all). A write route
 * that is not listed here is closed to everyone, so a new one stays shut
 * until it is opened in this one place.
 */
export const ACCESS: Readonly<Record<string, Scope>> = {
  "POST /api/v1/publications": "publish",
  "POST /api/v1/previews": "publish",
  "POST /api/v1/imports": "publish",
  [`GET ${PUBLICATION}`]: "publish",
  [`PATCH ${PUBLICATION}`]: "publish",
  [`PUT ${PUBLICATION}`]: "publish",
  [`DELETE ${PUBLICATION}`]: "publish",
  [`POST ${PUBLICATION}/restore`]: "publish",
  [`POST ${PUBLICATION}/withdraw`]: "publish",
  [`GET ${PUBLICATION}/revisions`]: "publish",
  [`GET ${REVISION}`]: "publish",
  [`POST ${REVISION}/restore`]: "publish",
  // Preview links: today whoever may publish; when roles arrive, whoever may edit the draft.
  [`POST ${PUBLICATION}/previews`]: "publish",
  [`GET ${PUBLICATION}/previews`]: "publish",
  [`DELETE ${PUBLICATION}/previews/:previewId`]: "publish",
  "POST /api/v1/media": "publish",
  "POST /api/v1/counters": "counters",
  "PATCH /api/v1/counters/:slug": "counters",
  "DELETE /api/v1/counters/:slug": "counters",
  "PATCH /api/v1/site": "site",
  "GET /api/v1/audit": "admin",
};

/**
 * The one guard in front of the API: it finds the route that will answer,
 * and lets the request reach it only as the table above says. It records
 * who is writing, and in which request, for the audit log.
 */
export const editorAccess = createMiddleware<EditorEnv>(async function editorAccess(c, next) {
  const route = matchedRoutes(c).find((matched) => matched.method !== "ALL");
  // No route answers: the 404 or 405 that follows says so.
  if (!route) return next();
  const scope = ACCESS[`${route.method} ${route.path}`];
  if (!scope) {
    if (isSafe(c.req.method)) return next();
    await authenticate(c, "admin");
    throw problem(403, `${c.req.method} ${route.path} is open to no one yet.`);
  }
  c.set("editor", await authenticate(c, scope));
  c.set("requestId", c.req.header("CF-Ray") ?? crypto.randomUUID());
  await next();
});
