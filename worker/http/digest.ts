/** Hashes and their text forms, for ETags, cursors and Subresource Integrity. */

/** The hash of text (as UTF-8) or of bytes. */
export async function digest(
  algorithm: "SHA-256" | "SHA-384",
  data: string | BufferSource,
): Promise<Uint8Array> {
  const hash =
    typeof data === "string"
      ? await crypto.subtle.digest(algorithm, new TextEncoder().encode(data))
      : await crypto.subtle.digest(algorithm, data);
  return new Uint8Array(hash);
}

export function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/** Base64 safe in URLs and query strings: no `+`, `/` or padding. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
