import type { Bindings } from "../bindings";
import { fromBase64Url, toBase64Url } from "./digest";
import { problem } from "./problem";

/**
 * Preview links are signed, not stored: a link is `id.expiry.signature`,
 * the signature the HMAC-SHA-256 of `id.expiry` under PREVIEW_SECRET. A
 * forged or altered link fails the signature; an expired one fails before
 * the database is asked; a revoked one is found revoked there.
 */

// Requests to this machine itself (`npm start`, the Chromium tests) may use a
// known key: a link it signs opens nothing on any other host, and a deployed
// worker, never reached as localhost, must have a secret of its own.
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const LOOPBACK_SECRET = "chancery preview links on this machine only, never deployed";
const MIN_SECRET_LENGTH = 32;

/** The key that signs preview links for `url`'s host, if this worker has one. */
export function previewSecret(env: Pick<Bindings, "PREVIEW_SECRET">, url: string): string | undefined {
  const secret = env.PREVIEW_SECRET;
  if (secret && secret.length >= MIN_SECRET_LENGTH) return secret;
  return LOOPBACK.has(new URL(url).hostname) ? LOOPBACK_SECRET : undefined;
}

/** The key, or a 503 that says how to set one: no link is made under a guessable key. */
export function requirePreviewSecret(env: Pick<Bindings, "PREVIEW_SECRET">, url: string): string {
  const secret = previewSecret(env, url);
  if (secret) return secret;
  throw problem(
    503,
    `Preview links are off: this worker has no PREVIEW_SECRET of ${MIN_SECRET_LENGTH} characters or more. ` +
      "Set one with `npx wrangler secret put PREVIEW_SECRET`.",
  );
}

const keys = new Map<string, Promise<CryptoKey>>();

function keyOf(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    keys.set(secret, key);
  }
  return key;
}

const signed = (id: string, expires: number) => new TextEncoder().encode(`preview:${id}.${expires}`);

/** A new link's id: 16 random bytes. */
export const newPreviewId = () => toBase64Url(crypto.getRandomValues(new Uint8Array(16)));

/** The token of link `id`, which works until `expiresAt` (whole seconds). */
export async function signPreview(secret: string, id: string, expiresAt: string): Promise<string> {
  const expires = Math.floor(Date.parse(expiresAt) / 1000);
  const signature = await crypto.subtle.sign("HMAC", await keyOf(secret), signed(id, expires));
  return `${id}.${expires}.${toBase64Url(new Uint8Array(signature))}`;
}

// The signature's last character carries two unused bits: only the canonical
// spelling is taken, so no second token means the same link.
const TOKEN = /^([A-Za-z0-9_-]{22})\.([1-9]\d{9})\.([A-Za-z0-9_-]{42}[AEIMQUYcgkosw048])$/;

/** The link a token names, when this worker signed it and it has not expired at `now`. */
export async function verifyPreview(
  secret: string,
  token: string,
  now: number,
): Promise<{ id: string; expiresAt: string } | undefined> {
  const match = TOKEN.exec(token);
  if (!match) return undefined;
  const [, id, expires, signature] = match;
  // subtle.verify compares in constant time: the answer's timing says nothing of the right signature.
  const genuine = await crypto.subtle.verify(
    "HMAC",
    await keyOf(secret),
    fromBase64Url(signature),
    signed(id, Number(expires)),
  );
  const expiresAt = Number(expires) * 1000;
  if (!genuine || expiresAt <= now) return undefined;
  return { id, expiresAt: new Date(expiresAt).toISOString() };
}

/** The page a token opens, on the site of `request` (any URL of it). */
export const previewUrl = (request: string, token: string) => new URL(`/preview/${token}`, request).href;
