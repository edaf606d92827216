import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import type { Role, Scope } from "../schemas/editor";
import { authenticate, type EditorEnv } from "./editor-auth";
import { problem } from "./problem";
import { isSafe } from "./request";

const ID = ":id{[0-9]+}";
const PUBLICATION = `/api/v1/publications/by-id/${ID}`;
const REVISION = `${PUBLICATION}/revisions/:version{[0-9]+}`;
const PERSON = "/api/v1/people/:personId{[0-9]+}";
const WEBHOOK = "/api/v1/webhooks/:id{[0-9]+}";

/**
 * What an operation needs: a role (or above) and, from a token, a scope;
 * `session` is for what a person does for their own account from the
 * console (passkeys, tokens), which no token may do for them.
 */
export type Rule = { role: Role; scope?: Scope } | "session";

export const needs = (role: Role, scope: Scope = "publish"): Rule => ({ role, scope });

/**
 * Who may do what: every operation that needs a person, by method and
 * route. A write route that is not listed here is closed to everyone, so a
 * new one stays shut until it is opened in this one place. What a role may
 * do to one publication in its state is decided by worker/clearance.ts.
 */
export const ACCESS: Readonly<Record<string, Rule>> = {
  "POST /api/v1/publications": needs("contributor"),
  "POST /api/v1/previews": needs("contributor"),
  "POST /api/v1/imports": needs("contributor"),
  "GET /api/v1/queue": needs("contributor"),
  "GET /api/v1/translations": needs("contributor"),
  [`GET ${PUBLICATION}`]: needs("contributor"),
  [`PATCH ${PUBLICATION}`]: needs("contributor"),
  [`PUT ${PUBLICATION}`]: needs("contributor"),
  [`DELETE ${PUBLICATION}`]: needs("contributor"),
  [`POST ${PUBLICATION}/restore`]: needs("publisher"),
  [`POST ${PUBLICATION}/withdraw`]: needs("publisher"),
  [`POST ${PUBLICATION}/submit`]: needs("contributor"),
  [`POST ${PUBLICATION}/approve`]: needs("editor"),
  [`POST ${PUBLICATION}/send-back`]: needs("editor"),
  [`GET ${PUBLICATION}/history`]: needs("contributor"),
  // A translation is a new draft: who may create a publication may translate one.
  [`POST ${PUBLICATION}/translations`]: needs("contributor"),
  [`GET ${PUBLICATION}/translations`]: needs("contributor"),
  [`GET ${PUBLICATION}/revisions`]: needs("contributor"),
  [`GET ${REVISION}`]: needs("contributor"),
  [`POST ${REVISION}/restore`]: needs("contributor"),
  [`POST ${PUBLICATION}/previews`]: needs("contributor"),
  [`GET ${PUBLICATION}/previews`]: needs("contributor"),
  [`DELETE ${PUBLICATION}/previews/:previewId`]: needs("contributor"),
  "POST /api/v1/media": needs("contributor"),
  "POST /api/v1/counters": needs("admin", "counters"),
  "PATCH /api/v1/counters/:slug": needs("admin", "counters"),
  "DELETE /api/v1/counters/:slug": needs("admin", "counters"),
  "GET /api/v1/site/settings": needs("admin", "site"),
  "PATCH /api/v1/site": needs("admin", "site"),
  "PUT /api/v1/site/emblem": needs("admin", "site"),
  "DELETE /api/v1/site/emblem": needs("admin", "site"),
  "GET /api/v1/audit": needs("admin", "admin"),
  "GET /api/v1/people": needs("admin", "admin"),
  "POST /api/v1/people": needs("admin", "admin"),
  [`GET ${PERSON}`]: needs("admin", "admin"),
  [`PATCH ${PERSON}`]: needs("admin", "admin"),
  [`POST ${PERSON}/invitations`]: needs("admin", "admin"),
  [`POST ${PERSON}/sign-out`]: needs("admin", "admin"),
  // Webhooks are a setting of the site: where it announces its public changes. A token
  // with the `site` scope (a deploy script, say) may keep them as it keeps the rest.
  "GET /api/v1/webhooks": needs("admin", "site"),
  "POST /api/v1/webhooks": needs("admin", "site"),
  [`GET ${WEBHOOK}`]: needs("admin", "site"),
  [`PATCH ${WEBHOOK}`]: needs("admin", "site"),
  [`DELETE ${WEBHOOK}`]: needs("admin", "site"),
  [`POST ${WEBHOOK}/secret`]: needs("admin", "site"),
  [`POST ${WEBHOOK}/test`]: needs("admin", "site"),
  [`GET ${WEBHOOK}/deliveries`]: needs("admin", "site"),
  [`POST ${WEBHOOK}/deliveries/:delivery{[0-9]+}/redeliver`]: needs("admin", "site"),
  // Any token may ask whose it is, even one its owner's role now leaves with no scope.
  "GET /api/v1/me": { role: "contributor" },
  "POST /api/v1/me/sign-out": "session",
  "GET /api/v1/tokens": "session",
  "POST /api/v1/tokens": "session",
  "DELETE /api/v1/tokens/:tokenId{[0-9]+}": "session",
  "GET /api/v1/passkeys": "session",
  "POST /api/v1/passkeys/options": "session",
  "POST /api/v1/passkeys": "session",
  "DELETE /api/v1/passkeys/:passkeyId{[A-Za-z0-9_-]{16,1400}}": "session",
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
  const rule = ACCESS[`${route.method} ${route.path}`];
  if (!rule) {
    if (isSafe(c.req.method)) return next();
    await authenticate(c, needs("admin", "admin"));
    throw problem(403, `${c.req.method} ${route.path} is open to no one yet.`);
  }
  c.set("editor", await authenticate(c, rule));
  c.set("requestId", c.req.header("CF-Ray") ?? crypto.randomUUID());
  await next();
});
