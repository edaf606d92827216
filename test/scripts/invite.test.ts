import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkOrigin,
  DEFAULT_ORIGIN,
  inviteSql,
  joinUrl,
  newInvitation,
  parseCommand,
  refusal,
} from "../../scripts/invite";
import { withLocalD1 } from "../../scripts/local-d1";
import { UsageError } from "../../scripts/token";
import { run } from "../support/local-dev";
import { projectRoot } from "../support/worker";

const HOUR_MS = 60 * 60 * 1000;

describe("npm run invite: arguments", () => {
  it("reads the e-mail lower-case, the role, a name and the site's origin", () => {
    expect(parseCommand(["--email", "Ana@Embassy.example", "--role", "admin"])).toEqual({
      command: "invite",
      email: "ana@embassy.example",
      role: "admin",
      name: undefined,
      origin: DEFAULT_ORIGIN,
      target: { remote: false },
    });
    expect(
      parseCommand([
        "--email=bo@embassy.example",
        "--name",
        "Bo Berg",
        "--origin",
        "https://news.embassy.example/",
        "--remote",
      ]),
    ).toMatchObject({ name: "Bo Berg", origin: "https://news.embassy.example", target: { remote: true } });
    expect(parseCommand(["--email", "a@b.example", "--persist-to", "state"])).toMatchObject({
      role: undefined,
      target: { remote: false, persistTo: "state" },
    });
    expect(parseCommand(["-h"])).toEqual({ command: "help" });
  });

  it("refuses what it does not understand", () => {
    const refused = [
      [],
      ["--role", "admin"],
      ["--email", "nobody", "--role", "admin"],
      ["--email", "a@b.example", "--role", "owner"],
      ["--email", "a@b.example", "--name", " "],
      ["--email", "a@b.example", "--origin", "news.embassy.example"],
      ["--email", "a@b.example", "--origin", "https://news.embassy.example/admin"],
      ["--email", "a@b.example", "--origin", "ftp://news.embassy.example"],
      ["--email", "a@b.example", "--remote", "--persist-to", "state"],
      ["--email", "a@b.example", "extra"],
      ["--email", "a@b.example", "--force"],
    ];
    for (const argv of refused) expect(() => parseCommand(argv), argv.join(" ")).toThrow(UsageError);
    expect(checkOrigin(undefined)).toBe("http://localhost:8787");
  });

  it("asks for a role only of someone new, and invites no one disabled", () => {
    const invite = parseCommand(["--email", "a@b.example"]);
    if (invite.command !== "invite") throw new Error("not an invitation");
    expect(refusal(invite, undefined)).toMatch(/--role/);
    const known = { id: 1, name: "Ana", role: "editor" as const, disabled_at: null };
    expect(refusal(invite, known)).toBeUndefined();
    expect(refusal(invite, { ...known, disabled_at: "2026-07-01T00:00:00.000Z" })).toMatch(/disabled/);
  });
});

describe("npm run invite: the link", () => {
  it("carries 32 random bytes in the fragment, stores their SHA-256, and lives 72 hours", () => {
    const at = "2026-07-02T10:15:30.123Z";
    const { secret, hash, expiresAt } = newInvitation(at);
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    expect(hash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(Date.parse(expiresAt) - Date.parse(at)).toBe(72 * HOUR_MS);
    const url = new URL(joinUrl("https://news.embassy.example", secret));
    expect([url.pathname, url.search, url.hash]).toEqual(["/admin/join", "", `#${secret}`]);
  });

  it("puts no secret into SQL, and quotes what it is given", () => {
    const { secret, hash, expiresAt } = newInvitation(new Date().toISOString());
    const sql = inviteSql("o'b@x.example", { name: "O'Brien", role: "admin" }, { hash, expiresAt }, "t").join(
      "\n",
    );
    expect(sql).not.toContain(secret);
    expect(sql).toContain(`'${hash}'`);
    expect(sql).toContain("'O''Brien', 'o''b@x.example', 'admin'");
    expect(inviteSql("a@b.example", undefined, { hash, expiresAt }, "t")).toHaveLength(3);
  });
});

/** The real command against a temporary local database, as `npm run invite` runs it. */
describe("npm run invite: the local database", () => {
  let state: string;

  const invite = (...args: string[]) =>
    run(
      process.execPath,
      ["--import", "tsx", "scripts/invite.ts", ...args, "--persist-to", state],
      projectRoot,
    );

  const rows = (sql: string) =>
    withLocalD1(state, async (db) => (await db.prepare(sql).all<Record<string, any>>()).results);

  const secretIn = (output: string) => /\/admin\/join#([\w-]{43})/.exec(output)?.[1] ?? "";

  beforeAll(async () => {
    state = await mkdtemp(join(tmpdir(), "chancery-invite-"));
    const wrangler = join(projectRoot, "node_modules", "wrangler", "bin", "wrangler.js");
    await run(
      process.execPath,
      [wrangler, "d1", "migrations", "apply", "DB", "--local", "--persist-to", state],
      projectRoot,
    );
  }, 120_000);

  afterAll(async () => {
    if (state) await rm(state, { recursive: true, force: true });
  });

  it("adds the first admin with a link, and a second run gives a new link that ends the first", async () => {
    const first = await invite(
      "--email",
      "Head@Embassy.example",
      "--role",
      "admin",
      "--name",
      "Head of Press",
    );
    const secret = secretIn(first);
    expect(first).toContain("http://localhost:8787/admin/join#");
    const [person] = await rows("SELECT id, name, email, role, changed_by FROM people");
    expect(person).toMatchObject({
      name: "Head of Press",
      email: "head@embassy.example",
      role: "admin",
      changed_by: "npm run invite",
    });
    const [stored] = await rows("SELECT hash, person_id, created_at, expires_at, used_at FROM invitations");
    expect(stored).toMatchObject({ person_id: person.id, used_at: null });
    expect(stored.hash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(Date.parse(stored.expires_at) - Date.parse(stored.created_at)).toBe(72 * HOUR_MS);

    const second = await invite(
      "--email",
      "head@embassy.example",
      "--origin",
      "https://news.embassy.example",
    );
    expect(second).toContain("https://news.embassy.example/admin/join#");
    const now = new Date().toISOString();
    const live = await rows(`SELECT hash FROM invitations WHERE used_at IS NULL AND expires_at > '${now}'`);
    expect(live).toEqual([{ hash: createHash("sha256").update(secretIn(second)).digest("hex") }]);
    expect(await rows("SELECT COUNT(*) AS n FROM people")).toEqual([{ n: 1 }]);
    const actions = await rows(`SELECT actor, action FROM audit_log WHERE subject = 'person:${person.id}'`);
    expect(actions).toContainEqual({ actor: "npm run invite", action: "person.invite" });
  }, 60_000);

  it("refuses someone new without a role, saying so", async () => {
    await expect(invite("--email", "new@embassy.example")).rejects.toThrow(/say which --role/);
    expect(await rows("SELECT email FROM people WHERE email = 'new@embassy.example'")).toEqual([]);
  }, 60_000);
});
