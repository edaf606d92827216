import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { CSRF_HEADER } from "../../console/contract";
import type { AppEnv, Bindings } from "../bindings";
import { findSession } from "../data/sessions";
import { findEditor, markTokenUsed } from "../data/tokens";
import type { Editor } from "../schemas/editor";
import { allows, aRole, atLeast } from "../vocabulary";
import type { Rule } from "./access";
import { digest, toBase64Url, toHex } from "./digest";
import { problem } from "./problem";
import { cookieOf, isSafe } from "./request";

// The scheme is case-insensitive (RFC 9110, section 11.1): `bearer` and `BEARER` are `Bearer`.
const BEARER = /^Bearer +([A-Za-z0-9_-]{16,256})$/i;
const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="chancery"' };

/** The console's session: HttpOnly, Secure, SameSite=Strict, and `__Host-` so no subdomain can set it. */
export const SESSION_COOKIE = "__Host-chancery-session";

/** Stored tokens are SHA-256 hashes; a token itself is never kept. */
export async function tokenHash(token: string): Promise<string> {
  return toHex(await digest("SHA-256", token));
}

/** 32 random bytes, URL-safe: a token, a session id, a CSRF secret. */
export function randomSecret(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Counts a failed sign-in against the client; false once it is past the limit. */
export async function withinSignInLimit(env: Bindings, client: string): Promise<boolean> {
  const { success } = await env.AUTH_FAILURES.limit({ key: client });
  return success;
}

export const clientOf = (c: Pick<Context, "req">) => c.req.header("CF-Connecting-IP") ?? "local";

/**
 * A passkey prompt holds a row until it is answered or expires, and anyone
 * may ask for one: past SIGN_IN_PROMPTS' limit a client waits a minute.
 */
export const limitPrompts = createMiddleware<AppEnv>(async function limitPrompts(c, next) {
  const { success } = await c.env.SIGN_IN_PROMPTS.limit({ key: clientOf(c) });
  if (!success) {
    throw problem(429, "Too many passkey prompts from here; wait a minute.", {}, { "Retry-After": "60" });
  }
  await next();
});

/**
 * Counts a failed sign-in against the client; past the limit it answers 429,
 * so tokens cannot be guessed at speed.
 */
async function refuse(env: Bindings, client: string, detail: string): Promise<never> {
  if (!(await withinSignInLimit(env, client))) {
    throw problem(
      429,
      "Too many failed sign-ins from this client; wait a minute.",
      {},
      { "Retry-After": "60" },
    );
  }
  throw problem(401, detail, {}, CHALLENGE);
}

/** Hono env of the editors' routes: who is writing, and the request's id for the audit log. */
export type EditorEnv = {
  Bindings: Bindings;
  Variables: { editor: Editor; requestId: string };
};

/** Any route's context will do: only the request, bindings and waitUntil are read. */
type RequestContext = Pick<Context<AppEnv>, "env" | "req" | "executionCtx">;

const sessionId = (c: RequestContext) => cookieOf(c.req.header("Cookie"), SESSION_COOKIE);

/** The live console session the request's cookie names, if any. */
export async function consoleSession(c: RequestContext) {
  const id = sessionId(c);
  if (!id) return undefined;
  const idHash = await tokenHash(id);
  const session = await findSession(c.env.DB, idHash, new Date().toISOString());
  return session && { ...session, idHash };
}

/** Compares secrets in constant time, so timing tells nothing of a wrong guess. */
export async function sameSecret(given: string | undefined, expected: string): Promise<boolean> {
  if (!given) return false;
  const [a, b] = await Promise.all([digest("SHA-256", given), digest("SHA-256", expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/**
 * The editor of the console session the request's cookie names. A write
 * must also carry the session's CSRF secret, which another site cannot read.
 */
async function sessionEditor(c: RequestContext, client: string): Promise<Editor> {
  const session = await consoleSession(c);
  if (!session) return refuse(c.env, client, "Your console session has ended; sign in again.");
  if (!isSafe(c.req.method) && !(await sameSecret(c.req.header(CSRF_HEADER), session.csrf))) {
    throw problem(403, `A write from the console must carry its ${CSRF_HEADER}.`);
  }
  return session.editor;
}

async function tokenEditor(c: RequestContext, client: string, token: string): Promise<Editor> {
  const now = new Date();
  const found = await findEditor(c.env.DB, await tokenHash(token), now);
  if (!found) return refuse(c.env, client, "This token is unknown or revoked.");
  const { editor, staleUse } = found;
  if (staleUse && editor.token) {
    c.executionCtx.waitUntil(markTokenUsed(c.env.DB, editor.token.id, now.toISOString()));
  }
  return editor;
}

/** Why `editor` may not do what `rule` asks, or undefined when they may. */
function refusalOf(editor: Editor, rule: Rule): string | undefined {
  if (rule === "session") {
    return editor.token
      ? "This is done from the console, signed in as yourself; a token cannot do it."
      : undefined;
  }
  if (!atLeast(editor.role, rule.role)) {
    return `This is for ${aRole(rule.role)} or above; ${editor.name} is ${aRole(editor.role)}.`;
  }
  if (rule.scope && !allows(editor.scopes, rule.scope)) return `This token lacks the "${rule.scope}" scope.`;
  return undefined;
}

/**
 * The person behind the request's token (or console session), if it is
 * live and may do what `rule` asks; else a 401, 403 or 429 problem.
 */
export async function authenticate(c: RequestContext, rule: Rule): Promise<Editor> {
  const client = clientOf(c);
  const token = BEARER.exec(c.req.header("Authorization") ?? "")?.[1];
  // Only a credential presented and refused counts against the client: a reader who sent none has failed nothing.
  if (!token && !sessionId(c)) {
    throw problem(401, "Send an editor token: Authorization: Bearer <token>.", {}, CHALLENGE);
  }
  const editor = token ? await tokenEditor(c, client, token) : await sessionEditor(c, client);
  const refused = refusalOf(editor, rule);
  if (refused) throw problem(403, refused);
  return editor;
}
