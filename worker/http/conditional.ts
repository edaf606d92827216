/**
 * If-None-Match by weak comparison (RFC 9110 §13.1.2): `W/"x"` matches
 * `"x"`, and `*` matches anything.
 */
export function isNotModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || weak(tag) === weak(etag));
}
