import { writeFile } from "node:fs/promises";
import type { WorkerBundleSizes } from "./bundle";
import { BUNDLE_BUDGET, WIDGET_BUDGET } from "./bundle";
import { FAN_OUT_MAX_MS, type FanOutFigures, fanOutLines } from "./fan-out";
import type { Filled } from "./fill";
import { BUDGETS, type HostileFigure } from "./hostile";
import type { LoadOptions, Summary } from "./load";
import { LOOP_STEPS, type LoopFigure, TOKEN_RUNS } from "./local-loop";
import { type PeopleFigures, ROLE_CHECKED_WRITE } from "./people";
import type { WidgetFigures } from "./widget";

export interface Settings extends LoadOptions {
  rounds: number;
  rows: number;
  scaleRows: [number, number];
}

export interface BenchResults {
  settings: Settings;
  fills: Omit<Filled, "sampleSlug">[];
  ceiling: Summary;
  targets: Summary[];
  /** The uncached list on the small table, then on the large one. */
  scale: [Summary, Summary];
  /** Cores' worth of CPU other processes used during each phase's rounds. */
  otherLoad: { main?: number; scale?: number };
  widget: WidgetFigures;
  /** The worker as `wrangler deploy --dry-run` bundles it. */
  workerBundle: WorkerBundleSizes;
  homePage: Sizes;
  /** Maximal valid (and some refused) inputs, one request at a time. */
  hostile: HostileFigure[];
  /** The first `npm start`, a restart, and the invite and token commands, by the clock. */
  localLoop: LoopFigure[];
  /** The person behind a token, the role check on a write, and the rule book alone. */
  people: PeopleFigures;
  /** One write heard by many live WebSockets. */
  fanOut: FanOutFigures;
}

/** Bytes as stored and as sent compressed. */
export interface Sizes {
  rawBytes: number;
  gzipBytes: number;
}

export interface Verdict {
  goal: string;
  measured?: number;
  pass: boolean;
  error?: string;
}

export const CACHED_LIST = "cached list";
const CACHED_MIN_RATIO = 0.5;
const SCALE_MAX_RATIO = 1.2;
const QUIET_MAX_CORES = 0.2;
// The widget and console are static assets, outside the script; what fills it is
// printed with the sizes (Markdown, front matter, Hono, WebAuthn, our views).
const { rawBytes: BUNDLE_MAX_RAW, gzipBytes: BUNDLE_MAX_GZIP } = BUNDLE_BUDGET;
/** One decision of the rule book (worker/clearance.ts) over a role-checked write's p50. */
const RULE_MAX_SHARE = 0.001;
/** From "Sign in with a passkey" to the console ready, in Chromium on this machine. */
const SIGN_IN_MAX_MS = 1_500;
const HOSTILE_GOALS: Record<keyof typeof BUDGETS, string> = {
  publish: "publishing a maximal valid Markdown body (or refusing one)",
  page: "a maximal publication's page, uncached",
  settings: "a site settings change at the longest date_format",
};

function verdict(
  goal: string,
  summary: Summary | undefined,
  value: number | undefined,
  pass: (v: number) => boolean,
): Verdict {
  const error = summary?.error ?? (value === undefined ? "not measured" : undefined);
  if (error || value === undefined) return { goal, pass: false, error };
  return { goal, measured: value, pass: pass(value) };
}

/** One goal per budget: the slowest request held to it must stay within it. */
function hostileVerdicts(figures: HostileFigure[]): Verdict[] {
  return (Object.keys(BUDGETS) as (keyof typeof BUDGETS)[]).map((budget) => {
    const held = figures.filter((figure) => figure.budget === budget);
    const goal = `${HOSTILE_GOALS[budget]} <= ${BUDGETS[budget].toLocaleString("en")} ms`;
    const failed = held.find((figure) => figure.error);
    if (failed || held.length === 0) return { goal, pass: false, error: failed?.error ?? "not measured" };
    const slowest = Math.max(...held.map((figure) => figure.ms ?? Number.POSITIVE_INFINITY));
    return { goal, measured: slowest, pass: slowest <= BUDGETS[budget] };
  });
}

export function judge(results: BenchResults): Verdict[] {
  const cached = results.targets.find((target) => target.name === CACHED_LIST);
  const [small, large] = results.scale;
  const scaleError = small.error ? { ...large, error: `${small.name}: ${small.error}` } : large;
  return [
    verdict(
      `${CACHED_LIST} req/s >= ${CACHED_MIN_RATIO}x ceiling`,
      cached,
      cached?.rpsRatio,
      (v) => v >= CACHED_MIN_RATIO,
    ),
    verdict(
      `uncached list p50 at ${results.settings.scaleRows[1].toLocaleString("en")} rows <= ${SCALE_MAX_RATIO}x p50 at ${results.settings.scaleRows[0].toLocaleString("en")}`,
      scaleError,
      large.p50Ratio,
      (v) => v <= SCALE_MAX_RATIO,
    ),
    ...widgetVerdicts(results.widget),
    {
      goal: `worker bundle <= ${BUNDLE_MAX_RAW / 1024} KiB raw`,
      measured: results.workerBundle.rawBytes,
      pass: results.workerBundle.rawBytes <= BUNDLE_MAX_RAW,
    },
    {
      goal: `worker bundle <= ${BUNDLE_MAX_GZIP / 1024} KiB gzip`,
      measured: results.workerBundle.gzipBytes,
      pass: results.workerBundle.gzipBytes <= BUNDLE_MAX_GZIP,
    },
    ...hostileVerdicts(results.hostile),
    ...results.localLoop.map(loopVerdict),
    ...peopleVerdicts(results.people),
    {
      goal: `one write heard by the last of ${results.fanOut.connections} live WebSockets <= ${FAN_OUT_MAX_MS} ms`,
      measured: results.fanOut.ms,
      pass: results.fanOut.ms <= FAN_OUT_MAX_MS,
      error: results.fanOut.error,
    },
  ];
}

function peopleVerdicts({ probes, ruleNs, signIn }: PeopleFigures): Verdict[] {
  const write = probes.find((probe) => probe.name === ROLE_CHECKED_WRITE);
  return [
    verdict(
      `one role decision <= ${RULE_MAX_SHARE * 100} % of a role-checked write's p50`,
      write,
      write?.p50 && ruleNs / 1e6 / write.p50,
      (v) => v <= RULE_MAX_SHARE,
    ),
    {
      goal: `passkey sign-in to console ready <= ${SIGN_IN_MAX_MS} ms`,
      measured: signIn.medianMs,
      pass: signIn.medianMs <= SIGN_IN_MAX_MS,
    },
  ];
}

export function peopleLines(people: PeopleFigures): string[] {
  const write = people.probes.find((probe) => probe.name === ROLE_CHECKED_WRITE);
  const share = write?.p50 ? (people.ruleNs / 1e6 / write.p50) * 100 : undefined;
  return [
    "People: the person behind a token and a role-checked write, paired with the ceiling in the same round.",
    table(
      ["target", "req/s", "p50 ms", "p99 ms", "p50 x ceiling"],
      [people.ceiling, ...people.probes].map((summary) => [
        summary.name,
        cell(summary.rps, 0),
        cell(summary.p50, 2),
        cell(summary.p99, 2),
        summary.error ? `failed: ${summary.error}` : cell(summary.p50Ratio ?? 1, 2),
      ]),
    ),
    `One decision of the rule book: ${cell(people.ruleNs, 0)} ns` +
      (share === undefined ? "" : `, ${cell(share, 4)} % of the role-checked write's p50.`),
    `Passkey sign-in, from the click to the console ready (median of ${people.signIn.runs}): ${cell(people.signIn.medianMs, 0)} ms.`,
  ];
}

function loopVerdict({ step, ms, error }: LoopFigure): Verdict {
  const { name, targetMs } = LOOP_STEPS[step];
  const goal = `${name} <= ${targetMs / 1000} s`;
  if (error || ms === undefined) return { goal, pass: false, error: error ?? "not measured" };
  return { goal, measured: ms, pass: ms <= targetMs };
}

/** Each step of the local loop against its target, as `npm run bench` prints it. */
export function loopTable(figures: LoopFigure[]): string {
  return table(
    ["local loop", "s", "target s", "verdict"],
    figures.map((figure) => {
      const { name, targetMs } = LOOP_STEPS[figure.step];
      const { pass, error } = loopVerdict(figure);
      const verdict = error ? "FAIL (error)" : pass ? "PASS" : "FAIL";
      return [
        name,
        figure.ms === undefined ? "ERROR" : cell(figure.ms / 1000, 2),
        cell(targetMs / 1000, 0),
        verdict,
      ];
    }),
  );
}

/** Each file of the widget is gzipped on its own, as it is sent; the loader counts apart from the elements' chunks. */
function widgetVerdicts({ sizes }: WidgetFigures): Verdict[] {
  const budget = (goal: string, measured: number, max: number): Verdict => ({
    goal: `${goal} <= ${max / 1024} KB gzip`,
    measured,
    pass: measured <= max,
  });
  return [
    budget("widget loader", sizes.loader.gzipBytes, WIDGET_BUDGET.loaderGzip),
    budget(
      "widget front page's 4 elements, loader excluded",
      sizes.frontPage.gzipBytes,
      WIDGET_BUDGET.frontPageGzip,
    ),
    ...sizes.further.map(({ tag, gzipBytes }) =>
      budget(`widget <${tag}> beyond the front page's`, gzipBytes, WIDGET_BUDGET.furtherGzip),
    ),
  ];
}

function widgetLines({ widget }: BenchResults): string[] {
  const { loader, frontPage, further, largest } = widget.sizes;
  const bytes = (sizes: Sizes) =>
    `${sizes.rawBytes.toLocaleString("en")} bytes raw, ${sizes.gzipBytes.toLocaleString("en")} gzip`;
  return [
    `Widget (gzip level 9, each file on its own): loader ${bytes(loader)}; the front page's four elements' chunks ${bytes(frontPage)}` +
      further.map((element) => `; <${element.tag}> adds ${bytes(element)}`).join("") +
      ".",
    `Largest parts of the front page's chunks (KiB raw): ${largest.map((part) => `${part.name} ${kib(part.rawBytes)}`).join(", ")}.`,
    `Script request to the events list shown in Chromium: ${widget.renderMs.toFixed(0)} ms (median of ${widget.runs} loads).`,
  ];
}

const kib = (bytes: number) => cell(bytes / 1024, 2);

function bundleLines({ workerBundle }: BenchResults): string[] {
  return [
    `Worker bundle (wrangler deploy --dry-run, as its "Total Upload" counts): ${kib(workerBundle.rawBytes)} KiB raw, ${kib(workerBundle.gzipBytes)} KiB gzip.`,
    `Largest parts (KiB raw): ${workerBundle.largest.map((part) => `${part.name} ${kib(part.rawBytes)}`).join(", ")}.`,
  ];
}

function homePageLines({ homePage }: BenchResults): string[] {
  return [
    `Home page HTML: ${homePage.rawBytes.toLocaleString("en")} bytes raw, ${homePage.gzipBytes.toLocaleString("en")} gzip (level 9).`,
  ];
}

function cell(value: number | undefined, digits: number): string {
  if (value === undefined || Number.isNaN(value)) return "-";
  return value.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (row: string[]) =>
    row
      .map((text, column) => (column === 0 ? text.padEnd(widths[column]) : text.padStart(widths[column])))
      .join("  ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

function mark(verdicts: Verdict[], index: number): string {
  const found = verdicts[index];
  if (found.error) return "FAIL (error)";
  return found.pass ? "PASS" : "FAIL";
}

function summaryRow(summary: Summary, ratio: number | undefined, goal: string, result: string): string[] {
  if (summary.error) return [summary.name, "ERROR", "-", "-", "-", goal, result || "ERROR"];
  return [
    summary.name,
    cell(summary.rps, 0),
    cell(summary.p50, 2),
    cell(summary.p99, 2),
    cell(ratio, 2),
    goal,
    result,
  ];
}

function mainTable(results: BenchResults, verdicts: Verdict[]): string {
  const rows = [
    summaryRow(results.ceiling, 1, "ceiling", ""),
    ...results.targets.map((target) =>
      target.name === CACHED_LIST
        ? summaryRow(target, target.rpsRatio, `>= ${CACHED_MIN_RATIO}x`, mark(verdicts, 0))
        : summaryRow(target, target.rpsRatio, "", ""),
    ),
  ];
  return table(["target", "req/s", "p50 ms", "p99 ms", "x ceiling", "goal", "verdict"], rows);
}

function scaleTable(results: BenchResults, verdicts: Verdict[]): string {
  const [small, large] = results.scale;
  return table(
    ["uncached list", "req/s", "p50 ms", "p99 ms", "p50 x small", "goal", "verdict"],
    [
      summaryRow(small, 1, "", ""),
      summaryRow(large, large.p50Ratio, `<= ${SCALE_MAX_RATIO}x`, mark(verdicts, 1)),
    ],
  );
}

function hostileTable({ hostile }: BenchResults): string {
  return table(
    ["request", "ms", "budget ms", "verdict"],
    hostile.map((figure) => {
      const budget = BUDGETS[figure.budget];
      if (figure.error) return [figure.name, "ERROR", cell(budget, 0), "FAIL (error)"];
      const ms = figure.ms ?? Number.NaN;
      return [figure.name, cell(ms, 1), cell(budget, 0), ms <= budget ? "PASS" : "FAIL"];
    }),
  );
}

function errorLines(results: BenchResults): string[] {
  const all = [results.ceiling, ...results.targets, ...results.scale, ...results.hostile];
  return all.flatMap((summary) => (summary.error ? [`  ${summary.name}: ${summary.error}`] : []));
}

function loadLines(results: BenchResults): string[] {
  const { main, scale } = results.otherLoad;
  if (main === undefined || scale === undefined) return [];
  const line = `Other processes used ${main.toFixed(2)} cores during the main rounds, ${scale.toFixed(2)} during the scale rounds.`;
  const busy = Math.max(main, scale) > QUIET_MAX_CORES;
  return busy
    ? [line, "  The machine was not quiet: absolute figures are depressed; the paired ratios less so."]
    : [line];
}

export function formatReport(results: BenchResults, verdicts: Verdict[]): string {
  const { settings } = results;
  const errors = errorLines(results);
  return [
    "",
    `Main figures at ${settings.rows.toLocaleString("en")} publications: median of ${settings.rounds} rounds, ` +
      `${settings.connections} connections, ${settings.seconds} s a run; ratios paired with the ceiling in the same round.`,
    mainTable(results, verdicts),
    "",
    `Scale: uncached list at ${settings.scaleRows.map((rows) => rows.toLocaleString("en")).join(" vs ")} publications, alternated; ratio paired by round.`,
    scaleTable(results, verdicts),
    "",
    ...widgetLines(results),
    ...bundleLines(results),
    ...homePageLines(results),
    "",
    `Hostile inputs: server time of one request (median of ${results.hostile[0]?.runs ?? 0}, one at a time, wall clock over loopback) on a fresh worker.`,
    hostileTable(results),
    "",
    ...peopleLines(results.people),
    ...fanOutLines(results.fanOut),
    "",
    `Local loop: real commands on a fresh copy of the project; invite and token commands the median of ${TOKEN_RUNS} runs.`,
    loopTable(results.localLoop),
    "",
    "Goals:",
    ...verdicts.map(
      (v, index) => `  ${mark(verdicts, index).padEnd(12)} ${v.goal}${v.error ? ` (${v.error})` : ""}`,
    ),
    ...(errors.length > 0
      ? ["", "Errors (non-2xx or failed requests; not counted as speeds):", ...errors]
      : []),
    "",
    ...loadLines(results),
    "",
  ].join("\n");
}

export async function writeJson(path: string, results: BenchResults, verdicts: Verdict[]): Promise<void> {
  const document = { measuredAt: new Date().toISOString(), ...results, verdicts };
  await writeFile(path, `${JSON.stringify(document, null, 2)}\n`);
}
