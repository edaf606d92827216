import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => ({
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
}));
