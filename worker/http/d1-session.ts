import type { Bindings } from "../bindings";
import { forgetContentVersion } from "../data/cache";
import { SESSION_COOKIE } from "./editor-auth";
import { problemResponse } from "./problem";
import { cookieOf, isSafe } from "./request";

/** Where the database stood after a request: sent back on private answers, given again to read from there on. */
export const BOOKMARK_HEADER = "X-D1-Bookmark";
/** The console's copy of the bookmark, so an editor's next page sees the write just made. */
export const BOOKMARK_COOKIE = "__Host-chancery-bookmark";

// D1's bookmarks are four hex fields; anything else was not given by us.
export const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;
// A bookmark matters for the seconds a replica may lag; a few minutes is plenty.
const BOOKMARK_COOKIE_SECONDS = 300;

/**
 * Where this request's reads start: at least where the bookmark it carries
 * says (so editors read their own writes), else at the primary for a write,
 * else at whichever copy is nearest.
 */
function constraintOf(request: Request): string | Response {
  const given = request.headers.get(BOOKMARK_HEADER);
  if (given !== null && !BOOKMARK.test(given)) {
    return problemResponse(400, `${BOOKMARK_HEADER} must be a bookmark this API gave in that header.`, {
      "invalid-params": [{ name: BOOKMARK_HEADER, reason: "is not a bookmark this API gave" }],
    });
  }
  const kept = cookieOf(request.headers.get("Cookie"), BOOKMARK_COOKIE);
  const bookmark = given ?? (kept && BOOKMARK.test(kept) ? kept : undefined);
  if (bookmark) return bookmark;
  return isSafe(request.method) ? "first-unconstrained" : "first-primary";
}

/** What the answer says of where the database stood, and what a write leaves behind. */
function afterwards(request: Request, response: Response, bookmark: string | null): Response {
  const wrote = !isSafe(request.method) && response.status < 400;
  // A write committed: this isolate's next read asks D1 for the version rather than trust a second-old one.
  if (wrote) forgetContentVersion();
  const shared = (response.headers.get("Cache-Control") ?? "").startsWith("public");
  if (!bookmark || shared) return response;
  const answer = new Response(response.body, response);
  answer.headers.set(BOOKMARK_HEADER, bookmark);
  if (wrote && cookieOf(request.headers.get("Cookie"), SESSION_COOKIE)) {
    answer.headers.append(
      "Set-Cookie",
      `${BOOKMARK_COOKIE}=${bookmark}; Max-Age=${BOOKMARK_COOKIE_SECONDS}; Path=/; Secure; HttpOnly; SameSite=Strict`,
    );
  }
  return answer;
}

/**
 * Runs `handle` with D1 as one session of the Sessions API: public reads
 * from the nearest read replica, writes at the primary, and a request that
 * carries a bookmark (header, or the console's cookie) no older than it.
 * Private answers carry the session's bookmark back.
 */
export async function inD1Session(
  request: Request,
  env: Env,
  handle: (bindings: Bindings) => Response | Promise<Response>,
): Promise<Response> {
  const constraint = constraintOf(request);
  if (constraint instanceof Response) return constraint;
  const session = env.DB.withSession(constraint);
  const response = await handle({ ...env, DB: session });
  return afterwards(request, response, session.getBookmark());
}
