declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** vitest.config.ts gives the tests a secret, as `wrangler secret put` gives a deployed worker. */
    PREVIEW_SECRET?: string;
  }
}
