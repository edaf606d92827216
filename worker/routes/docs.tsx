import { Hono } from "hono";
import type { OpenAPIV3_1 } from "openapi-types";
import { openApiHash } from "../../dist/openapi/bundle";
import type { AppEnv } from "../bindings";
import { pageHeaders } from "../http/page-headers";
import { builtFile, staticFile, stylesheet } from "../http/static-file";
import { ApiReference } from "../views/api-reference";

const DOCS_CACHE = "public, max-age=300";
/** Written by `npm run build` (scripts/build-openapi.ts) from worker/openapi.ts. */
const DOCUMENT = "openapi/openapi.json";

/** The document as this isolate first read it: it changes only with a deploy. */
let loaded: OpenAPIV3_1.Document | undefined;

async function theDocument(assets: Fetcher): Promise<OpenAPIV3_1.Document> {
  loaded ??= await new Response(await builtFile(assets, DOCUMENT)).json<OpenAPIV3_1.Document>();
  return loaded;
}

/**
 * The API's OpenAPI 3.1 document, built with the worker from the valibot
 * schemas the routes validate with, and a reference page rendered from it.
 */
export const apiDocs = new Hono<AppEnv>()
  .get("/openapi.json", (c) =>
    staticFile(
      c,
      { etag: `"${openApiHash}"`, type: "application/json", read: () => builtFile(c.env.ASSETS, DOCUMENT) },
      DOCS_CACHE,
    ),
  )
  .get("/docs.css", (c) => stylesheet(c, "api-reference"))
  .get("/docs", pageHeaders, async (c) => {
    c.header("Cache-Control", DOCS_CACHE);
    return c.html(<ApiReference spec={await theDocument(c.env.ASSETS)} />);
  });
