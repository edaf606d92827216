import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { findEditor, markTokenUsed } from "../data/tokens";
import type { Editor, EditorEnv, Scope } from "../schemas/editor";
import { digest, toHex } from "./digest";
import { problem } from "./problem";

const BEARER = /^Bearer\s+([A-Za-z0-9_-]{16,256})$/;
const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="chancery"' };

/** Stored tokens are SHA-256 hashes; a token itself is never kept. */
export async function tokenHash(token: string): Promise<string> {
  return toHex(await digest("SHA-256", token));
}

/**
 * Counts a failed sign-in against the client; past the limit it answers 429,
 * so tokens cannot be guessed at speed.
 */
async function refuse(env: Env, client: string, detail: string): Promise<never> {
  const { success } = await env.AUTH_FAILURES.limit({ key: client });
  if (!success) {
    throw problem(
      429,
      "Too many failed sign-ins from this client; wait a minute.",
      {},
      { "Retry-After": "60" },
    );
  }
  throw problem(401, detail, {}, CHALLENGE);
}

/** Any route's context will do: only the request, bindings and waitUntil are read. */
type RequestContext = Pick<Context<{ Bindings: Env }>, "env" | "req" | "executionCtx">;

/**
 * The editor behind the request's token, if the token is live and carries
 * `scope` (or `admin`); else a 401, 403 or 429 problem.
 */
export async function authenticate(c: RequestContext, scope: Scope): Promise<Editor> {
  const client = c.req.header("CF-Connecting-IP") ?? "local";
  const token = BEARER.exec(c.req.header("Authorization") ?? "")?.[1];
  if (!token) return refuse(c.env, client, "Send an editor token: Authorization: Bearer <token>.");
  const editor = await findEditor(c.env.DB, await tokenHash(token));
  if (!editor) return refuse(c.env, client, "This token is unknown or revoked.");
  if (!editor.scopes.includes(scope) && !editor.scopes.includes("admin")) {
    throw problem(403, `This token lacks the "${scope}" scope.`);
  }
  c.executionCtx.waitUntil(markTokenUsed(c.env.DB, editor.id, new Date().toISOString()));
  return editor;
}

/**
 * Lets a request through only with a live editor token that carries `scope`
 * (or `admin`), and records who is writing for the audit log.
 * @example publications.post("/", requireEditor("publish"), handler)
 */
export function requireEditor(scope: Scope) {
  return createMiddleware<EditorEnv>(async function requireEditor(c, next) {
    c.set("editor", await authenticate(c, scope));
    c.set("requestId", c.req.header("CF-Ray") ?? crypto.randomUUID());
    await next();
  });
}
