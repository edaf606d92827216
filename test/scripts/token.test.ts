import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localD1 } from "../../scripts/local-d1";
import {
  checkEmail,
  checkName,
  D1Error,
  formatTable,
  hashToken,
  insertSql,
  LIST_SQL,
  newToken,
  ownerRefusal,
  ownerSql,
  parseCommand,
  parseD1Output,
  parseScopes,
  revokeSql,
  sqlString,
  UsageError,
} from "../../scripts/token";
import { firstOk, freePort, run, type Started, startGroup } from "../support/local-dev";
import { projectRoot } from "../support/worker";

describe("npm run token: tokens", () => {
  it("makes 32 random bytes as 43 base64url characters, a new one each time", () => {
    const tokens = Array.from({ length: 20 }, () => newToken().token);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("stores the hex SHA-256 of the token string it prints, as the worker computes it", () => {
    const { token, hash } = newToken();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash("sha256").update(token, "utf8").digest("hex"));
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("npm run token: arguments", () => {
  it("takes known scopes only", () => {
    expect(parseScopes("publish")).toEqual(["publish"]);
    expect(parseScopes("publish, counters,publish,")).toEqual(["publish", "counters"]);
    expect(parseScopes("admin,site")).toEqual(["admin", "site"]);
    expect(() => parseScopes("publish,root")).toThrow(/unknown: root/);
    expect(() => parseScopes("Publish")).toThrow(UsageError);
    expect(() => parseScopes("")).toThrow(/--scopes/);
    expect(() => parseScopes(" , ")).toThrow(/--scopes/);
    expect(() => parseScopes(undefined)).toThrow(/--scopes/);
  });

  it("takes names of 1 to 64 letters, digits, spaces, dots, dashes and underscores", () => {
    for (const name of ["Press office", "a", "x".repeat(64), "ci-bot_2.0", "Test editor"]) {
      expect(checkName(name)).toBe(name);
    }
    for (const name of [
      "",
      "x".repeat(65),
      " leading",
      "trailing ",
      "O'Brien",
      "x'; DROP TABLE tokens; --",
      'say "hi"',
      "tab\there",
      "new\nline",
      "Čeština",
    ]) {
      expect(() => checkName(name), JSON.stringify(name)).toThrow(UsageError);
    }
    expect(() => checkName(undefined)).toThrow(/--name is required/);
  });

  it("reads each command with its options", () => {
    expect(
      parseCommand([
        "create",
        "--email",
        "Ana@Embassy.example",
        "--name",
        "Press office",
        "--scopes",
        "publish,counters",
      ]),
    ).toEqual({
      command: "create",
      email: "ana@embassy.example",
      name: "Press office",
      scopes: ["publish", "counters"],
      target: { remote: false },
    });
    expect(
      parseCommand(["create", "--email=a@b.example", "--name=Bot", "--scopes=admin", "--remote"]),
    ).toMatchObject({
      target: { remote: true },
    });
    expect(parseCommand(["list"])).toEqual({ command: "list", target: { remote: false } });
    expect(parseCommand(["list", "--remote"])).toEqual({ command: "list", target: { remote: true } });
    expect(parseCommand(["list", "--persist-to", "state"])).toEqual({
      command: "list",
      target: { remote: false, persistTo: "state" },
    });
    expect(parseCommand(["revoke", "--name", "Bot"])).toEqual({
      command: "revoke",
      name: "Bot",
      target: { remote: false },
    });
    expect(parseCommand(["--help"])).toEqual({ command: "help" });
    expect(parseCommand(["create", "-h"])).toEqual({ command: "help" });
  });

  it("refuses what it does not understand", () => {
    const refused = [
      [],
      ["delete", "--name", "Bot"],
      ["create", "--scopes", "publish"],
      ["create", "--name", "Bot"],
      ["create", "--name", "Bot", "--scopes", "root"],
      ["create", "--name", "Bot", "--scopes", "publish"],
      ["create", "--email", "not-an-address", "--name", "Bot", "--scopes", "publish"],
      ["create", "--email", "a@b.example", "--name", "Bot", "--scopes", "publish", "--force"],
      ["list", "--email", "a@b.example"],
      ["revoke", "--name", "Bot", "--email", "a@b.example"],
      ["revoke", "--name", "Press", "office"],
      ["revoke", "--name", "Bot", "--scopes", "publish"],
      ["list", "--name", "Bot"],
      ["list", "--remote", "--persist-to", "state"],
      ["list", "--persist-to="],
    ];
    for (const argv of refused) expect(() => parseCommand(argv), argv.join(" ")).toThrow(UsageError);
  });
});

describe("npm run token: owners", () => {
  it("takes e-mail addresses as the worker stores them", () => {
    expect(checkEmail("Ana@Embassy.Example")).toBe("ana@embassy.example");
    expect(() => checkEmail(" ana@embassy.example")).toThrow(UsageError);
    expect(() => checkEmail(undefined)).toThrow(/--email is required/);
    expect(() => checkEmail("ana")).toThrow(UsageError);
  });

  it("gives a token only to someone added, enabled, and within their role", () => {
    const owner = { id: 1, name: "Ana", role: "publisher" as const, disabled_at: null };
    expect(ownerRefusal("ana@x.example", owner, ["publish"])).toBeUndefined();
    expect(ownerRefusal("ana@x.example", { ...owner, role: "admin" }, ["site", "admin"])).toBeUndefined();
    expect(ownerRefusal("bo@x.example", undefined, ["publish"])).toMatch(
      /npm run invite -- --email bo@x\.example/,
    );
    expect(ownerRefusal("ana@x.example", owner, ["publish", "site"])).toMatch(
      /publisher.*only publish.*not site/,
    );
    expect(
      ownerRefusal("ana@x.example", { ...owner, disabled_at: "2026-07-01T00:00:00.000Z" }, ["publish"]),
    ).toMatch(/disabled/);
    expect(ownerSql("o'b@x.example")).toContain("'o''b@x.example'");
  });
});

describe("npm run token: SQL", () => {
  it("quotes strings with their single quotes doubled", () => {
    expect(sqlString("plain")).toBe("'plain'");
    expect(sqlString("it's")).toBe("'it''s'");
    expect(sqlString("'); DROP TABLE tokens; --")).toBe("'''); DROP TABLE tokens; --'");
  });

  it("inserts the hash and scopes, never the token, and returns no row for a taken name", () => {
    const { token, hash } = newToken();
    const sql = insertSql(
      "Press office",
      hash,
      ["publish", "counters"],
      "2026-07-02T10:15:30.123Z",
      "ana@x.example",
    );
    expect(sql).toBe(
      `INSERT INTO tokens (name, hash, scopes, created_at, person_id) SELECT 'Press office', '${hash}', ` +
        `'["publish","counters"]', '2026-07-02T10:15:30.123Z', id FROM people ` +
        `WHERE email = 'ana@x.example' AND disabled_at IS NULL ON CONFLICT (name) DO NOTHING RETURNING id`,
    );
    expect(sql).not.toContain(token);
    expect(insertSql("a'b", "h", ["site"], "t", "e")).toContain("SELECT 'a''b', 'h',");
  });

  it("revokes by name, keeping an earlier revocation", () => {
    expect(revokeSql("O'Brien", "2026-07-02T10:15:30.123Z")).toBe(
      "UPDATE tokens SET revoked_at = coalesce(revoked_at, '2026-07-02T10:15:30.123Z') " +
        "WHERE name = 'O''Brien' RETURNING revoked_at",
    );
  });

  it("lists no hashes", () => {
    expect(LIST_SQL).not.toMatch(/hash|\*/);
  });
});

describe("npm run token: output", () => {
  it("lays the tokens out as a table without hashes", () => {
    const table = formatTable([
      {
        name: "Press office",
        owner: "press@embassy.example",
        scopes: '["publish","counters"]',
        created_at: "2026-07-02T10:15:30.123Z",
        last_used_at: null,
        revoked_at: null,
      },
      {
        name: "Bot",
        owner: null,
        scopes: '["admin"]',
        created_at: "2026-07-01T08:00:00.000Z",
        last_used_at: "2026-07-01T09:30:00.000Z",
        revoked_at: "2026-07-02T11:00:00.000Z",
      },
    ]);
    expect(table.split("\n")).toEqual([
      "NAME          OWNER                  SCOPES            CREATED (UTC)     LAST USED         REVOKED",
      "Press office  press@embassy.example  publish,counters  2026-07-02 10:15  never             -",
      "Bot           -                      admin             2026-07-01 08:00  2026-07-01 09:30  2026-07-02 11:00",
    ]);
  });

  it("finds the rows in wrangler's JSON, past banners, and D1's refusals", () => {
    const json = JSON.stringify([{ results: [{ n: 1 }], success: true, meta: {} }], null, 2);
    expect(parseD1Output(json)).toEqual([{ n: 1 }]);
    expect(parseD1Output(`[WARNING] something [here]\n${json}\n`)).toEqual([{ n: 1 }]);
    expect(parseD1Output(JSON.stringify([{ results: [], success: true }]))).toEqual([]);
    const refused = JSON.stringify({ error: { text: "UNIQUE constraint failed: tokens.hash" } });
    expect(() => parseD1Output(refused)).toThrow(D1Error);
    expect(() => parseD1Output(refused)).toThrow(/tokens\.hash/);
    expect(() => parseD1Output("Not logged in")).toThrow(/unexpected wrangler output/);
  });
});

describe("npm run token: the local database", () => {
  const toml = (id: string) => `
[[d1_databases]]
binding = "DB"
database_name = "chancery"
${id}
[[r2_buckets]]
binding = "MEDIA"
bucket_name = "chancery-media"
`;

  it("is the one wrangler dev keeps beside wrangler.toml, named by the binding until a deploy writes an id", () => {
    expect(localD1(toml(""), undefined)).toEqual({
      persist: join(projectRoot, ".wrangler", "state", "v3", "d1"),
      id: "DB",
    });
    const id = "4b1f7c3e-2a9d-4e6f-8c1b-0d2e3f4a5b6c";
    expect(localD1(toml(`database_id = "${id}"`), undefined).id).toBe(id);
  });

  it("is under --persist-to, relative to the working directory, as wrangler reads it", () => {
    expect(localD1(toml(""), "state", "/srv/site").persist).toBe(join("/srv/site", "state", "v3", "d1"));
    expect(localD1(toml(""), "/var/chancery", "/srv/site").persist).toBe(join("/var/chancery", "v3", "d1"));
  });
});

/**
 * The real commands against one temporary state: `wrangler dev` as `npm start`
 * runs it, and `npm run token` beside it while it runs.
 */
describe("npm run token: a running npm start", () => {
  let state: string;
  let dev: Started;
  let base: string;

  const token = (...args: string[]) =>
    run(
      process.execPath,
      ["--import", "tsx", "scripts/token.ts", ...args, "--persist-to", state],
      projectRoot,
    );

  const audit = (bearer: string) =>
    fetch(`${base}/api/v1/audit`, { headers: { Authorization: `Bearer ${bearer}` } });

  beforeAll(async () => {
    state = await mkdtemp(join(tmpdir(), "chancery-token-"));
    const wrangler = join(projectRoot, "node_modules", "wrangler", "bin", "wrangler.js");
    await run(
      process.execPath,
      [wrangler, "d1", "migrations", "apply", "DB", "--local", "--persist-to", state],
      projectRoot,
    );
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dev = startGroup(
      process.execPath,
      ["scripts/dev.mjs", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", state],
      projectRoot,
    );
    await firstOk(`${base}/api/v1/health`, dev, 150_000);
  }, 180_000);

  afterAll(async () => {
    await dev?.stop();
    if (state) await rm(state, { recursive: true, force: true });
  });

  const invite = (...args: string[]) =>
    run(
      process.execPath,
      ["--import", "tsx", "scripts/invite.ts", ...args, "--persist-to", state],
      projectRoot,
    );

  it("accepts a token at once, lists it, and refuses it once revoked", async () => {
    await invite("--email", "night@embassy.example", "--role", "admin", "--name", "Night editor");
    const created = await token(
      "create",
      "--email",
      "night@embassy.example",
      "--name",
      "Night desk",
      "--scopes",
      "admin",
    );
    const bearer = /Authorization: Bearer (\S+)/.exec(created)?.[1] ?? "";
    expect(bearer).toMatch(/^[\w-]{43}$/);

    const accepted = await audit(bearer);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toHaveProperty("entries");

    const [header, row] = (await token("list")).split("\n");
    expect(header.split(/\s{2,}/)).toEqual([
      "NAME",
      "OWNER",
      "SCOPES",
      "CREATED (UTC)",
      "LAST USED",
      "REVOKED",
    ]);
    expect(row.split(/\s{2,}/)).toEqual([
      "Night desk",
      "night@embassy.example",
      "admin",
      expect.any(String),
      expect.any(String),
      "-",
    ]);

    await token("revoke", "--name", "Night desk");
    const refused = await audit(bearer);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
  }, 60_000);
});
