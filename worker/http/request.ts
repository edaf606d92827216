/** What a request says of itself, read the same way by every part of the app. */

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether `method` only reads (RFC 9110, section 9.2.1): open to readers, never a write. */
export const isSafe = (method: string): boolean => SAFE.has(method);

/**
 * A body read as UTF-8 text whatever its type says. workerd warns when
 * `.text()` reads a type it does not know as text (`application/x-ndjson`);
 * decoding the bytes is the same reading, without the warning.
 */
export async function bodyText(request: Request): Promise<string> {
  return new TextDecoder().decode(await request.arrayBuffer());
}

/**
 * The fields of a form our pages post (`application/x-www-form-urlencoded`),
 * read without the warning `.text()` gives for that type.
 */
export async function formFields(request: Request): Promise<Record<string, string>> {
  return Object.fromEntries(new URLSearchParams(await bodyText(request)));
}

/**
 * The value of cookie `name` in a `Cookie` header, as it was set.
 * @example cookieOf("a=1; b=2", "b") // "2"
 */
export function cookieOf(header: string | null | undefined, name: string): string | undefined {
  const cookies = (header ?? "").split(/;\s*/);
  return cookies.find((cookie) => cookie.startsWith(`${name}=`))?.slice(name.length + 1);
}
