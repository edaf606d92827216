/**
 * Tokens for programs: `npm run token -- create|list|revoke ...`, against the
 * local D1 database or, with --remote, the deployed one. Each token is owned
 * by a person (`npm run invite` adds people) and holds no scope beyond their
 * role. A token is shown once; the database keeps only its SHA-256 hash, as
 * worker/http/editor-auth.ts expects.
 */
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as v from "valibot";
import { Email } from "../worker/schemas/person";
import { type ROLES, SCOPES, scopesOf } from "../worker/vocabulary";

type Scope = (typeof SCOPES)[number];
type Role = (typeof ROLES)[number];

/** 1 to 64 letters, digits, spaces, dots, dashes or underscores, neither starting nor ending with a space. */
const NAME = /^(?! )[\w .-]{1,64}(?<! )$/;

export const USAGE = `Usage:
  npm run token -- create --email EMAIL --name NAME --scopes SCOPE[,SCOPE...] [WHERE]
  npm run token -- list [WHERE]
  npm run token -- revoke --name NAME [WHERE]
  npm run token -- --help

The token is owned by the person with EMAIL (add them first: npm run invite).
Scopes: ${SCOPES.join(", ")} (admin may do everything); an admin may give any,
anyone else publish only.
Names: 1 to 64 letters, digits, spaces, dots, dashes or underscores.
WHERE: nothing for the local database of \`npm start\` (a token works there at once,
even while it runs); --persist-to DIR for one kept elsewhere, as by
\`wrangler dev --persist-to DIR\`; --remote for the deployed one.`;

/** Which database: the deployed one, or the local one kept under `persistTo` (wrangler's default when absent). */
export type Target = { remote: true } | { remote: false; persistTo?: string };

export type Command =
  | { command: "help" }
  | { command: "create"; email: string; name: string; scopes: Scope[]; target: Target }
  | { command: "list"; target: Target }
  | { command: "revoke"; name: string; target: Target };

/** A mistake in what was asked: printed with the usage, exit 1. */
export class UsageError extends Error {}

export function parseScopes(text: string | undefined): Scope[] {
  const scopes = [
    ...new Set(
      (text ?? "")
        .split(",")
        .map((scope) => scope.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (scopes.length === 0 || unknown.length > 0) {
    const not = unknown.length > 0 ? `; unknown: ${unknown.join(", ")}` : "";
    throw new UsageError(`--scopes takes a comma-separated list of ${SCOPES.join(", ")}${not}.`);
  }
  return scopes as Scope[];
}

export function checkName(name: string | undefined): string {
  if (name === undefined) throw new UsageError("--name is required.");
  if (!NAME.test(name)) {
    throw new UsageError(
      "--name takes 1 to 64 letters, digits, spaces, dots, dashes or underscores, with no space at either end.",
    );
  }
  return name;
}

/** An e-mail address as the worker stores it: trimmed and lower-case. */
export function checkEmail(email: string | undefined): string {
  if (email === undefined) throw new UsageError("--email is required.");
  const parsed = v.safeParse(Email, email);
  if (!parsed.success) throw new UsageError(`--email ${parsed.issues[0].message}.`);
  return parsed.output;
}

/** Reads the command line; throws UsageError on anything it does not understand. */
export function parseCommand(argv: string[]): Command {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (values.help) return { command: "help" };
  const [command, ...extra] = positionals;
  if (command === undefined) throw new UsageError("Say what to do: create, list or revoke.");
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"; quote a name with spaces.`);
  const target = readTarget(values);
  const unused = (...options: ("name" | "scopes" | "email")[]) => {
    const given = options.find((option) => values[option] !== undefined);
    if (given) throw new UsageError(`${command} takes no --${given}.`);
  };
  switch (command) {
    case "create":
      return {
        command,
        email: checkEmail(values.email),
        name: checkName(values.name),
        scopes: parseScopes(values.scopes),
        target,
      };
    case "list":
      unused("name", "scopes", "email");
      return { command, target };
    case "revoke":
      unused("scopes", "email");
      return { command, name: checkName(values.name), target };
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: "string" },
      email: { type: "string" },
      scopes: { type: "string" },
      remote: { type: "boolean", default: false },
      "persist-to": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

/** Where to write, from --remote and --persist-to. */
export function readTarget(values: { remote?: boolean; "persist-to"?: string }): Target {
  const persistTo = values["persist-to"];
  if (persistTo === "") throw new UsageError("--persist-to takes a directory.");
  if (!values.remote) return persistTo === undefined ? { remote: false } : { remote: false, persistTo };
  if (persistTo !== undefined) throw new UsageError("--persist-to names a local database; drop --remote.");
  return { remote: true };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** 32 random bytes as base64url (43 characters), and the hash that is stored instead. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

/**
 * `wrangler d1 execute --command` (the --remote path) takes no bound parameters,
 * so values go into the SQL text as literals, and the local path runs the same
 * text: names are checked by checkName, scopes against SCOPES, and every string
 * is quoted here with its single quotes doubled.
 */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The person with `email`: whether they may own a token, and with which scopes. */
export function ownerSql(email: string): string {
  return `SELECT id, name, role, disabled_at FROM people WHERE email = ${sqlString(email)}`;
}

export interface Owner {
  id: number;
  name: string;
  role: Role;
  disabled_at: string | null;
}

/** Why `owner` may not hold a token with `scopes`, or undefined when they may. */
export function ownerRefusal(email: string, owner: Owner | undefined, scopes: Scope[]): string | undefined {
  if (!owner)
    return `No one has the e-mail ${email}; add them first: npm run invite -- --email ${email} --role ROLE`;
  if (owner.disabled_at) return `${owner.name} is disabled; an admin enables them in the console first.`;
  const allowed = scopesOf(owner.role);
  const beyond = scopes.filter((scope) => !allowed.includes(scope));
  if (beyond.length > 0) {
    return `${owner.name} is a ${owner.role}, whose tokens may have only ${allowed.join(", ")}; not ${beyond.join(", ")}.`;
  }
}

/** Returns the new row's id, or no row when the name is taken (or the owner is gone or disabled). */
export function insertSql(name: string, hash: string, scopes: Scope[], at: string, email: string): string {
  const values = [name, hash, JSON.stringify(scopes), at].map(sqlString).join(", ");
  return (
    `INSERT INTO tokens (name, hash, scopes, created_at, person_id) SELECT ${values}, id FROM people ` +
    `WHERE email = ${sqlString(email)} AND disabled_at IS NULL ON CONFLICT (name) DO NOTHING RETURNING id`
  );
}

/** Returns the row's revoked_at, which is older than `at` if it was revoked before; no row for an unknown name. */
export function revokeSql(name: string, at: string): string {
  return `UPDATE tokens SET revoked_at = coalesce(revoked_at, ${sqlString(at)}) WHERE name = ${sqlString(name)} RETURNING revoked_at`;
}

export const LIST_SQL =
  "SELECT t.name, p.email AS owner, t.scopes, t.created_at, t.last_used_at, t.revoked_at " +
  "FROM tokens t LEFT JOIN people p ON p.id = t.person_id ORDER BY t.revoked_at IS NOT NULL, t.name";

export interface TokenRow {
  name: string;
  owner: string | null;
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** "2026-07-02T10:15:30.123Z" as "2026-07-02 10:15". */
function minute(at: string | null, otherwise: string): string {
  return at ? at.slice(0, 16).replace("T", " ") : otherwise;
}

function scopeList(json: string): string {
  try {
    const scopes: unknown = JSON.parse(json);
    if (Array.isArray(scopes)) return scopes.join(",");
  } catch {}
  return json;
}

/** A plain-text table of the tokens, without their hashes; times in UTC. */
export function formatTable(rows: TokenRow[]): string {
  const header = ["NAME", "OWNER", "SCOPES", "CREATED (UTC)", "LAST USED", "REVOKED"];
  const cells = rows.map((row) => [
    row.name,
    row.owner ?? "-",
    scopeList(row.scopes),
    minute(row.created_at, ""),
    minute(row.last_used_at, "never"),
    minute(row.revoked_at, "-"),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  return [header, ...cells]
    .map((line) =>
      line
        .map((cell, i) => cell.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** An error wrangler reported as JSON: a statement D1 refused, or no access to the remote database. */
export class D1Error extends Error {}

/**
 * The rows in `wrangler d1 execute --json` output. Wrangler may print banners
 * or warnings (which can contain "[") around the JSON, so each line starting
 * with "[" or "{" is tried in turn; a refused statement gives { error: { text } }.
 */
export function parseD1Output(output: string): Record<string, unknown>[] {
  const end = Math.max(output.lastIndexOf("]"), output.lastIndexOf("}")) + 1;
  for (const { index } of output.matchAll(/^[[{]/gm)) {
    let parsed: any;
    try {
      parsed = JSON.parse(output.slice(index, end));
    } catch {
      continue;
    }
    if (parsed?.error) throw new D1Error(String(parsed.error.text ?? JSON.stringify(parsed.error)));
    const results = (Array.isArray(parsed) ? parsed[0] : parsed)?.results;
    if (Array.isArray(results)) return results;
  }
  throw new Error(`unexpected wrangler output:\n${output.trim()}`);
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Run directly rather than through npx, whose package lookup adds to every call.
const wrangler = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");

type Rows = Record<string, unknown>[];

function remoteD1(sql: string): Rows {
  const args = [wrangler, "d1", "execute", "DB", "--remote", "--json", "--command", sql];
  let output: string;
  try {
    output = execFileSync(process.execPath, args, {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = "", stderr = "", message } = error as Error & { stdout?: string; stderr?: string };
    // With --json, wrangler reports a refused statement on stdout as JSON.
    try {
      parseD1Output(stdout);
    } catch (refused) {
      if (refused instanceof D1Error) throw refused;
    }
    const detail = [stderr, stdout].filter(Boolean).join("\n").trim();
    throw new Error(`wrangler d1 execute failed:\n${detail || message}`);
  }
  return parseD1Output(output);
}

/** Runs one statement against the target database, and gives its rows. */
export async function d1(sql: string, target: Target): Promise<Rows> {
  if (target.remote) return remoteD1(sql);
  // Loaded only here: --help and --remote need none of it.
  const { withLocalD1 } = await import("./local-d1");
  return withLocalD1(
    target.persistTo,
    async (db) => (await db.prepare(sql).all<Record<string, unknown>>()).results,
  );
}

/** Runs statements as one batch, a transaction: all of them take, or none. */
export async function d1Batch(statements: string[], target: Target): Promise<void> {
  if (target.remote) {
    remoteD1(statements.join(";\n"));
    return;
  }
  const { withLocalD1 } = await import("./local-d1");
  await withLocalD1(target.persistTo, (db) => db.batch(statements.map((sql) => db.prepare(sql))));
}

export function hint(error: Error): string | undefined {
  if (/no such table/i.test(error.message)) {
    return "Apply the migrations first: npm run local:setup (or npx wrangler d1 migrations apply DB --remote)";
  }
}

async function create(email: string, name: string, scopes: Scope[], target: Target): Promise<void> {
  const [owner] = (await d1(ownerSql(email), target)) as unknown as Owner[];
  const refused = ownerRefusal(email, owner, scopes);
  if (refused) throw new Error(refused);
  const { token, hash } = newToken();
  const rows = await d1(insertSql(name, hash, scopes, new Date().toISOString(), email), target);
  if (rows.length === 0) {
    // Names stay taken after revocation, so the audit log's actor names one token.
    throw new Error(
      `A token named "${name}" already exists (see: npm run token -- list); choose another name.`,
    );
  }
  console.log(`Created the token "${name}" of ${owner.name} with scopes ${scopes.join(", ")}:

  ${token}

It will not be shown again: only its hash is stored. Keep it somewhere safe now.
Send it with every request as the header:

  Authorization: Bearer ${token}`);
}

async function list(target: Target): Promise<void> {
  const rows = (await d1(LIST_SQL, target)) as unknown as TokenRow[];
  if (rows.length === 0) {
    console.log(
      "No tokens yet. Make one: npm run token -- create --email EMAIL --name NAME --scopes publish",
    );
  } else {
    console.log(formatTable(rows));
  }
}

async function revoke(name: string, target: Target): Promise<void> {
  const at = new Date().toISOString();
  const [row] = await d1(revokeSql(name, at), target);
  if (!row) throw new Error(`No token is named "${name}" (see: npm run token -- list).`);
  if (row.revoked_at !== at) console.log(`"${name}" was already revoked at ${row.revoked_at}.`);
  else console.log(`Revoked "${name}": requests with it are now refused.`);
}

async function run(command: Command): Promise<void> {
  switch (command.command) {
    case "help":
      console.log(USAGE);
      break;
    case "create":
      await create(command.email, command.name, command.scopes, command.target);
      break;
    case "list":
      await list(command.target);
      break;
    case "revoke":
      await revoke(command.name, command.target);
      break;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await run(parseCommand(process.argv.slice(2)));
  } catch (error) {
    const failure = error as Error;
    console.error(`token: ${failure.message}`);
    if (failure instanceof UsageError) console.error(`\n${USAGE}`);
    const help = hint(failure);
    if (help) console.error(help);
    process.exit(1);
  }
}
