/**
 * The API's OpenAPI 3.1 document, generated from the valibot schemas the
 * routes validate with, and its reference page. The build writes both
 * (scripts/build-openapi.ts) and the worker serves those files: neither the
 * generator nor the page's renderer runs in the worker, so both stay out of
 * its bundle.
 */

import { jsx } from "hono/jsx";
import { type GenerateSpecOptions, generateSpecs } from "hono-openapi";
import type { OpenAPIV3_1 } from "openapi-types";
import { app } from "./app";
import { components } from "./http/operations";
import { ApiReference } from "./views/api-reference";

/** What the document says of itself, beyond what the routes declare. */
export const documentOptions = (): Partial<GenerateSpecOptions> => ({
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
    components: components(),
    // Relative: a reader resolves it against the document's own address, so one file serves every origin.
    servers: [{ url: "/" }],
  },
  exclude: [/^\/api\/(openapi\.json|docs|docs\.css)$/],
  // Feeds and the sitemap are read by programs too: they belong in the document.
  excludeStaticFile: false,
});

/**
 * The document the app declares now.
 * @example await writeFile("openapi.json", JSON.stringify(await openApiDocument()));
 */
export const openApiDocument = async (): Promise<OpenAPIV3_1.Document> =>
  (await generateSpecs(app, documentOptions())) as OpenAPIV3_1.Document;

/**
 * The reference page (`/api/docs`) of `spec`, doctype first: a pure function
 * of the document, so it is rendered once, with it, not on every request.
 * @example await writeFile("docs.html", await apiReferencePage(await openApiDocument()));
 */
export const apiReferencePage = async (spec: OpenAPIV3_1.Document): Promise<string> =>
  String(await jsx(ApiReference, { spec }).toString());
