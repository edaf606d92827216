// `wrangler dev` without its fetch of a sample `Request.cf` from Cloudflare: the worker
// reads none of it, and offline the failed fetch prints a stack trace on every start.
// CLOUDFLARE_CF_FETCH_ENABLED=true in the environment brings it back.
// It builds nothing itself: wrangler runs wrangler.toml's [build] command before it
// bundles (and again when worker/, widget/ or console/ change), so a start builds once.
// Webhooks may reach plain http and private addresses here (WEBHOOKS_ALLOW_PRIVATE), so a
// receiver on this machine can be tried; a deployed site keeps wrangler.toml's "false".
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const wrangler = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");
const dev = spawn(
  process.execPath,
  [wrangler, "dev", "--var", "WEBHOOKS_ALLOW_PRIVATE:true", ...process.argv.slice(2)],
  {
    stdio: "inherit",
    env: { CLOUDFLARE_CF_FETCH_ENABLED: "false", ...process.env },
  },
);
dev.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
