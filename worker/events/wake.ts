import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../bindings";
import { isSafe } from "../http/request";
import { dispatcherOf } from "./stub";

/**
 * After a write that succeeded, wakes the dispatcher to tell what it did,
 * once, here, so no route has to remember it. The write has committed: a
 * dispatcher that cannot be reached is logged and its alarm or the hourly
 * cron catches up, and the answer stays what it was.
 */
export const wakeDispatcher = createMiddleware<AppEnv>(async function wakeDispatcher(c, next) {
  await next();
  if (isSafe(c.req.method) || c.res.status < 200 || c.res.status >= 300) return;
  const origin = new URL(c.req.url).origin;
  const woken = Promise.resolve()
    .then(() => dispatcherOf(c.env).wake(origin))
    .catch((error) => console.error("event dispatcher not woken", error));
  c.executionCtx.waitUntil(woken);
});
