import type { Context } from "hono";

/**
 * The request's address with only the query parameters its route declares
 * (validated, in a stable order): `?utm_source=…`, `?x=42` and the like fall
 * away. Cached reads are filed under it and pages link from it, so a
 * parameter nobody declared can neither mint a cached copy nor leak into one.
 * @example declaredUrl(c).href // "https://embassy.example/publications?kind=speech"
 */
export function declaredUrl(c: Context): URL {
  const url = new URL(c.req.url);
  const declared = new URL(url.pathname, url.origin);
  const validated = (c.req.valid as (target: "query") => Record<string, unknown> | undefined)("query");
  const names = Object.keys(validated ?? {}).filter((name) => url.searchParams.has(name));
  for (const name of names.sort()) {
    for (const value of url.searchParams.getAll(name)) declared.searchParams.append(name, value);
  }
  return declared;
}
