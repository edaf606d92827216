import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { findInvitation } from "../../worker/data/invitations";
import { tokenHash } from "../../worker/http/editor-auth";
import { createPerson, createSession, createTokenFor, json, type Session, send } from "./editor-fixtures";

const HOUR_MS = 60 * 60 * 1000;

/** The secret of an invitation link: what follows `#`. */
const secretOf = (url: string) => new URL(url).hash.slice(1);

let admin: Session;
let adminName: string;

beforeEach(async () => {
  // Each test starts with one enabled admin, its own: earlier tests' admins step down.
  await env.DB.prepare("UPDATE people SET role = 'editor' WHERE role = 'admin'").run();
  adminName = `Admin ${crypto.randomUUID().slice(0, 6)}`;
  admin = await createSession(await createPerson(adminName, "admin"));
});

async function invite(email = `ana.${crypto.randomUUID().slice(0, 8)}@Embassy.example`, role = "editor") {
  const response = await send(
    "POST",
    "/api/v1/people",
    { session: admin },
    { name: "Ana Novak", email, role },
  );
  return { response, body: await json(response, 201) };
}

describe("inviting people", () => {
  it("adds a person with a lower-case e-mail and a one-time link that expires in 72 hours", async () => {
    const email = `Ana.${crypto.randomUUID().slice(0, 8)}@Embassy.Example`;
    const { response, body } = await invite(email, "contributor");
    expect(body.person).toMatchObject({
      name: "Ana Novak",
      email: email.toLowerCase(),
      role: "contributor",
      disabled_at: null,
      passkeys: 0,
      last_signed_in_at: null,
      invitation_expires_at: body.invitation.expires_at,
    });
    expect(response.headers.get("Location")).toBe(`https://embassy.example/api/v1/people/${body.person.id}`);
    const link = new URL(body.invitation.url);
    expect(link.origin + link.pathname).toBe("https://embassy.example/admin/join");
    expect(link.search).toBe("");
    expect(secretOf(body.invitation.url)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(body.invitation.expires_at) - Date.parse(body.person.created_at)).toBe(72 * HOUR_MS);

    const hash = await tokenHash(secretOf(body.invitation.url));
    const live = await findInvitation(env.DB, hash, new Date().toISOString());
    expect(live).toMatchObject({
      person: { id: body.person.id, email: email.toLowerCase(), role: "contributor" },
    });
    expect(await findInvitation(env.DB, hash, body.invitation.expires_at)).toBeUndefined();
  });

  it("keeps the link's secret nowhere: only its hash", async () => {
    const { body } = await invite();
    const secret = secretOf(body.invitation.url);
    for (const table of ["invitations", "audit_log", "idempotency_keys", "people"]) {
      const { results } = await env.DB.prepare(`SELECT * FROM ${table}`).all();
      expect(JSON.stringify(results), table).not.toContain(secret);
    }
    const row = await env.DB.prepare("SELECT hash FROM invitations WHERE person_id = ?1")
      .bind(body.person.id)
      .first<{ hash: string }>();
    expect(row?.hash).toBe(await tokenHash(secret));
  });

  it("refuses an e-mail someone has, whatever its case, and changes nothing", async () => {
    const { body } = await invite();
    const before = await env.DB.prepare("SELECT COUNT(*) AS n FROM people").first<{ n: number }>();
    const again = await send(
      "POST",
      "/api/v1/people",
      { session: admin },
      { name: "Someone else", email: body.person.email.toUpperCase(), role: "editor" },
    );
    const problem = await json(again, 409);
    expect(problem.detail).toContain(body.person.email);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM people").first<{ n: number }>()).toEqual(before);
  });

  it("names each bad field", async () => {
    const response = await send(
      "POST",
      "/api/v1/people",
      { session: admin },
      { name: " ", email: "not-an-address", role: "owner", extra: 1 },
    );
    const problem = await json(response, 422);
    expect(problem["invalid-params"].map((p: { name: string }) => p.name).sort()).toEqual([
      "email",
      "extra",
      "name",
      "role",
    ]);
  });

  it("takes no Idempotency-Key, since the link cannot be replayed", async () => {
    const response = await send(
      "POST",
      "/api/v1/people",
      { session: admin, headers: { "Idempotency-Key": crypto.randomUUID() } },
      { name: "Bo", email: `bo.${crypto.randomUUID().slice(0, 8)}@embassy.example`, role: "editor" },
    );
    const problem = await json(response, 400);
    expect(problem["invalid-params"]).toEqual([{ name: "Idempotency-Key", reason: expect.any(String) }]);
  });

  it("gives a new link that ends the earlier one", async () => {
    const { body } = await invite();
    const first = await tokenHash(secretOf(body.invitation.url));
    const response = await send("POST", `/api/v1/people/${body.person.id}/invitations`, { session: admin });
    const link = await json(response, 201);
    expect(secretOf(link.url)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const now = new Date().toISOString();
    expect(await findInvitation(env.DB, first, now)).toBeUndefined();
    expect(await findInvitation(env.DB, await tokenHash(secretOf(link.url)), now)).toMatchObject({
      person: { id: body.person.id },
      expires_at: link.expires_at,
    });
    const person = await json(await send("GET", `/api/v1/people/${body.person.id}`, { session: admin }), 200);
    expect(person.invitation_expires_at).toBe(link.expires_at);
  });

  it("gives no link to someone disabled, nor to no one", async () => {
    const { body } = await invite();
    await json(
      await send("PATCH", `/api/v1/people/${body.person.id}`, { session: admin }, { disabled: true }),
      200,
    );
    await json(await send("POST", `/api/v1/people/${body.person.id}/invitations`, { session: admin }), 409);
    await json(await send("POST", "/api/v1/people/999999/invitations", { session: admin }), 404);
  });
});

describe("reading people", () => {
  it("lists everyone and reads one; an unknown id is a 404", async () => {
    const { body } = await invite();
    const list = await json(await send("GET", "/api/v1/people", { session: admin }), 200);
    expect(list.people).toContainEqual(body.person);
    expect(list.people.find((p: { name: string }) => p.name === adminName)).toMatchObject({
      role: "admin",
      last_signed_in_at: expect.any(String),
    });
    expect(
      await json(await send("GET", `/api/v1/people/${body.person.id}`, { session: admin }), 200),
    ).toEqual(body.person);
    await json(await send("GET", "/api/v1/people/999999", { session: admin }), 404);
  });

  it("is for admins only, with the reason", async () => {
    const editor = await createPerson("Eda Editor", "editor");
    const refused = await send("GET", "/api/v1/people", { session: await createSession(editor) });
    expect((await json(refused, 403)).detail).toContain("Eda Editor is an editor");
    const publishing = await createTokenFor(
      await createPerson("Ada", "admin"),
      `ada-${crypto.randomUUID()}`,
      ["publish"],
    );
    expect((await json(await send("GET", "/api/v1/people", { token: publishing }), 403)).detail).toContain(
      '"admin" scope',
    );
    const invited = await send(
      "POST",
      "/api/v1/people",
      { session: await createSession(editor) },
      { name: "X", email: "x@embassy.example", role: "admin" },
    );
    await json(invited, 403);
    await json(await send("GET", "/api/v1/people", {}), 401);
  });
});

describe("changing people", () => {
  it("changes the name, e-mail and role, and the audit log names the admin", async () => {
    const { body } = await invite();
    const path = `/api/v1/people/${body.person.id}`;
    const email = `New.${crypto.randomUUID().slice(0, 8)}@embassy.example`;
    const changed = await json(
      await send("PATCH", path, { session: admin }, { name: "Ana Kovač", email, role: "publisher" }),
      200,
    );
    expect(changed).toMatchObject({ name: "Ana Kovač", email: email.toLowerCase(), role: "publisher" });
    const entry = await env.DB.prepare(
      "SELECT actor, action, change FROM audit_log WHERE subject = ?1 ORDER BY id DESC LIMIT 1",
    )
      .bind(`person:${body.person.id}`)
      .first<{ actor: string; action: string; change: string }>();
    expect(entry).toMatchObject({ actor: adminName, action: "person.update" });
    expect(JSON.parse(entry?.change ?? "{}").after).toMatchObject({ name: "Ana Kovač", role: "publisher" });
  });

  it("refuses an empty change, a taken e-mail and an unknown person", async () => {
    const { body } = await invite();
    const other = await invite();
    const path = `/api/v1/people/${body.person.id}`;
    expect(
      (await json(await send("PATCH", path, { session: admin }, {}), 422))["invalid-params"],
    ).toHaveLength(1);
    await json(await send("PATCH", path, { session: admin }, { email: other.body.person.email }), 409);
    await json(await send("PATCH", "/api/v1/people/999999", { session: admin }, { name: "Nobody" }), 404);
  });

  it("disabling ends the person's sessions and tokens at once; enabling lets them sign in again", async () => {
    const id = await createPerson("Pia Publisher", "publisher");
    const session = await createSession(id);
    const token = await createTokenFor(id, `pia-${crypto.randomUUID()}`, ["publish"]);
    await json(await send("GET", "/api/v1/me", { token }), 200);
    await json(await send("GET", "/api/v1/me", { session }), 200);

    const disabled = await json(
      await send("PATCH", `/api/v1/people/${id}`, { session: admin }, { disabled: true }),
      200,
    );
    expect(disabled.disabled_at).toEqual(expect.any(String));
    await json(await send("GET", "/api/v1/me", { token }), 401);
    await json(await send("GET", "/api/v1/me", { session }), 401);
    const left = await env.DB.prepare(
      `SELECT (SELECT COUNT(*) FROM sessions WHERE person_id = ?1) AS sessions,
              (SELECT COUNT(*) FROM tokens WHERE person_id = ?1 AND revoked_at IS NULL) AS tokens`,
    )
      .bind(id)
      .first();
    expect(left).toEqual({ sessions: 0, tokens: 0 });
    const action = await env.DB.prepare("SELECT action FROM audit_log WHERE subject = ?1 ORDER BY id DESC")
      .bind(`person:${id}`)
      .first<{ action: string }>();
    expect(action?.action).toBe("person.disable");

    const enabled = await json(
      await send("PATCH", `/api/v1/people/${id}`, { session: admin }, { disabled: false }),
      200,
    );
    expect(enabled.disabled_at).toBeNull();
    // Their old token stays revoked: enabling lets the person in, not what was ended.
    await json(await send("GET", "/api/v1/me", { token }), 401);
    await json(await send("GET", "/api/v1/me", { session: await createSession(id) }), 200);
  });

  it("disabling cancels an unused invitation, so enabling brings no old link back", async () => {
    const { body } = await invite();
    const hash = await tokenHash(secretOf(body.invitation.url));
    const now = () => new Date().toISOString();
    expect(await findInvitation(env.DB, hash, now())).toBeDefined();
    const path = `/api/v1/people/${body.person.id}`;
    await json(await send("PATCH", path, { session: admin }, { disabled: true }), 200);
    await json(await send("PATCH", path, { session: admin }, { disabled: false }), 200);
    expect(await findInvitation(env.DB, hash, now())).toBeUndefined();
  });

  it("a lower role cuts what the person's tokens may do at once", async () => {
    const id = await createPerson("Ola Admin", "admin");
    const token = await createTokenFor(id, `ola-${crypto.randomUUID()}`, ["admin"]);
    await json(await send("GET", "/api/v1/audit", { token }), 200);
    await json(await send("PATCH", `/api/v1/people/${id}`, { session: admin }, { role: "publisher" }), 200);
    await json(await send("GET", "/api/v1/audit", { token }), 403);
    const me = await json(await send("GET", "/api/v1/me", { token }), 200);
    expect(me.token.scopes).toEqual([]);
  });

  it("keeps the last admin: neither disabled nor demoted, and their sessions stay", async () => {
    const self = (
      await env.DB.prepare("SELECT id FROM people WHERE name = ?1").bind(adminName).first<{ id: number }>()
    )?.id;
    const path = `/api/v1/people/${self}`;
    const demoted = await json(await send("PATCH", path, { session: admin }, { role: "editor" }), 409);
    expect(demoted.detail).toContain("last admin");
    await json(await send("PATCH", path, { session: admin }, { disabled: true }), 409);
    await json(await send("GET", "/api/v1/me", { session: admin }), 200);
    const renamed = await json(
      await send("PATCH", path, { session: admin }, { name: "Still in charge" }),
      200,
    );
    expect(renamed).toMatchObject({ name: "Still in charge", role: "admin", disabled_at: null });

    // With a second admin, the first may step down.
    await createPerson("Second Admin", "admin");
    expect((await json(await send("PATCH", path, { session: admin }, { role: "editor" }), 200)).role).toBe(
      "editor",
    );
  });
});

describe("signing a person out everywhere", () => {
  it("ends their sessions and revokes their tokens; the audit log says who did it", async () => {
    const id = await createPerson("Sam Editor", "editor");
    const session = await createSession(id);
    const token = await createTokenFor(id, `sam-${crypto.randomUUID()}`, ["publish"]);
    const response = await send("POST", `/api/v1/people/${id}/sign-out`, { session: admin });
    expect(response.status).toBe(204);
    await json(await send("GET", "/api/v1/me", { token }), 401);
    await json(await send("GET", "/api/v1/me", { session }), 401);
    const entry = await env.DB.prepare(
      "SELECT actor FROM audit_log WHERE subject = ?1 AND action = 'person.sign_out'",
    )
      .bind(`person:${id}`)
      .first<{ actor: string }>();
    expect(entry?.actor).toBe(adminName);
    await json(await send("POST", "/api/v1/people/999999/sign-out", { session: admin }), 404);
  });
});
