/**
 * Stands in for `zod/v4/core` in the deployed bundle (wrangler.toml `[alias]`).
 *
 * hono-openapi turns schemas into JSON Schema through @standard-community/standard-json,
 * which keeps an `import("zod/v4/core")` for zod schemas. The worker's schemas are all
 * valibot, so that branch never runs, yet a bundler must follow the import and would ship
 * about 700 KB of zod. Should a zod schema ever reach it, this says so instead of failing
 * with something vague.
 */
export function toJSONSchema(): never {
  throw new Error("zod is not bundled: the worker's schemas are valibot (see wrangler.toml [alias])");
}
