import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { promisify } from "node:util";

/** A command started in its own process group, so that stopping it also stops wrangler's workerd. */
export interface Started {
  child: ChildProcess;
  /** Everything it printed so far, for the message when it fails. */
  output: () => string;
  stop: () => Promise<void>;
}

const live = new Set<Started>();

/** Stops every group this process started that still runs; safe to call more than once. */
export async function stopAllGroups(): Promise<void> {
  await Promise.allSettled([...live].map((started) => started.stop()));
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (address === null || typeof address === "string") throw new Error("no TCP port");
  return address.port;
}

export function startGroup(command: string, args: string[], cwd: string): Started {
  const child = spawn(command, args, { cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = once(child, "exit");
  const stop = async () => {
    live.delete(started);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const group = -(child.pid ?? 0);
    process.kill(group, "SIGTERM");
    // wrangler normally stops workerd on SIGTERM; a hung one must not outlive the run.
    const hung = setTimeout(() => {
      try {
        process.kill(group, "SIGKILL");
      } catch {}
    }, 5000);
    await exited;
    clearTimeout(hung);
  };
  const started: Started = { child, output: () => output, stop };
  live.add(started);
  return started;
}

/** Resolves when `url` first answers 200; rejects when the server exits first or `timeoutMs` passes. */
export async function firstOk(url: string, started: Started, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) {
      throw new Error(`exited with ${started.child.exitCode} before answering:\n${started.output()}`);
    }
    const status = await fetch(url, { signal: AbortSignal.timeout(5000) }).then(
      async (response) => {
        await response.body?.cancel();
        return response.status;
      },
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no 200 from ${url} within ${timeoutMs / 1000} s:\n${started.output()}`);
}

/** Runs a command to its end; rejects with its output when it fails. */
export async function run(command: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[command, ...args].join(" ")} failed:\n${stderr}${stdout}`);
  }
}
