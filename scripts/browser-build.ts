import type { BuildOptions } from "esbuild";

/** How every script a browser loads is built: one minified ES module per entry. */
export const browserBuild = {
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  legalComments: "none",
  logLevel: "warning",
} satisfies BuildOptions;
