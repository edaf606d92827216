import { toJsonSchema } from "@valibot/to-json-schema";
import { Hono } from "hono";
import { type GenerateSpecOptions, generateSpecs } from "hono-openapi";
import type { OpenAPIV3_1 } from "openapi-types";
import type { AppEnv } from "../bindings";
import { pageHeaders } from "../http/page-headers";
import { stylesheet } from "../http/static-file";
import { Problem } from "../schemas/problem";
import { API_REFERENCE_CSS, ApiReference } from "../views/api-reference";

const { $schema: _, ...problemSchema } = toJsonSchema(Problem) as OpenAPIV3_1.SchemaObject;

const options: Partial<GenerateSpecOptions> = {
  documentation: {
    openapi: "3.1.0",
    info: {
      title: "Chancery API",
      version: "1",
      description:
        "Publications, day counters and site settings of an institution's site. " +
        "Reads are public, cacheable (ETag, Cache-Control) and open to any origin. " +
        "Errors are RFC 9457 `application/problem+json`. " +
        "Writes need an editor token (`Authorization: Bearer`, made with `npm run token`) and are never open to other origins.",
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An editor token" } },
    },
  },
  exclude: [/^\/api\/(openapi\.json|docs|docs\.css)$/],
  defaultValidationErrorResponse: {
    description: "A parameter is invalid: `invalid-params` names each one and the reason",
    content: { "application/problem+json": { schema: problemSchema } },
  },
};

const DOCS_CACHE = "public, max-age=300";

/**
 * The API's OpenAPI 3.1 document, generated from the valibot schemas the
 * routes validate with, and a reference page rendered from it.
 */
export function apiDocs(api: Hono<AppEnv>) {
  return new Hono<AppEnv>()
    .get("/openapi.json", async (c) => {
      c.header("Cache-Control", DOCS_CACHE);
      return c.json(await generateSpecs(api, options, c));
    })
    .get("/docs.css", (c) => stylesheet(c, API_REFERENCE_CSS))
    .get("/docs", pageHeaders, async (c) => {
      c.header("Cache-Control", DOCS_CACHE);
      return c.html(<ApiReference spec={await generateSpecs(api, options, c)} />);
    });
}
