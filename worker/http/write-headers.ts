import { createMiddleware } from "hono/factory";
import * as v from "valibot";
import { WriteHeaders } from "../schemas/write-headers";
import { invalidParams } from "./problem";
import { isSafe } from "./request";
import { fieldIssues } from "./validate";

/**
 * Checks `If-Match` and `Idempotency-Key` on every write before it reaches
 * its route, so a bad one is a 400 naming it, whatever else the request holds.
 */
export const writeHeaders = createMiddleware(async function writeHeaders(c, next) {
  if (isSafe(c.req.method)) return next();
  const headers = Object.fromEntries(
    Object.keys(WriteHeaders.entries).map((name) => [name, c.req.header(name)]),
  );
  const result = v.safeParse(WriteHeaders, headers, { abortPipeEarly: true });
  if (!result.success) throw invalidParams(fieldIssues(result.issues));
  await next();
});
