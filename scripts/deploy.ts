/**
 * `npm run deploy [-- --dry-run] [wrangler deploy options]`: builds, finds or
 * creates the D1 database, applies the remote migrations, finds or creates
 * the webhooks' queues, deploys (wrangler
 * creates the R2 bucket when it is missing), gives the worker its preview-link
 * secret when it has none and says how to sign in. Each step leaves alone what
 * is already there, so a second run changes only what changed.
 * With --dry-run nothing leaves the machine: it bundles and says what it would do.
 */
import { type ExecFileSyncOptions, execFileSync, type StdioOptions, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const USAGE = `Usage:
  npm run deploy                    build, migrate and deploy to your Cloudflare account
  npm run deploy -- --dry-run       build and bundle only; print what a deploy would do
  npm run deploy -- --help

Other options go to \`wrangler deploy\` (e.g. --outdir DIR with --dry-run).
Sign in once first with \`npx wrangler login\` (or set CLOUDFLARE_API_TOKEN).`;

export type Options = { help: true } | { help: false; dryRun: boolean; deployArgs: string[] };

/** --dry-run and --help are ours; everything else is passed to `wrangler deploy` as given. */
export function parseOptions(argv: string[]): Options {
  if (argv.includes("--help") || argv.includes("-h")) return { help: true };
  return {
    help: false,
    dryRun: argv.includes("--dry-run"),
    deployArgs: argv.filter((arg) => arg !== "--dry-run"),
  };
}

/** What wrangler.toml says about the resources a deploy needs. */
export interface Resources {
  database: string;
  databaseId: string | undefined;
  bucket: string;
  /** The queues its producers and consumers name, dead-letter queues included, each once. */
  queues: string[];
}

interface Table {
  header: string;
  start: number;
  end: number;
}

/** The line ranges of wrangler.toml's tables, each from its header to the next one. */
function tables(lines: string[]): Table[] {
  const headers = lines.flatMap((line, start) => {
    const header = /^\s*\[\[?\s*([\w.]+)\s*\]\]?\s*(#.*)?$/.exec(line)?.[1];
    return header ? [{ header, start }] : [];
  });
  return headers.map((table, i) => ({ ...table, end: headers[i + 1]?.start ?? lines.length }));
}

function value(lines: string[], table: Table, key: string): { text: string; line: number } | undefined {
  for (let line = table.start + 1; line < table.end; line++) {
    const text = new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`).exec(lines[line])?.[1];
    if (text !== undefined) return { text, line };
  }
}

/** The `[[kind]]` table whose `binding` is the given one; throws when wrangler.toml has none. */
function bindingTable(lines: string[], kind: string, binding: string): Table {
  const table = tables(lines).find(
    (table) => table.header === kind && value(lines, table, "binding")?.text === binding,
  );
  if (!table) throw new Error(`wrangler.toml has no [[${kind}]] with binding = "${binding}".`);
  return table;
}

function required(lines: string[], table: Table, key: string): { text: string; line: number } {
  const found = value(lines, table, key);
  if (!found) throw new Error(`wrangler.toml's [[${table.header}]] has no ${key}.`);
  return found;
}

/** The D1 database and R2 bucket that the DB and MEDIA bindings name. */
export function readResources(toml: string): Resources {
  const lines = toml.split("\n");
  const db = bindingTable(lines, "d1_databases", "DB");
  return {
    database: required(lines, db, "database_name").text,
    databaseId: value(lines, db, "database_id")?.text,
    bucket: required(lines, bindingTable(lines, "r2_buckets", "MEDIA"), "bucket_name").text,
    queues: queueNames(lines),
  };
}

function queueNames(lines: string[]): string[] {
  const names = tables(lines)
    .filter((table) => table.header === "queues.producers" || table.header === "queues.consumers")
    .flatMap((table) =>
      ["queue", "dead_letter_queue"].flatMap((key) => value(lines, table, key)?.text ?? []),
    );
  return [...new Set(names)];
}

/**
 * Whether `wrangler queues info <name>` found the queue: it exits 0 when it
 * did, and says the queue "does not exist" when not. Any other failure (not
 * signed in, no network) throws, so that no step acts on an answer it did
 * not understand.
 */
export function queueExists(info: { status: number | null; output: string }, name: string): boolean {
  if (info.status === 0) return true;
  if (info.output.includes(`Queue "${name}" does not exist`)) return false;
  throw new Error(`unexpected \`wrangler queues info ${name}\` output:\n${info.output.trim()}`);
}

/**
 * wrangler.toml with the DB binding's database_id set to `id`: the line is
 * replaced, or added after database_name; every other line stays as it was
 * (wrangler's own config patcher refuses TOML with comments).
 */
export function withDatabaseId(toml: string, id: string): string {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`"${id}" is not a D1 database id.`);
  const lines = toml.split("\n");
  const db = bindingTable(lines, "d1_databases", "DB");
  const line = `database_id = "${id}"`;
  const existing = value(lines, db, "database_id");
  if (existing) lines[existing.line] = line;
  else lines.splice(required(lines, db, "database_name").line + 1, 0, line);
  return lines.join("\n");
}

/** An entry of a list wrangler printed; each field read is checked where it is used. */
type Listed = Partial<Record<string, unknown>> | null;

/**
 * The array a wrangler command printed as JSON. Wrangler may print warnings
 * before it, so parsing starts at the first line that opens an array; anything
 * else throws, so that no step acts on an answer it did not understand.
 */
function jsonArray(output: string, command: string): Listed[] {
  const start = output.search(/^\[/m);
  let parsed: unknown;
  try {
    parsed = JSON.parse(output.slice(start));
  } catch {
    parsed = undefined;
  }
  if (start === -1 || !Array.isArray(parsed)) {
    throw new Error(`unexpected \`${command}\` output:\n${output.trim()}`);
  }
  return parsed;
}

/**
 * The id of the database called `name` in `wrangler d1 list --json` output, or
 * undefined when the account has none.
 */
export function findDatabase(output: string, name: string): string | undefined {
  const found = jsonArray(output, "wrangler d1 list --json").find((db) => db?.name === name);
  return typeof found?.uuid === "string" ? found.uuid : undefined;
}

/** The Worker secret that signs preview links (worker/http/preview-token.ts). */
export const PREVIEW_SECRET = "PREVIEW_SECRET";

/**
 * Whether `wrangler secret list --format json` output lacks PREVIEW_SECRET.
 * An existing secret is never replaced: that would end every preview link
 * already sent. Output it cannot read throws rather than counting as "none".
 */
export function lacksPreviewSecret(output: string): boolean {
  const secrets = jsonArray(output, "wrangler secret list --format json");
  return !secrets.some((secret) => secret?.name === PREVIEW_SECRET);
}

/** A new preview-link secret: 32 random bytes, base64url (43 characters). */
export const newPreviewSecret = () => randomBytes(32).toString("base64url");

/**
 * The options of `wrangler deploy` that say which worker it deploys, so that
 * the secret goes to that worker and not to the one wrangler.toml names.
 */
export function workerTarget(deployArgs: string[]): string[] {
  return deployArgs.flatMap((arg, i) => {
    const option = /^(?:--name|--env|-e)(=.*)?$/.exec(arg);
    if (!option) return [];
    const next = deployArgs[i + 1];
    return option[1] || next === undefined ? [arg] : [arg, next];
  });
}

/**
 * Where the worker answers, from the file wrangler writes to
 * WRANGLER_OUTPUT_FILE_PATH (one JSON object a line). The deploy's `targets`
 * mix addresses ("https://….workers.dev", "embassy.example (custom domain)",
 * route patterns "embassy.example/*") with cron schedules; custom domains and
 * routes come first, being what visitors are given.
 */
export function deployedUrls(outputFile: string): string[] {
  const entries = outputFile
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
  const targets: unknown = entries.findLast((entry) => entry?.type === "deploy")?.targets;
  if (!Array.isArray(targets)) return [];
  const urls = targets.flatMap((target) => {
    if (typeof target !== "string") return [];
    if (target.startsWith("https://")) return [target];
    const host = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:\/\S*)?(?: \(custom domain.*\))?$/i.exec(target)?.[1];
    return host ? [`https://${host}`] : [];
  });
  const own = urls.filter((url) => !url.endsWith(".workers.dev"));
  return [...new Set([...own, ...urls.filter((url) => !own.includes(url))])];
}

const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(", ");

/** The steps, numbered, as printed before anything runs. */
export function plan(options: { dryRun: boolean }, resources: Resources): string[] {
  const steps = options.dryRun
    ? [
        `Would find the D1 database "${resources.database}", or create it, and write its id into wrangler.toml`,
        "Would apply the remote D1 migrations (wrangler d1 migrations apply DB --remote)",
        `Would create the queues ${quoted(resources.queues)} when they do not exist`,
        `Would create the R2 bucket "${resources.bucket}" on deploy when it does not exist`,
        `Would give the worker a ${PREVIEW_SECRET} for preview links when it has none, keeping one it has`,
        "Build what the worker serves (widget, console, stylesheets, API document) and bundle it, uploading nothing (wrangler deploy --dry-run)",
      ]
    : [
        "Build what the worker serves: widget, console, stylesheets, API document (skipped when up to date)",
        `Find the D1 database "${resources.database}", or create it, and write its id into wrangler.toml`,
        "Apply the remote D1 migrations that are not applied yet (wrangler d1 migrations apply DB --remote)",
        `Find the queues ${quoted(resources.queues)} that webhooks go through, or create them`,
        `Deploy the worker (wrangler deploy), creating the R2 bucket "${resources.bucket}" if it does not exist`,
        `Give the worker a ${PREVIEW_SECRET} for preview links (wrangler secret put) when it has none; one it has is kept`,
        "Print the worker's URL and how to invite its first admin",
      ];
  return steps.map((step, i) => `${i + 1}. ${step}`);
}

/** What to do once the worker is live. */
export function nextSteps(urls: string[]): string {
  const where =
    urls.length > 0 ? `Chancery is live at ${urls.join(", ")}` : "Chancery is deployed (its URL is above)";
  const origin = urls[0] ?? "https://<your worker's address>";
  return `${where}.

Invite its first admin: the command prints a one-time link (valid 72 hours) where you
make a passkey, then you sign in at ${origin}/admin with it and invite the others there:
  npm run invite -- --email you@example.org --name "Your name" --role admin --origin ${origin} --remote`;
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const configPath = join(root, "wrangler.toml");
const wrangler = join(root, "node_modules", ".bin", "wrangler");

/**
 * Runs a command in the project with the terminal attached, so its prompts and
 * progress show; `input`, when given, goes to its stdin instead of the terminal.
 */
function run(
  command: string,
  args: string[],
  options: Pick<ExecFileSyncOptions, "env" | "input"> = {},
): void {
  const stdio: StdioOptions = options.input === undefined ? "inherit" : ["pipe", "inherit", "inherit"];
  execFileSync(command, args, { cwd: root, stdio, ...options });
}

function capture(args: string[]): string {
  return execFileSync(wrangler, args, {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** The database's id, creating the database when the account has none by that name. */
function ensureDatabase(name: string): string {
  const existing = findDatabase(capture(["d1", "list", "--json"]), name);
  if (existing) {
    console.log(`D1 database "${name}" found (${existing}).`);
    return existing;
  }
  run(wrangler, ["d1", "create", name, "--binding", "DB"]);
  const created = findDatabase(capture(["d1", "list", "--json"]), name);
  if (!created) throw new Error(`wrangler d1 create ${name} succeeded, but the database is not listed.`);
  return created;
}

/** Creates each queue the account lacks; a deploy whose consumers name a missing queue fails. */
function ensureQueues(names: string[]): void {
  for (const name of names) {
    const info = spawnSync(wrangler, ["queues", "info", name], { cwd: root, encoding: "utf8" });
    if (queueExists({ status: info.status, output: `${info.stdout}${info.stderr}` }, name)) {
      console.log(`Queue "${name}" found.`);
    } else {
      run(wrangler, ["queues", "create", name]);
    }
  }
}

function recordDatabaseId(id: string): void {
  const toml = readFileSync(configPath, "utf8");
  const updated = withDatabaseId(toml, id);
  if (updated === toml) return;
  writeFileSync(configPath, updated);
  console.log("Wrote the database's id into wrangler.toml (nothing to add by hand); commit it.");
}

function deploy(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), "chancery-deploy-"));
  try {
    const outputPath = join(dir, "output.ndjson");
    run(wrangler, ["deploy", ...args], { env: { ...process.env, WRANGLER_OUTPUT_FILE_PATH: outputPath } });
    return existsSync(outputPath) ? deployedUrls(readFileSync(outputPath, "utf8")) : [];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Sets PREVIEW_SECRET when the deployed worker has none. The value reaches
 * wrangler through stdin only: never an argument (visible to `ps`), never
 * printed, never written to a file.
 */
function ensurePreviewSecret(target: string[]): void {
  if (!lacksPreviewSecret(capture(["secret", "list", "--format", "json", ...target]))) {
    console.log(`${PREVIEW_SECRET} is set; kept, so the preview links already sent stay valid.`);
    return;
  }
  run(wrangler, ["secret", "put", PREVIEW_SECRET, ...target], { input: newPreviewSecret() });
}

function main(argv: string[]): void {
  const options = parseOptions(argv);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const resources = readResources(readFileSync(configPath, "utf8"));
  console.log(`${plan(options, resources).join("\n")}\n`);
  if (options.dryRun) {
    run(wrangler, ["deploy", "--dry-run", ...options.deployArgs]);
    return;
  }
  run("npm", ["run", "build"]);
  recordDatabaseId(ensureDatabase(resources.database));
  run(wrangler, ["d1", "migrations", "apply", "DB", "--remote"]);
  ensureQueues(resources.queues);
  const urls = deploy(options.deployArgs);
  // After the deploy: a secret can only be given to a worker that exists.
  ensurePreviewSecret(workerTarget(options.deployArgs));
  console.log(`\n${nextSteps(urls)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    // A failed command has already printed its reason; only our own errors need saying.
    if (typeof (error as { status?: unknown }).status !== "number") {
      console.error(`deploy: ${(error as Error).message}`);
    }
    console.error("\nDeploy stopped. If wrangler says you are not signed in: npx wrangler login");
    process.exit(1);
  }
}
