/**
 * Editor tokens: `npm run token -- create|list|revoke ...`. A token is shown
 * once; the database keeps only its SHA-256 hash.
 */
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { parseArgs } from "node:util";

const SCOPES = ["publish", "counters", "site", "admin"];
const NAME = /^[\w .-]{1,64}$/;

const USAGE = `Usage:
  npm run token -- create --name NAME --scopes publish,counters [--remote]
  npm run token -- list [--remote]
  npm run token -- revoke --name NAME [--remote]

Scopes: ${SCOPES.join(", ")} (admin may do everything).
Without --remote, the local database of \`npm start\` is used.`;

export function parseScopes(text: string): string[] {
  const scopes = [
    ...new Set(
      text
        .split(",")
        .map((scope) => scope.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = scopes.filter((scope) => !SCOPES.includes(scope));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new Error(
      `--scopes takes a comma list of ${SCOPES.join(", ")}${unknown.length ? `; not ${unknown.join(", ")}` : ""}.`,
    );
  }
  return scopes;
}

export function checkName(name: string | undefined): string {
  if (!name || !NAME.test(name))
    throw new Error("--name takes 1 to 64 letters, digits, spaces, dots, dashes or underscores.");
  return name;
}

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: createHash("sha256").update(token).digest("hex") };
}

// `wrangler d1 execute --command` takes no bound parameters, so values are
// checked above and quoted here.
const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

export function insertSql(name: string, hash: string, scopes: string[], at: string): string {
  return `INSERT INTO tokens (name, hash, scopes, created_at) VALUES (${quote(name)}, ${quote(hash)}, ${quote(JSON.stringify(scopes))}, ${quote(at)})`;
}

function d1(sql: string, remote: boolean): Record<string, unknown>[] {
  const output = execFileSync(
    "npx",
    ["wrangler", "d1", "execute", "DB", remote ? "--remote" : "--local", "--json", "--command", sql],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  const parsed = JSON.parse(output.slice(output.indexOf("[")));
  return parsed[0]?.results ?? [];
}

function create(name: string, scopes: string[], remote: boolean): void {
  const { token, hash } = newToken();
  try {
    d1(insertSql(name, hash, scopes, new Date().toISOString()), remote);
  } catch (error) {
    const {
      stdout = "",
      stderr = "",
      message = "",
    } = error as { stdout?: string; stderr?: string; message?: string };
    const text = [stderr, stdout, message].join("\n");
    if (text.includes("UNIQUE"))
      throw new Error(`A token named "${name}" exists; revoke it or choose another name.`);
    throw new Error(`wrangler d1 execute failed:\n${text.trim()}`);
  }
  console.log(
    `Token for "${name}" (${scopes.join(", ")}). It is shown once and cannot be read back:\n\n  ${token}\n`,
  );
  console.log(`Use it as: Authorization: Bearer ${token}`);
}

function list(remote: boolean): void {
  const rows = d1(
    "SELECT name, scopes, created_at, last_used_at, revoked_at FROM tokens ORDER BY name",
    remote,
  );
  if (rows.length === 0)
    return console.log("No tokens yet: npm run token -- create --name NAME --scopes publish");
  console.table(
    rows.map((row) => ({
      name: row.name,
      scopes: (JSON.parse(String(row.scopes)) as string[]).join(", "),
      created: row.created_at,
      "last used": row.last_used_at ?? "never",
      revoked: row.revoked_at ?? "",
    })),
  );
}

function revoke(name: string, remote: boolean): void {
  const rows = d1(
    `UPDATE tokens SET revoked_at = ${quote(new Date().toISOString())} WHERE name = ${quote(name)} AND revoked_at IS NULL RETURNING name`,
    remote,
  );
  if (rows.length === 0) throw new Error(`No live token is named "${name}".`);
  console.log(`Revoked "${name}".`);
}

function main(argv: string[]): void {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      scopes: { type: "string" },
      remote: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  const [command] = positionals;
  if (values.help || !command) return console.log(USAGE);
  if (command === "create")
    return create(checkName(values.name), parseScopes(values.scopes ?? ""), values.remote);
  if (command === "list") return list(values.remote);
  if (command === "revoke") return revoke(checkName(values.name), values.remote);
  throw new Error(`Unknown command "${command}".\n\n${USAGE}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
