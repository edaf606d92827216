/**
 * Stands in, in the deployed bundle (wrangler.toml `[alias]`), for the
 * packages that turn schemas into JSON Schema: @valibot/to-json-schema and
 * hono-openapi's @standard-community/standard-json and standard-openapi
 * (with quansync and their optional imports of zod and other libraries).
 *
 * The build writes the OpenAPI document (scripts/build-openapi.ts) and the
 * worker serves that file, so the worker never converts a schema; yet
 * hono-openapi, which the routes describe and validate through, imports
 * these at its top, and a bundler would ship them. One module serves all:
 * each name they give is here, and says so if it is ever reached.
 */
function notInWorker(): never {
  throw new Error(
    "The OpenAPI generator is not bundled: the build writes the document (see wrangler.toml [alias]).",
  );
}

export const toJsonSchema = notInWorker;
export const toOpenAPISchema = notInWorker;
export const loadVendor = notInWorker;
