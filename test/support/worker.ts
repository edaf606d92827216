import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Miniflare } from "miniflare";

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

export type Database = Awaited<ReturnType<Miniflare["getD1Database"]>>;

export interface WorkerConfig {
  compatibilityDate: string;
  compatibilityFlags: string[];
  /** The folder of built files the worker serves through its ASSETS binding. */
  assetsDirectory: string;
}

export interface RunningWorker {
  url: URL;
  db: Database;
  dispose: () => Promise<void>;
}

const live = new Set<Miniflare>();

/** What went into the bundle (esbuild's metafile), written beside it by `bundleWorker`. */
export const BUNDLE_METAFILE = "meta.json";

/**
 * Bundles `worker/index.ts` the way a deploy does, so the benchmark runs
 * the code that would ship. Returns the bundle's path.
 */
export async function bundleWorker(outdir: string): Promise<string> {
  const wrangler = join(projectRoot, "node_modules", ".bin", "wrangler");
  const metafile = join(outdir, BUNDLE_METAFILE);
  await promisify(execFile)(wrangler, ["deploy", "--dry-run", "--outdir", outdir, "--metafile", metafile], {
    cwd: projectRoot,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    maxBuffer: 16 * 1024 * 1024,
  });
  return join(outdir, "index.js");
}

/** Only the keys Miniflare needs: the top-level ones come before the first [table]. */
export async function readWorkerConfig(): Promise<WorkerConfig> {
  const toml = await readFile(join(projectRoot, "wrangler.toml"), "utf8");
  const [topLevel, ...tables] = toml.split(/^\s*\[/m);
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(topLevel)?.[1];
  if (!date) throw new Error("wrangler.toml has no compatibility_date");
  const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(topLevel)?.[1] ?? "";
  const assetsTable = tables.find((table) => table.startsWith("assets]")) ?? "";
  const assets = /^directory\s*=\s*"([^"]+)"/m.exec(assetsTable)?.[1];
  if (!assets) throw new Error("wrangler.toml has no [assets] directory");
  return {
    compatibilityDate: date,
    compatibilityFlags: [...flags.matchAll(/"([^"]+)"/g)].map((match) => match[1]),
    assetsDirectory: join(projectRoot, assets),
  };
}

/**
 * Starts the bundle in workerd with in-memory D1, R2 and Cache API and the
 * built files as its static assets; `url` reaches it directly. `vars` set
 * what wrangler.toml's [vars] would.
 */
export async function startWorker(
  scriptPath: string,
  config: WorkerConfig,
  vars: Record<string, string> = {},
): Promise<RunningWorker> {
  const mf = new Miniflare({
    // Listed, not crawled: the bundle is one module, and the crawler would look
    // for imports it keeps but never reaches.
    modules: [{ type: "ESModule", path: scriptPath }],
    modulesRoot: dirname(scriptPath),
    compatibilityDate: config.compatibilityDate,
    compatibilityFlags: config.compatibilityFlags,
    d1Databases: { DB: "bench" },
    r2Buckets: ["MEDIA"],
    // As in wrangler.toml: the site's event dispatcher, which also holds the live widgets' sockets.
    durableObjects: { DISPATCHER: "EventDispatcher" },
    // As in wrangler.toml: webhooks go through a queue that this worker consumes, with a dead-letter queue.
    queueProducers: { WEBHOOKS: { queueName: "chancery-webhooks" } },
    queueConsumers: {
      "chancery-webhooks": {
        maxBatchSize: 10,
        maxBatchTimeout: 0,
        maxRetries: 15,
        deadLetterQueue: "chancery-webhooks-dead",
      },
      "chancery-webhooks-dead": { maxBatchSize: 10, maxBatchTimeout: 5 },
    },
    // As wrangler.toml's [vars] give a deployed worker: webhooks reach public addresses only.
    bindings: { WEBHOOKS_ALLOW_PRIVATE: "false", ...vars },
    // As in wrangler.toml: failed sign-ins are counted, ten a minute.
    ratelimits: {
      AUTH_FAILURES: { simple: { limit: 10, period: 60 } },
      SIGN_IN_PROMPTS: { simple: { limit: 60, period: 60 } },
    },
    cache: true,
    // As in wrangler.toml: the worker answers every request and reads the built files through ASSETS.
    assets: {
      directory: config.assetsDirectory,
      binding: "ASSETS",
      routerConfig: { invoke_user_worker_ahead_of_assets: true, has_user_worker: true },
    },
    host: "127.0.0.1",
    port: 0,
    // Miniflare's own URL goes through its entry worker, a second hop that
    // caps a bare route near a third of what workerd serves; the direct
    // socket reaches the worker's fetch handler with nothing in between.
    unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
  });
  live.add(mf);
  await mf.ready;
  const url = await mf.unsafeGetDirectURL();
  const db = await mf.getD1Database("DB");
  return { url, db, dispose: () => disposeWorker(mf) };
}

async function disposeWorker(mf: Miniflare): Promise<void> {
  if (!live.delete(mf)) return;
  await mf.dispose();
}

/** Stops every workerd this process started; safe to call more than once. */
export async function disposeAllWorkers(): Promise<void> {
  await Promise.allSettled([...live].map(disposeWorker));
}
