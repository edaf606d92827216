import { Hono } from "hono";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { problemResponse } from "./http/problem";
import { counters } from "./routes/counters";
import { apiDocs } from "./routes/docs";
import { health } from "./routes/health";
import { publications } from "./routes/publications";
import { site } from "./routes/site";
import { widget } from "./routes/widget";

const api = new Hono<{ Bindings: Env }>()
  .route("/health", health)
  .route("/publications", publications)
  .route("/counters", counters)
  .route("/site", site);

const app = new Hono<{ Bindings: Env }>();

// Every response says how it may be cached; what does not say otherwise is private.
app.use(async (c, next) => {
  await next();
  if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "private, no-store");
});

app.use(
  "/api/v1/*",
  cors({
    origin: "*",
    allowMethods: ["GET", "HEAD", "OPTIONS"],
    exposeHeaders: ["ETag", "Link", "Retry-After"],
    maxAge: 86_400,
  }),
);

app.route("/api/v1", api);
app.route("/api", apiDocs(app));
app.route("/", widget);

app.notFound((c) => problemResponse(404, `Nothing is at ${new URL(c.req.url).pathname}.`));

app.onError((error, c) => {
  if (error instanceof HTTPException) {
    return error.res ?? problemResponse(error.status, error.message);
  }
  // Unknown failures are logged here and never described to the client.
  console.error(c.req.method, c.req.url, error);
  return problemResponse(500, "Something went wrong on our side; it has been logged.");
});

export default app satisfies ExportedHandler<Env>;
