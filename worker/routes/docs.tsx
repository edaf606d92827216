import { type Context, Hono } from "hono";
import { docsPageHash, openApiHash } from "../../dist/openapi/bundle";
import type { AppEnv } from "../bindings";
import { pageHeaders } from "../http/page-headers";
import { builtAsset, stylesheet } from "../http/static-file";

/** A file `npm run build` wrote to dist/openapi/ (scripts/build-openapi.ts, from worker/openapi.ts), with its hash. */
const openApiFile = (c: Context<AppEnv>, file: string, hash: string, type: string) =>
  builtAsset(c, { path: `openapi/${file}`, hash, type }, "public, max-age=300");

/**
 * The API's OpenAPI 3.1 document, built from the valibot schemas the routes
 * validate with, and the reference page rendered from it, both by the build:
 * the worker serves them and renders neither.
 */
export const apiDocs = new Hono<AppEnv>()
  .get("/openapi.json", (c) => openApiFile(c, "openapi.json", openApiHash, "application/json"))
  .get("/docs.css", (c) => stylesheet(c, "api-reference"))
  .get("/docs", pageHeaders, (c) => openApiFile(c, "docs.html", docsPageHash, "text/html; charset=utf-8"));
