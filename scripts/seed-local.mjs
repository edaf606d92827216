// Loads seed/sample.sql into the local D1 database, but only into an empty one.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const seedFile = join("seed", "sample.sql");
// Run directly rather than through npx, whose package lookup adds to every call.
const wranglerBin = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");

function wrangler(args) {
  try {
    return execFileSync(process.execPath, [wranglerBin, "d1", "execute", "DB", "--local", ...args], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const detail = [error.stderr, error.stdout].filter(Boolean).join("\n").trim();
    throw new Error(`wrangler d1 execute failed${detail ? `:\n${detail}` : ` (${error.message})`}`);
  }
}

// Wrangler may print banners or warnings (which contain "[") around the JSON, so try
// each line that starts with "[" until one parses.
function firstRow(output) {
  const end = output.lastIndexOf("]") + 1;
  for (let start = output.indexOf("["); start !== -1; start = output.indexOf("\n[", start + 1)) {
    if (output[start] === "\n") start += 1;
    let parsed;
    try {
      parsed = JSON.parse(output.slice(start, end));
    } catch {
      continue;
    }
    const row = (Array.isArray(parsed) ? parsed[0] : parsed)?.results?.[0];
    if (row) return row;
  }
  throw new Error(`unexpected wrangler output:\n${output.trim()}`);
}

function query(sql) {
  return firstRow(wrangler(["--json", "--command", sql]));
}

function wholeNumber(value) {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`expected a count, got ${JSON.stringify(value)}`);
  return n;
}

try {
  if (!existsSync(join(root, seedFile))) throw new Error(`${seedFile} not found`);

  const existing = query("SELECT (SELECT count(*) FROM publications) + (SELECT count(*) FROM counters) AS n");
  if (wholeNumber(existing.n) > 0) {
    console.log("Sample data already present; nothing loaded");
  } else {
    wrangler(["--file", seedFile]);
    const loaded = query(
      "SELECT (SELECT count(*) FROM publications) AS publications, (SELECT count(*) FROM counters) AS counters",
    );
    const publications = wholeNumber(loaded.publications);
    const counters = wholeNumber(loaded.counters);
    console.log(`Loaded sample data: ${publications} publications, ${counters} counters`);
  }
} catch (error) {
  console.error(`seed-local: ${error.message}`);
  if (/no such table/i.test(error.message)) {
    console.error("Apply the migrations first: npx wrangler d1 migrations apply DB --local");
  }
  process.exit(1);
}
