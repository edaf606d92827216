import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { startAccessTeam } from "./test/support/access-keys.ts";

export default defineConfig(async () => {
  // The Cloudflare Access team the worker tests sign in through: its keys served for real.
  const access = await startAccessTeam();
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
