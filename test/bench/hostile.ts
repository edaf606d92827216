import { join } from "node:path";
import { BODY_LIMIT, fill, hoursTable } from "../support/bodies";
import { applyMigrations } from "../support/migrations";
import { issueToken } from "../support/tokens";
import { projectRoot, startWorker, type WorkerConfig } from "../support/worker";

/** One hostile-input request, timed one at a time on an otherwise idle worker. */
export interface HostileFigure {
  name: string;
  /** Median wall time of one request, in ms: workerd's time plus a loopback round trip. */
  ms?: number;
  runs: number;
  /** Which budget it is held to, in `BUDGETS`. */
  budget: keyof typeof BUDGETS;
  error?: string;
}

/**
 * Budgets per request, in ms of server time on the 2-core bench machine:
 * twice the slowest measured on a quiet machine (1.6 s to publish 98,000
 * tags of emphasis, 24 ms for the page of a 500,000-character table, 7 ms
 * for a settings change). Publishing pays for the Markdown parser and the
 * sanitizer, linear in the body and capped by its limits; a page and a
 * settings change pay for nothing the body's shape can grow.
 */
export const BUDGETS = {
  publish: 3_000,
  page: 50,
  settings: 50,
} as const;

const NO_CACHE = { "Cache-Control": "no-cache" };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Times `send` `runs` times in a row; any answer but `expected` is an error, not a speed. */
async function timed(
  name: string,
  budget: HostileFigure["budget"],
  runs: number,
  expected: number,
  send: (run: number) => Promise<Response>,
): Promise<HostileFigure> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const response = await send(run);
    const text = await response.text();
    times.push(performance.now() - started);
    if (response.status !== expected) {
      return { name, budget, runs, error: `answers ${response.status}: ${text.slice(0, 120)}` };
    }
  }
  return { name, budget, runs, ms: median(times) };
}

/**
 * Publishes maximal valid bodies, renders their pages uncached and changes
 * the site's date format at its longest, each `runs` times, on a worker of
 * its own so nothing else competes for it.
 */
export async function measureHostile(
  script: string,
  config: WorkerConfig,
  runs: number,
): Promise<HostileFigure[]> {
  const worker = await startWorker(script, config);
  try {
    await applyMigrations(worker.db, join(projectRoot, "migrations"));
    const token = await issueToken(worker.db, "bench", ["publish", "site"]);
    const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(new URL(path, worker.url), {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
      });
    const publish = (slug: string, title: string, body: string) =>
      send("POST", "/api/v1/publications", {
        title,
        slug,
        kind: "news",
        lang: "en",
        body,
        body_format: "markdown",
        status: "published",
        without_approval: "Measured straight out, as an archive import would be",
        published_at: "2020-10-20T09:00:00Z",
      });
    // Maximal bodies the API accepts, the last one the slowest: just under the tag limit.
    const bodies = {
      "a 500,000-character Markdown table": hoursTable(BODY_LIMIT),
      "500,000 characters of `_a` (Markdown)": fill("_a"),
      "500,000 characters of `![[](` (Markdown)": fill("![[]("),
      "`*a* ` to 98,000 tags (Markdown)": "*a* ".repeat(49_000),
    };
    const figures: HostileFigure[] = [];
    for (const [index, [what, body]] of Object.entries(bodies).entries()) {
      const slug = (run: number) => `bench-${index}-${run}`;
      figures.push(
        await timed(`publish ${what}`, "publish", runs, 201, (run) => publish(slug(run), what, body)),
      );
      const page = `/publications/${slug(0)}`;
      figures.push(
        await timed(`page of ${what}, uncached`, "page", runs, 200, () =>
          send("GET", page, undefined, NO_CACHE),
        ),
      );
    }
    figures.push(
      await timed("publish 500,000 characters of `*a` (Markdown), refused", "publish", runs, 422, (run) =>
        publish(`refused-${run}`, "refused", fill("*a")),
      ),
    );
    // Each saved change moves the site's version on; the next names the new one.
    let siteTag = `"v${(await (await send("GET", "/api/v1/site")).json()).version}"`;
    const changeDateFormat = async (date_format: string) => {
      const response = await send("PATCH", "/api/v1/site", { date_format }, { "If-Match": siteTag });
      siteTag = response.headers.get("ETag") ?? siteTag;
      return response;
    };
    figures.push(
      await timed("site settings, longest date_format", "settings", runs, 200, () =>
        changeDateFormat("YYYY-MM-DD, D.M.YYYY"),
      ),
      await timed("site settings, backtracking bait in date_format", "settings", runs, 422, () =>
        changeDateFormat(`${"D".repeat(19)}!`),
      ),
    );
    return figures;
  } finally {
    await worker.dispose();
  }
}
