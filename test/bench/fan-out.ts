/**
 * The live channel's fan-out: many widgets hold a WebSocket each, an editor
 * saves, and the time until the last of them hears of it, on one worker in
 * workerd over loopback.
 */
import { join } from "node:path";
import { WebSocket } from "undici";
import { applyMigrations } from "../support/migrations";
import { issueToken } from "../support/tokens";
import { projectRoot, startWorker, type WorkerConfig } from "../support/worker";

export interface FanOutFigures {
  connections: number;
  /** From sending the write to the last socket's notice, each run, in ms. */
  runs: number[];
  /** The median of the runs. */
  ms: number;
  error?: string;
}

export const FAN_OUT_CONNECTIONS = 1000;
export const FAN_OUT_MAX_MS = 2000;
const RUNS = 5;
const TIMEOUT_MS = 30_000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Opens `count` live connections, a few hundred at a time, as pages would. */
async function connect(url: string, count: number): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let start = 0; start < count; start += 250) {
    const batch = Array.from({ length: Math.min(250, count - start) }, () => new WebSocket(url));
    await Promise.all(
      batch.map(
        (socket) =>
          new Promise<void>((resolve, reject) => {
            socket.addEventListener("open", () => resolve(), { once: true });
            socket.addEventListener("error", () => reject(new Error("a live connection failed")), {
              once: true,
            });
          }),
      ),
    );
    sockets.push(...batch);
  }
  return sockets;
}

/** Resolves when every socket has heard a notice naming `topic`. */
function allHear(sockets: WebSocket[], topic: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let waiting = sockets.length;
    const timer = setTimeout(() => reject(new Error(`${waiting} sockets never heard`)), TIMEOUT_MS);
    for (const socket of sockets) {
      const heard = (event: { data: unknown }) => {
        if (!String(event.data).includes(`"${topic}"`)) return;
        socket.removeEventListener("message", heard);
        if (--waiting === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
      socket.addEventListener("message", heard);
    }
  });
}

export async function measureFanOut(
  script: string,
  config: WorkerConfig,
  log: (line: string) => void,
  connections = FAN_OUT_CONNECTIONS,
): Promise<FanOutFigures> {
  const worker = await startWorker(script, config);
  let sockets: WebSocket[] = [];
  try {
    await applyMigrations(worker.db, join(projectRoot, "migrations"));
    const token = await issueToken(worker.db, "Bench counters", ["counters"]);
    const base = worker.url;
    sockets = await connect(new URL("/api/v1/live", `ws://${base.host}`).href, connections);
    log(`Live fan-out: ${connections} WebSockets open; ${RUNS} writes...`);
    const runs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const heard = allHear(sockets, "counters");
      const began = performance.now();
      const write = await fetch(new URL("/api/v1/counters", base), {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          slug: `fan-out-${run}`,
          since: "2020-01-01",
          sentences: { en: { one: "{days} day", other: "{days} days" } },
        }),
      });
      if (write.status !== 201) throw new Error(`the write answered ${write.status}`);
      await heard;
      runs.push(performance.now() - began);
    }
    return { connections, runs, ms: median(runs) };
  } catch (error) {
    return { connections, runs: [], ms: Number.NaN, error: String(error) };
  } finally {
    for (const socket of sockets) socket.close();
    await worker.dispose();
  }
}

/** The report's lines. */
export function fanOutLines(figures: FanOutFigures): string[] {
  const runs = figures.runs.map((ms) => ms.toFixed(0)).join(", ");
  return [
    `Live fan-out: one write to the last of ${figures.connections} local WebSockets hearing of it: ` +
      (figures.error
        ? `failed (${figures.error})`
        : `median ${figures.ms.toFixed(0)} ms (runs: ${runs} ms).`),
  ];
}
