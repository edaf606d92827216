import { env } from "cloudflare:workers";
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
