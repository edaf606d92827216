// `npm run local:setup`: applies the D1 migrations the local database lacks and loads
// seed/sample.sql into it, but only into an empty one, dated so that its newest
// publication is less than a day old (scripts/seed-dates.ts). What is already done is
// found in one in-process look at the database, so a restart starts no wrangler at all.
// `--persist-to <dir>` works on the database wrangler keeps there, as `wrangler dev` does.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { withLocalD1 } from "./local-d1.ts";
import { bringForward } from "./seed-dates.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const seedFile = join("seed", "sample.sql");
// wrangler.toml's migrations_dir, and the table where wrangler notes what it applied.
const migrationsDir = join(root, "migrations");
const APPLIED_SQL = "SELECT name FROM d1_migrations";
const COUNT_SQL =
  "SELECT (SELECT count(*) FROM publications) AS publications, (SELECT count(*) FROM counters) AS counters";
// Run directly rather than through npx, whose package lookup adds to every call.
const wranglerBin = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");

const at = process.argv.indexOf("--persist-to");
const persistTo = at === -1 ? undefined : process.argv[at + 1];
const persistArgs = persistTo === undefined ? [] : ["--persist-to", persistTo];

/** Runs wrangler; `quiet` keeps its output back unless it fails. */
function wrangler(args, { quiet = false } = {}) {
  try {
    execFileSync(process.execPath, [wranglerBin, ...args], {
      cwd: root,
      encoding: "utf8",
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const detail = [error.stderr, error.stdout].filter(Boolean).join("\n").trim();
    throw new Error(
      `wrangler ${args.slice(0, 2).join(" ")} failed${detail ? `:\n${detail}` : ` (${error.message})`}`,
    );
  }
}

async function appliedMigrations(db) {
  try {
    return (await db.prepare(APPLIED_SQL).all()).results.map((row) => row.name);
  } catch (error) {
    // A new database: wrangler makes the table with the first migration.
    if (/no such table/i.test(error.message)) return [];
    throw error;
  }
}

function wholeNumber(value) {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`expected a count, got ${JSON.stringify(value)}`);
  return n;
}

const SAMPLE_TOLD_SQL = `UPDATE events SET dispatched_at = due_at
  WHERE dispatched_at IS NULL AND due_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** How many publications and counters the local database holds. */
async function sample(db) {
  const row = await db.prepare(COUNT_SQL).first();
  return { publications: wholeNumber(row?.publications), counters: wholeNumber(row?.counters) };
}

/** What is left to do, and the sample's size when no migration is pending. */
function look() {
  return withLocalD1(persistTo, async (db) => {
    const applied = new Set(await appliedMigrations(db));
    const files = readdirSync(migrationsDir).filter((file) => file.endsWith(".sql"));
    const pending = files.filter((file) => !applied.has(file));
    return { pending, loaded: pending.length === 0 ? await sample(db) : undefined };
  });
}

try {
  if (!existsSync(join(root, seedFile))) throw new Error(`${seedFile} not found`);
  let { pending, loaded } = await look();
  if (pending.length > 0) {
    wrangler(["d1", "migrations", "apply", "DB", "--local", ...persistArgs]);
    loaded = await withLocalD1(persistTo, sample);
  } else {
    console.log("Local database: every migration applied");
  }
  if (loaded.publications + loaded.counters > 0) {
    console.log("Sample data already present; nothing loaded");
  } else {
    wrangler(["d1", "execute", "DB", "--local", "--file", seedFile, ...persistArgs], { quiet: true });
    const { publications, counters, days } = await withLocalD1(persistTo, async (db) => {
      const days = await bringForward(db);
      // The sample was out before anyone listened: a first webhook hears of what comes next,
      // not of the whole sample at once. What it schedules ahead is still told at its instant.
      await db.prepare(SAMPLE_TOLD_SQL).run();
      return { ...(await sample(db)), days };
    });
    console.log(
      `Loaded sample data: ${publications} publications, ${counters} counters, dated ${days} days on`,
    );
  }
} catch (error) {
  console.error(`local:setup: ${error.message}`);
  process.exit(1);
}
