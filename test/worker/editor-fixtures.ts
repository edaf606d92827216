import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { CSRF_HEADER } from "../../console/contract";
import { ACCESS, type Rule } from "../../worker/http/access";
import { toBase64Url } from "../../worker/http/digest";
import { SESSION_COOKIE, tokenHash } from "../../worker/http/editor-auth";
import type { Role } from "../../worker/schemas/editor";

/** A person with `role`, as an admin's invitation makes one; their e-mail is made from the name. */
export async function createPerson(name: string, role: Role): Promise<number> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}.${crypto.randomUUID().slice(0, 8)}@embassy.example`;
  const row = await env.DB.prepare(
    "INSERT INTO people (name, email, role, created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id",
  )
    .bind(name, email, role, new Date().toISOString())
    .first<{ id: number }>();
  return row?.id as number;
}

/** A real token of the person `personId`, stored hashed as `npm run token` stores it. */
export async function createTokenFor(personId: number, name: string, scopes: string[]): Promise<string> {
  const token = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  await env.DB.prepare(
    "INSERT INTO tokens (name, hash, scopes, created_at, person_id) VALUES (?1, ?2, ?3, ?4, ?5)",
  )
    .bind(name, await tokenHash(token), JSON.stringify(scopes), new Date().toISOString(), personId)
    .run();
  return token;
}

/**
 * A token with `scopes`, owned by a person of its own named after it: an
 * admin when the scopes go beyond `publish`, else a publisher (or `role`).
 */
export async function createToken(name: string, scopes: string[], role?: Role): Promise<string> {
  const owner = role ?? (scopes.some((scope) => scope !== "publish") ? "admin" : "publisher");
  return createTokenFor(await createPerson(name, owner), name, scopes);
}

/** A console session: its cookie, and the CSRF secret a write carries. */
export type Session = { cookie: string; csrf: string };

/**
 * A console session of person `personId`, as signing in with a passkey makes
 * one: the cookie to send, and the CSRF secret a write must carry.
 */
export async function createSession(personId: number): Promise<Session> {
  const value = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const csrf = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const now = new Date();
  await env.DB.prepare(
    `INSERT INTO sessions (id_hash, person_id, csrf, via, created_at, expires_at)
     VALUES (?1, ?2, ?3, 'passkey', ?4, ?5)`,
  )
    .bind(
      await tokenHash(value),
      personId,
      csrf,
      now.toISOString(),
      new Date(now.getTime() + 12 * 3600_000).toISOString(),
    )
    .run();
  return { cookie: `${SESSION_COOKIE}=${value}`, csrf };
}

/**
 * The operations whose ACCESS rule meets `met`, in OpenAPI's spelling:
 * `{name}` for Hono's `:name{…}`.
 * @example accessedOperations((rule) => rule === "session") // "GET /api/v1/tokens", …
 */
export function accessedOperations(met: (rule: Rule) => boolean): Set<string> {
  return new Set(
    Object.entries(ACCESS)
      .filter(([, rule]) => met(rule))
      .map(([key]) => key.replace(/:(\w+)(?:\{(?:[^{}]|\{[^{}]*\})*\})?/g, "{$1}")),
  );
}

/** The headers of a request in session `session`: its cookie, and on a write its CSRF secret. */
export function inSession(session: Session): Record<string, string> {
  return { Cookie: session.cookie, [CSRF_HEADER]: session.csrf };
}

export function authorized(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/**
 * A request from the editor holding `token`, as a client would send it: a
 * string body as it is, any other body as JSON.
 */
export function sendAs(
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return exports.default.fetch(
    new Request(`https://embassy.example${path}`, {
      method,
      body: typeof body === "string" || body === undefined ? body : JSON.stringify(body),
      headers: {
        ...authorized(token),
        ...(typeof body === "object" ? { "Content-Type": "application/json" } : {}),
        ...headers,
      },
    }),
  );
}

/** Who sends a request: in a console session, with a token, or neither; and headers of its own. */
export type Sender = { session?: Session; token?: string; headers?: Record<string, string> };

/** A request from `as`, its body (if any) as JSON. */
export function send(method: string, path: string, as: Sender, body?: unknown): Promise<Response> {
  return exports.default.fetch(
    new Request(`https://embassy.example${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: {
        ...(as.session ? inSession(as.session) : {}),
        ...(as.token ? authorized(as.token) : {}),
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...as.headers,
      },
    }),
  );
}

/** The answer's JSON, once its status is `status` (the body shown when not); none for an empty body. */
export async function json<T = any>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return (text ? JSON.parse(text) : undefined) as T;
}
