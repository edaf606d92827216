import { rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { stopAllGroups } from "../support/local-dev";
import { applyMigrations } from "../support/migrations";
import {
  bundleWorker,
  disposeAllWorkers,
  projectRoot,
  readWorkerConfig,
  startWorker,
  type WorkerConfig,
} from "../support/worker";
import { measureBundle } from "./bundle";
import { fanOutLines, measureFanOut } from "./fan-out";
import { fill } from "./fill";
import { measureHostile } from "./hostile";
import { compareRounds, type Probe, summarize } from "./load";
import { measureLocalLoop } from "./local-loop";
import { foreignCores, readCpu } from "./machine";
import { measurePeople } from "./people";
import {
  type BenchResults,
  CACHED_LIST,
  formatReport,
  judge,
  loopTable,
  peopleLines,
  type Settings,
  type Sizes,
  writeJson,
} from "./report";
import { measureWidget } from "./widget";

const RESULTS_FILE = join(projectRoot, "test", "bench", "results.json");
const LIST = "/api/v1/publications?limit=10";
const NO_CACHE = { "Cache-Control": "no-cache" };

let bundleDir: string | undefined;

function log(line: string): void {
  console.log(line);
}

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, not ${raw}`);
  return value;
}

/** The defaults keep the whole run under five minutes on two cores. */
function readSettings(): Settings {
  return {
    rounds: envNumber("BENCH_ROUNDS", 5),
    seconds: envNumber("BENCH_SECONDS", 4),
    connections: envNumber("BENCH_CONNECTIONS", 10),
    rows: envNumber("BENCH_ROWS", 10_000),
    scaleRows: [envNumber("BENCH_SMALL_ROWS", 100), envNumber("BENCH_LARGE_ROWS", 100_000)],
  };
}

function probe(name: string, base: URL, path: string, headers?: Record<string, string>): Probe {
  return { name, url: new URL(path, base).href, headers };
}

async function startFilled(script: string, config: WorkerConfig, rows: number) {
  const worker = await startWorker(script, config);
  await applyMigrations(worker.db, join(projectRoot, "migrations"));
  const filled = await fill(worker.db, rows);
  log(
    `Filled ${rows.toLocaleString("en")} publications in ${(filled.ms / 1000).toFixed(1)} s (${worker.url.host}).`,
  );
  return { worker, filled };
}

async function measureMain(script: string, config: WorkerConfig, settings: Settings) {
  const { worker, filled } = await startFilled(script, config, settings.rows);
  const base = worker.url;
  log("Main figures (A B A B against the ceiling):");
  const cpuBefore = readCpu();
  const { baseline, probes } = await compareRounds(
    probe("GET /api/v1/health (ceiling)", base, "/api/v1/health"),
    [
      probe(CACHED_LIST, base, LIST),
      probe("uncached list (no-cache)", base, LIST, NO_CACHE),
      probe("publication by slug", base, `/api/v1/publications/${filled.sampleSlug}`),
      probe("counters", base, "/api/v1/counters"),
      probe("home page", base, "/en/"),
      probe("home page uncached (no-cache)", base, "/en/", NO_CACHE),
    ],
    settings.rounds,
    settings,
    log,
  );
  const otherLoad = foreignCores(cpuBefore, readCpu());
  const homePage = await pageSize(new URL("/en/", base).href);
  log("Widget: bundle size and time to the events list in Chromium...");
  // The widget page reads the same worker; localhost keeps it a third-party origin.
  const widget = await measureWidget(`http://localhost:${base.port}`);
  await worker.dispose();
  return { baseline, probes, fill: filled, otherLoad, widget, homePage };
}

async function measureScale(script: string, config: WorkerConfig, settings: Settings) {
  const [smallRows, largeRows] = settings.scaleRows;
  const small = await startFilled(script, config, smallRows);
  const large = await startFilled(script, config, largeRows);
  const name = (rows: number) => `at ${rows.toLocaleString("en")} rows`;
  log("Scale (A B A B between the two tables):");
  const cpuBefore = readCpu();
  const { baseline, probes } = await compareRounds(
    probe(name(smallRows), small.worker.url, LIST, NO_CACHE),
    [probe(name(largeRows), large.worker.url, LIST, NO_CACHE)],
    settings.rounds,
    settings,
    log,
  );
  const otherLoad = foreignCores(cpuBefore, readCpu());
  await Promise.all([small.worker.dispose(), large.worker.dispose()]);
  return { baseline, large: probes[0], fills: [small.filled, large.filled], otherLoad };
}

/** What a reader downloads for the page's HTML, raw and compressed as a CDN would. */
async function pageSize(url: string): Promise<Sizes> {
  const html = Buffer.from(await (await fetch(url)).arrayBuffer());
  return { rawBytes: html.byteLength, gzipBytes: gzipSync(html, { level: 9 }).byteLength };
}

function fillRecord(filled: { rows: number; ms: number }) {
  return { rows: filled.rows, ms: Math.round(filled.ms) };
}

async function main(): Promise<void> {
  // The local loop alone, for a quick look at start and token times.
  if (process.env.BENCH_ONLY === "local-loop") {
    log(loopTable(await measureLocalLoop(log)));
    return;
  }
  const settings = readSettings();
  bundleDir = await mkdtemp(join(tmpdir(), "chancery-bench-"));
  log("Bundling worker/index.ts (wrangler deploy --dry-run)...");
  const script = await bundleWorker(bundleDir);
  // What people cost alone: the person behind a token, a role-checked write, a passkey sign-in.
  if (process.env.BENCH_ONLY === "people") {
    log(peopleLines(await measurePeople(script, await readWorkerConfig(), settings, log)).join("\n"));
    return;
  }
  // The live channel alone: one write heard by a thousand WebSockets.
  if (process.env.BENCH_ONLY === "fan-out") {
    log(fanOutLines(await measureFanOut(script, await readWorkerConfig(), log)).join("\n"));
    return;
  }
  const workerBundle = await measureBundle(bundleDir);
  const config = await readWorkerConfig();
  const main = await measureMain(script, config, settings);
  const scale = await measureScale(script, config, settings);
  log(`Hostile inputs: maximal bodies and settings, ${settings.rounds} of each, one at a time...`);
  const hostile = await measureHostile(script, config, settings.rounds);
  const people = await measurePeople(script, config, settings, log);
  const fanOut = await measureFanOut(script, config, log);
  const localLoop = await measureLocalLoop(log);
  const results: BenchResults = {
    settings,
    fills: [main.fill, ...scale.fills].map(fillRecord),
    ceiling: summarize(main.baseline),
    targets: main.probes.map(summarize),
    scale: [summarize(scale.baseline), summarize(scale.large)],
    otherLoad: { main: main.otherLoad, scale: scale.otherLoad },
    widget: main.widget,
    workerBundle,
    homePage: main.homePage,
    hostile,
    localLoop,
    people,
    fanOut,
  };
  const verdicts = judge(results);
  log(formatReport(results, verdicts));
  await writeJson(RESULTS_FILE, results, verdicts);
  log("Results written to test/bench/results.json.");
}

/** Synchronous, so it also runs when Miniflare's own signal hook calls process.exit. */
function removeBundle(): void {
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
}

async function cleanUp(): Promise<void> {
  await Promise.all([disposeAllWorkers(), stopAllGroups()]);
  removeBundle();
}

function onSignal(signal: NodeJS.Signals): void {
  log(`\n${signal}: stopping workerd...`);
  void cleanUp().finally(() => process.exit(130));
}

process.once("SIGINT", onSignal);
process.once("SIGTERM", onSignal);
process.once("exit", removeBundle);

try {
  await main();
} catch (error) {
  console.error("Benchmark harness failed:", error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
