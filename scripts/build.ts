/**
 * `npm run build`: the widget, the console, the pages' stylesheets and the
 * API's OpenAPI document, in one process so that an up-to-date build costs
 * one start of tsx. Each skips itself when nothing it reads has changed.
 */
import { readFile, writeFile } from "node:fs/promises";
import "./build-widget";
import "./build-console";
import "./build-styles";

// After the others: the document comes from the app, which imports their hash modules.
await import("./build-openapi");

// wrangler.toml makes dist/ the worker's static assets; of it the worker serves
// only the built scripts, the stylesheets, the elements' manifest and the API's
// document, so the modules it imports, the stamps, the type declarations and the
// widget's metafile (read by the bench) stay unpublished.
const ASSETS_IGNORE = "dist/.assetsignore";
const IGNORED = "*.ts\ninputs.json\ntypes/\nmetafile.json\n";

// Written only when it differs: a rewrite would make `wrangler dev` reload its assets.
if ((await readFile(ASSETS_IGNORE, "utf8").catch(() => "")) !== IGNORED) {
  await writeFile(ASSETS_IGNORE, IGNORED);
}
