import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { InvalidParam, Problem } from "../schemas/problem";

/** RFC 9457 lets a problem carry members of its own, such as the current version on a 412. */
type Extensions = Partial<Problem> & Record<string, unknown>;

const TITLES: Partial<Record<ContentfulStatusCode, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  410: "Gone",
  412: "Precondition Failed",
  428: "Precondition Required",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** The one way an error leaves the worker: RFC 9457 problem+json, never cached. */
export function problemResponse(
  status: ContentfulStatusCode,
  detail: string,
  extra: Extensions = {},
  headers: HeadersInit = {},
): Response {
  const problem: Problem = {
    type: "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    detail,
    ...extra,
  };
  const response = new Response(JSON.stringify(problem), { status, headers });
  response.headers.set("Content-Type", "application/problem+json");
  response.headers.set("Cache-Control", "private, no-store");
  return response;
}

/**
 * An exception carrying a problem answer; throw it anywhere and the app's
 * `onError` sends it.
 * @example throw problem(404, "No publication has the slug `x`.")
 */
export function problem(
  status: ContentfulStatusCode,
  detail: string,
  extra: Extensions = {},
  headers: HeadersInit = {},
): HTTPException {
  return new HTTPException(status, {
    message: detail,
    res: problemResponse(status, detail, extra, headers),
  });
}

/** A 400 (a bad request) or 422 (a bad body) naming each bad field and why it is bad. */
export function invalidParams(params: InvalidParam[], status: 400 | 422 = 400): HTTPException {
  const detail = params.map((param) => `${param.name} ${param.reason}`).join("; ");
  const what = status === 400 ? "Invalid request" : "Invalid fields";
  return problem(status, `${what}: ${detail}.`, { "invalid-params": params });
}
