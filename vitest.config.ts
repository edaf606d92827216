import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { startAccessTeam } from "./test/support/access-keys.ts";
import { startWebhookReceiver } from "./test/support/webhook-receiver.ts";
import { startWebsubHub } from "./test/support/websub-hub.ts";

export default defineConfig(async () => {
  // The Cloudflare Access team the worker tests sign in through: its keys served for real.
  const access = await startAccessTeam();
  // The WebSub hub the worker tests ping: it records what it receives.
  const hub = await startWebsubHub();
  // The webhook receiver the worker tests deliver to: it verifies each delivery as a partner would.
  const receiver = await startWebhookReceiver();
  return {
    test: {
      projects: [
        {
          // The worker, inside workerd, against real local D1, KV and Cache API.
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                // Test-only binding: the setup file applies these to the real local D1.
                bindings: {
                  TEST_MIGRATIONS: await readD1Migrations("./migrations"),
                  // As `wrangler secret put PREVIEW_SECRET` gives a deployed worker.
                  PREVIEW_SECRET: "a preview secret for the tests in workerd only",
                  // As a site configured for Cloudflare Access has them, the team being the local one.
                  ACCESS_TEAM_DOMAIN: access.teamDomain,
                  ACCESS_AUD: access.aud,
                  // Test-only binding: the key the local team signs its tokens with.
                  TEST_ACCESS_KEY: access.privateJwk,
                  // Test-only binding: where the local WebSub hub listens.
                  TEST_WEBSUB_HUB: hub.origin,
                  // Test-only binding: where the local webhook receiver listens.
                  TEST_WEBHOOK_RECEIVER: receiver.origin,
                  // As in local development: webhooks may reach the local receiver over plain http.
                  WEBHOOKS_ALLOW_PRIVATE: "true",
                },
              },
            }),
          ],
          test: {
            name: "worker",
            include: ["test/worker/**/*.test.ts"],
            setupFiles: ["./test/worker/apply-migrations.ts"],
          },
        },
        {
          // Command-line tools, in Node.
          test: { name: "scripts", include: ["test/scripts/**/*.test.ts"], environment: "node" },
        },
        {
          // Pages and the widget in headless Chromium, against the worker in workerd.
          test: {
            name: "browser",
            include: ["test/e2e/**/*.test.ts"],
            environment: "node",
            testTimeout: 60_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
