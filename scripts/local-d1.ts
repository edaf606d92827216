/**
 * The local D1 database of `npm start`, opened in-process: Miniflare starts a
 * workerd on the same file `wrangler dev` has open, which costs about a third of
 * starting `wrangler d1 execute`, and a running server sees each write at once.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { D1Database } from "@cloudflare/workers-types";
import { readResources } from "./deploy";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Where wrangler keeps a local D1 database, and the id that names its file there. */
export interface LocalD1 {
  persist: string;
  id: string;
}

/**
 * The local database `wrangler dev` binds as DB, found as wrangler finds it: under
 * `.wrangler/state` beside wrangler.toml (or under --persist-to, relative to the
 * working directory), named by the database_id, or by the binding before a deploy
 * has written one.
 */
export function localD1(toml: string, persistTo: string | undefined, cwd = process.cwd()): LocalD1 {
  const state = persistTo === undefined ? join(root, ".wrangler", "state") : resolve(cwd, persistTo);
  return { persist: join(state, "v3", "d1"), id: readResources(toml).databaseId ?? "DB" };
}

/**
 * Calls `use` with the local database and closes it afterwards.
 * @example const rows = await withLocalD1(undefined, (db) => db.prepare("SELECT 1 AS n").all());
 */
export async function withLocalD1<T>(
  persistTo: string | undefined,
  use: (db: D1Database) => Promise<T>,
): Promise<T> {
  const { persist, id } = localD1(readFileSync(join(root, "wrangler.toml"), "utf8"), persistTo);
  // Loaded with require: under tsx's loader, import() of this large CommonJS
  // package takes about twice as long.
  const { Miniflare } = createRequire(import.meta.url)("miniflare") as typeof import("miniflare");
  const mf = new Miniflare({
    modules: true,
    script: "",
    d1Persist: persist,
    d1Databases: { DB: id },
    // No fetch of a sample Request.cf from Cloudflare: nothing here reads it, and offline it would wait.
    cf: false,
  });
  try {
    return await use((await mf.getD1Database("DB")) as unknown as D1Database);
  } finally {
    await mf.dispose();
  }
}
