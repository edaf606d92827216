/**
 * The local loop as a newcomer lives it: the first `npm start` of a fresh
 * clone, a restart with nothing changed, and `npm run invite` and
 * `npm run token` beside the running server. Real commands, on a temporary copy of the project (sources
 * only, no dist/ and no .wrangler/ state), so the developer's data stays as it was.
 * Alone: `BENCH_ONLY=local-loop npm run bench`.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { firstOk, freePort, startGroup } from "../support/local-dev";
import { projectRoot } from "../support/worker";

/** Each step and the target for it. */
export const LOOP_STEPS = {
  firstStart: { name: "first npm start, to the first 200 from /", targetMs: 30_000 },
  restart: { name: "restart, sources unchanged, to the first 200", targetMs: 10_000 },
  invite: { name: "npm run invite", targetMs: 3_000 },
  create: { name: "npm run token -- create", targetMs: 3_000 },
  list: { name: "npm run token -- list", targetMs: 3_000 },
  revoke: { name: "npm run token -- revoke", targetMs: 3_000 },
};

type Step = keyof typeof LOOP_STEPS;

export interface LoopFigure {
  step: Step;
  ms?: number;
  error?: string;
}

/** Each token command runs this often; the median counts. */
export const TOKEN_RUNS = 3;
/** What a fresh clone lacks: what is built, installed or kept locally. */
const NOT_IN_A_CLONE = new Set([
  ".git",
  "node_modules",
  ".wrangler",
  "dist",
  "test/artifacts",
  "test/bench/results.json",
]);

/**
 * The copy lives in the project's own .wrangler/ (which git and the linters ignore):
 * Node and every tool find the installed packages from there by walking up, with
 * no copy or link of node_modules that would differ from an installed clone's.
 */
async function scratchDir(): Promise<string> {
  const scratch = join(projectRoot, ".wrangler");
  await mkdir(scratch, { recursive: true });
  return mkdtemp(join(scratch, "loop-"));
}

/** Entry by entry: the copy is inside the project, which cp will not copy whole into itself. */
async function copySources(copy: string): Promise<void> {
  const keep = (source: string) => !NOT_IN_A_CLONE.has(relative(projectRoot, source));
  for (const entry of await readdir(projectRoot)) {
    const source = join(projectRoot, entry);
    if (keep(source)) await cp(source, join(copy, entry), { recursive: true, filter: keep });
  }
}

/** `npm start` in `copy` until `/` first answers 200; the server keeps running for what follows. */
async function timedStart(copy: string, step: Step, log: (line: string) => void) {
  const port = await freePort();
  const began = performance.now();
  const server = startGroup("npm", ["start", "--", "--ip", "127.0.0.1", "--port", String(port)], copy);
  try {
    // Well past the target, so a slow start is measured rather than cut short.
    await firstOk(`http://127.0.0.1:${port}/`, server, LOOP_STEPS[step].targetMs * 4);
    return { server, figure: { step, ms: performance.now() - began } };
  } catch (error) {
    log(`  ${(error as Error).message}`);
    await server.stop();
    return { server, figure: { step, error: (error as Error).message.split("\n")[0] } };
  }
}

async function timedCommand(copy: string, [script, ...args]: string[]): Promise<number> {
  const began = performance.now();
  await promisify(execFile)("npm", ["run", script, "--", ...args], { cwd: copy });
  return performance.now() - began;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const EMAIL = "bench@embassy.example";

// Each run invites the same person anew (a new link ends the last) and gives them a token.
const TOKEN_ARGS: Record<"invite" | "create" | "list" | "revoke", (name: string) => string[]> = {
  invite: () => ["invite", "--email", EMAIL, "--name", "Bench", "--role", "publisher"],
  create: (name) => ["token", "create", "--email", EMAIL, "--name", name, "--scopes", "publish"],
  list: () => ["token", "list"],
  revoke: (name) => ["token", "revoke", "--name", name],
};

/** Invite, create, list and revoke, in turn TOKEN_RUNS times, against the copy's database while its server runs. */
async function tokenFigures(copy: string, log: (line: string) => void): Promise<LoopFigure[]> {
  const steps = Object.keys(TOKEN_ARGS) as (keyof typeof TOKEN_ARGS)[];
  log(`Local loop: invite and token commands, ${TOKEN_RUNS} of each, beside the running server...`);
  const times = new Map(steps.map((step) => [step, [] as number[]]));
  try {
    for (let run = 1; run <= TOKEN_RUNS; run++) {
      for (const step of steps)
        times.get(step)?.push(await timedCommand(copy, TOKEN_ARGS[step](`Bench ${run}`)));
    }
  } catch (error) {
    log(`  ${(error as Error).message}`);
    return steps.map((step) => ({ step, error: (error as Error).message.split("\n")[0] }));
  }
  return steps.map((step) => ({ step, ms: median(times.get(step) ?? []) }));
}

export async function measureLocalLoop(log: (line: string) => void): Promise<LoopFigure[]> {
  const copy = await scratchDir();
  try {
    await copySources(copy);
    log("Local loop: first npm start of a fresh copy (no dist/, no .wrangler/)...");
    const first = await timedStart(copy, "firstStart", log);
    await first.server.stop();
    log("Local loop: restart with unchanged sources...");
    const restart = await timedStart(copy, "restart", log);
    const tokens = restart.figure.error ? [] : await tokenFigures(copy, log);
    await restart.server.stop();
    return [first.figure, restart.figure, ...tokens];
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}
