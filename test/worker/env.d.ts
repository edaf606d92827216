declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** vitest.config.ts gives the tests a secret, as `wrangler secret put` gives a deployed worker. */
    PREVIEW_SECRET?: string;
    /** The local Cloudflare Access team's signing key (a JWK), from vitest.config.ts. */
    TEST_ACCESS_KEY: string;
    /** The local WebSub hub's origin (test/support/websub-hub.ts), from vitest.config.ts. */
    TEST_WEBSUB_HUB: string;
    /** The local webhook receiver's origin (test/support/webhook-receiver.ts), from vitest.config.ts. */
    TEST_WEBHOOK_RECEIVER: string;
    ACCESS_TEAM_DOMAIN?: string;
    ACCESS_AUD?: string;
  }
}
