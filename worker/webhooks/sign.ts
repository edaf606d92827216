import { fromBase64Url, toBase64 } from "../http/digest";

/** Signing as the Standard Webhooks spec says, so receivers check with any of its libraries. */

const PREFIX = "whsec_";

/** A new signing secret: `whsec_` and the base64 of 32 random bytes, as the spec's libraries read it. */
export function newSecret(): string {
  return PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * The `webhook-signature` header of a delivery: `v1,` and the base64
 * HMAC-SHA256 of `id.timestamp.body` under the secret's decoded bytes.
 * @example await signature("whsec_…", "evt_1", 1767225600, '{"type":"webhook.test"}') // "v1,K5o…="
 */
export async function signature(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    fromBase64Url(secret.slice(PREFIX.length)),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signed = await crypto.subtle.sign(
    "HMAC",
    key,
    new TextEncoder().encode(`${id}.${timestamp}.${body}`),
  );
  return `v1,${toBase64(new Uint8Array(signed))}`;
}
