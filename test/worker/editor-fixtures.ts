import { env, exports } from "cloudflare:workers";
import { toBase64Url } from "../../worker/http/digest";
import { tokenHash } from "../../worker/http/editor-auth";

/** Issues a real editor token, stored hashed as `npm run token` stores it. */
export async function createToken(name: string, scopes: string[]): Promise<string> {
  const token = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  await env.DB.prepare("INSERT INTO tokens (name, hash, scopes, created_at) VALUES (?1, ?2, ?3, ?4)")
    .bind(name, await tokenHash(token), JSON.stringify(scopes), new Date().toISOString())
    .run();
  return token;
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
