/** What a request says of itself, read the same way by every part of the app. */

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether `method` only reads (RFC 9110, section 9.2.1): open to readers, never a write. */
export const isSafe = (method: string): boolean => SAFE.has(method);

/**
 * The value of cookie `name` in a `Cookie` header, as it was set.
 * @example cookieOf("a=1; b=2", "b") // "2"
 */
export function cookieOf(header: string | null | undefined, name: string): string | undefined {
  const cookies = (header ?? "").split(/;\s*/);
  return cookies.find((cookie) => cookie.startsWith(`${name}=`))?.slice(name.length + 1);
}
