import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./bindings";
import { wakeDispatcher } from "./events/wake";
import { editorAccess } from "./http/access";
import { problemResponse } from "./http/problem";
import { readsFromAnyOrigin } from "./http/same-origin";
import { writeHeaders } from "./http/write-headers";
import { alerts } from "./routes/alerts";
import { editorsConsole } from "./routes/console";
import { counters } from "./routes/counters";
import { crawlers } from "./routes/crawlers";
import { apiDocs } from "./routes/docs";
import { audit } from "./routes/editor/audit";
import { clearance } from "./routes/editor/clearance";
import { editorCounters } from "./routes/editor/counters";
import { editorEmblem } from "./routes/editor/emblem";
import { me } from "./routes/editor/me";
import { passkeys } from "./routes/editor/passkeys";
import { people } from "./routes/editor/people";
import { editorPublications, imports, previews } from "./routes/editor/publications";
import { editorSite } from "./routes/editor/site";
import { tokens } from "./routes/editor/tokens";
import { translations } from "./routes/editor/translations";
import { webhooks } from "./routes/editor/webhooks";
import { favicon } from "./routes/favicon";
import { feeds } from "./routes/feeds";
import { health } from "./routes/health";
import { live } from "./routes/live";
import { media } from "./routes/media";
import { oembed } from "./routes/oembed";
import { pages } from "./routes/pages";
import { publications } from "./routes/publications";
import { search } from "./routes/search";
import { site } from "./routes/site";
import { widget } from "./routes/widget";

const api = new Hono<AppEnv>()
  .route("/health", health)
  .route("/live", live)
  // Editors name a publication by id under /by-id, readers by slug: no path is both.
  .route("/", clearance)
  .route("/", translations)
  .route("/publications", editorPublications)
  .route("/publications", publications)
  .route("/previews", previews)
  .route("/imports", imports)
  .route("/search", search)
  .route("/alerts", alerts)
  .route("/counters", editorCounters)
  .route("/counters", counters)
  .route("/site/emblem", editorEmblem)
  .route("/site", editorSite)
  .route("/site", site)
  .route("/audit", audit)
  .route("/people", people)
  .route("/me", me)
  .route("/tokens", tokens)
  .route("/passkeys", passkeys)
  .route("/webhooks", webhooks);

/** The whole site and API: every route, the middleware before them, and the answers when none fits. */
export const app = new Hono<AppEnv>();

// Every response says how it may be cached; what does not say otherwise is private.
app.use(async (c, next) => {
  await next();
  if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "private, no-store");
});

app.use("/api/v1/*", readsFromAnyOrigin);
// Outermost of the API's own: it sees the final answer of every write, refusals included.
app.use("/api/*", wakeDispatcher);
// Deny by default: every operation but a public read passes the one access table.
app.use("/api/*", editorAccess);
app.use("/api/*", writeHeaders);

app.route("/api/v1", api);
app.route("/api", apiDocs);
app.route("/", widget);
app.route("/", media);
app.route("/", feeds);
app.route("/", crawlers);
app.route("/", favicon);
app.route("/", oembed);
app.route("/", editorsConsole);
// Last: its catch-all answers readers' misses with the site's 404 page.
app.route("/", pages);

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** The methods a route of the app answers at `path`, the site's catch-all 404 aside. */
function methodsAt(path: string): string[] {
  const answers = (method: string) =>
    app.router.match(method, path)[0].some(([[, route]]) => route.method !== "ALL" && route.path !== "/*");
  const methods: string[] = METHODS.filter(answers);
  return methods.includes("GET") ? ["GET", "HEAD", ...methods.slice(1)] : methods;
}

// A path that answers other methods says which (405 with Allow), so a client learns its mistake.
app.notFound((c) => {
  const allowed = methodsAt(c.req.path);
  if (allowed.length === 0) return problemResponse(404, `Nothing is at ${c.req.path}.`);
  return problemResponse(
    405,
    `${c.req.path} answers ${allowed.join(", ")}, not ${c.req.method}.`,
    {},
    {
      Allow: allowed.join(", "),
    },
  );
});

app.onError((error, c) => {
  if (error instanceof HTTPException) {
    return error.res ?? problemResponse(error.status, error.message);
  }
  // Unknown failures are logged here and never described to the client.
  console.error(c.req.method, c.req.url, error);
  return problemResponse(500, "Something went wrong on our side; it has been logged.");
});
