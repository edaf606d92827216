import autocannon from "autocannon";

/** One URL to load, with the request (method, headers, body) that selects its path through the worker. */
export interface Probe {
  name: string;
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
}

export interface Sample {
  rps: number;
  /** Milliseconds, from every 2xx response of the run. */
  p50: number;
  p99: number;
  /** Non-2xx answers by status, plus connection errors and timeouts. */
  failures: Record<string, number>;
}

/** A probe's samples, each paired with the baseline sample taken next to it. */
export interface Measured {
  probe: Probe;
  pairs: { sample: Sample; baseline: Sample }[];
  error?: string;
}

export interface Summary {
  name: string;
  rounds: number;
  rps?: number;
  p50?: number;
  p99?: number;
  /** Median over rounds of this probe's req/s over the baseline's in the same round. */
  rpsRatio?: number;
  /** Median over rounds of this probe's p50 over the baseline's in the same round. */
  p50Ratio?: number;
  error?: string;
}

type Log = (line: string) => void;

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function describeFailures(failures: Record<string, number>): string | undefined {
  const parts = Object.entries(failures).map(([kind, count]) => `${kind} x${count}`);
  return parts.length > 0 ? parts.join(", ") : undefined;
}

/**
 * Loads one URL for a fixed time. Latencies come from autocannon's
 * per-response timings: its own histogram has whole-millisecond resolution,
 * too coarse for sub-millisecond answers.
 */
export function measure(probe: Probe, options: LoadOptions): Promise<Sample> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: probe.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: 10,
        method: probe.method ?? "GET",
        headers: probe.headers ?? {},
        body: probe.body,
      },
      (error, result) => {
        if (error) return reject(error);
        const connectionErrors = result.errors - result.timeouts;
        if (connectionErrors > 0) failures["connection error"] = connectionErrors;
        if (result.timeouts > 0) failures.timeout = result.timeouts;
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          rps: latencies.length / result.duration,
          p50: percentile(sorted, 0.5),
          p99: percentile(sorted, 0.99),
          failures,
        });
      },
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
      else failures[String(status)] = (failures[String(status)] ?? 0) + 1;
    });
  });
}

/** One request first: a probe that does not answer 2xx is an error, not a speed. */
async function check(probe: Probe): Promise<string | undefined> {
  try {
    const response = await fetch(probe.url, {
      method: probe.method,
      headers: probe.headers ?? {},
      body: probe.body,
    });
    const body = await response.text();
    return response.ok ? undefined : `answers ${response.status}: ${body.slice(0, 120)}`;
  } catch (error) {
    return `unreachable: ${String(error)}`;
  }
}

/** Checks the status, fills the caches and warms the JITs on both sides before anything counts. */
async function warmUp(probe: Probe, options: LoadOptions): Promise<string | undefined> {
  const failed = await check(probe);
  if (failed) return failed;
  const sample = await measure(probe, { ...options, seconds: 1 });
  const failures = describeFailures(sample.failures);
  return failures && `warm-up saw ${failures}`;
}

async function measurePair(baseline: Probe, probe: Probe, baselineFirst: boolean, options: LoadOptions) {
  if (baselineFirst) {
    const base = await measure(baseline, options);
    return { baseline: base, sample: await measure(probe, options) };
  }
  const sample = await measure(probe, options);
  return { sample, baseline: await measure(baseline, options) };
}

function pairLine(round: number, measured: Measured, baseline: Probe): string {
  const { sample, baseline: base } = measured.pairs[measured.pairs.length - 1];
  const show = (name: string, s: Sample) => `${name} ${Math.round(s.rps)} req/s p50 ${s.p50.toFixed(2)} ms`;
  return `  round ${round}: ${show(measured.probe.name, sample)} | ${show(baseline.name, base)}`;
}

/**
 * A B A B: every round measures the baseline right next to each probe,
 * flipping the order each round, so drift and warm-up bias cancel in the ratios.
 */
export async function compareRounds(
  baseline: Probe,
  probes: Probe[],
  rounds: number,
  options: LoadOptions,
  log: Log,
): Promise<{ baseline: Measured; probes: Measured[] }> {
  const baselineResult: Measured = { probe: baseline, pairs: [], error: await warmUp(baseline, options) };
  const results: Measured[] = [];
  for (const probe of probes) {
    const error = baselineResult.error ? `baseline ${baseline.name} failed` : await warmUp(probe, options);
    results.push({ probe, pairs: [], error });
  }
  for (let round = 1; round <= rounds; round++) {
    for (const measured of results.filter((result) => !result.error)) {
      if (baselineResult.error) break;
      const pair = await measurePair(baseline, measured.probe, round % 2 === 1, options);
      measured.pairs.push(pair);
      baselineResult.pairs.push({ sample: pair.baseline, baseline: pair.baseline });
      measured.error = describeFailures(pair.sample.failures);
      baselineResult.error = describeFailures(pair.baseline.failures);
      log(pairLine(round, measured, baseline));
    }
  }
  // Without a sound baseline no ratio means anything.
  if (baselineResult.error) for (const result of results) result.error ??= `baseline ${baseline.name} failed`;
  return { baseline: baselineResult, probes: results };
}

export function summarize(measured: Measured): Summary {
  const { probe, pairs, error } = measured;
  if (error || pairs.length === 0)
    return { name: probe.name, rounds: pairs.length, error: error ?? "not measured" };
  return {
    name: probe.name,
    rounds: pairs.length,
    rps: median(pairs.map((pair) => pair.sample.rps)),
    p50: median(pairs.map((pair) => pair.sample.p50)),
    p99: median(pairs.map((pair) => pair.sample.p99)),
    rpsRatio: median(pairs.map((pair) => pair.sample.rps / pair.baseline.rps)),
    p50Ratio: median(pairs.map((pair) => pair.sample.p50 / pair.baseline.p50)),
  };
}
