import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { tokenHash } from "../../worker/http/editor-auth";
import { createPerson, createSession, createTokenFor, json, send } from "./editor-fixtures";

const unique = (name: string) => `${name} ${crypto.randomUUID().slice(0, 8)}`;

/** A person with `role` signed in to the console. */
async function signedIn(role: "contributor" | "editor" | "publisher" | "admin", name = unique(role)) {
  const id = await createPerson(name, role);
  return { id, name, session: await createSession(id) };
}

describe("who am I", () => {
  it("names the person and how they came: a session with all the role allows, a token with its scopes", async () => {
    const { id, name, session } = await signedIn("admin");
    const bySession = await json(await send("GET", "/api/v1/me", { session }), 200);
    expect(bySession).toEqual({
      person: {
        id,
        name,
        email: expect.any(String),
        role: "admin",
        scopes: ["publish", "counters", "site", "admin"],
      },
      via: "session",
    });

    const tokenName = unique("feed");
    const token = await createTokenFor(id, tokenName, ["publish"]);
    const byToken = await json(await send("GET", "/api/v1/me", { token }), 200);
    expect(byToken).toEqual({
      person: { id, name, email: bySession.person.email, role: "admin", scopes: ["publish"] },
      via: "token",
      token: { id: expect.any(Number), name: tokenName, scopes: ["publish"] },
    });
    await json(await send("GET", "/api/v1/me", {}), 401);
  });
});

describe("making tokens", () => {
  it("makes a token that works at once, shown once; its hash is never in an answer", async () => {
    const { id, name, session } = await signedIn("publisher");
    const tokenName = unique("Press feed");
    const response = await send(
      "POST",
      "/api/v1/tokens",
      { session },
      { name: tokenName, scopes: ["publish"] },
    );
    const made = await json(response, 201);
    expect(made).toEqual({
      id: expect.any(Number),
      name: tokenName,
      scopes: ["publish"],
      person: { id, name },
      created_at: expect.any(String),
      last_used_at: null,
      revoked_at: null,
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const hash = await tokenHash(made.token);
    const stored = await env.DB.prepare("SELECT hash FROM tokens WHERE id = ?1")
      .bind(made.id)
      .first<{ hash: string }>();
    expect(stored?.hash).toBe(hash);

    const me = await json(await send("GET", "/api/v1/me", { token: made.token }), 200);
    expect(me.token).toEqual({ id: made.id, name: tokenName, scopes: ["publish"] });

    const listed = await send("GET", "/api/v1/tokens", { session });
    const text = await listed.clone().text();
    expect(text).not.toContain(hash);
    expect(text).not.toContain(made.token);
    const { tokens } = await json(listed, 200);
    const { token: _, ...shown } = made;
    expect(tokens).toEqual([{ ...shown, last_used_at: expect.any(String) }]);
    for (const table of ["audit_log", "idempotency_keys"]) {
      const { results } = await env.DB.prepare(`SELECT * FROM ${table}`).all();
      expect(JSON.stringify(results), table).not.toContain(made.token);
    }
  });

  it("refuses scopes beyond the owner's role, naming them", async () => {
    const { session } = await signedIn("editor");
    const response = await send(
      "POST",
      "/api/v1/tokens",
      { session },
      { name: unique("Too wide"), scopes: ["publish", "site", "admin"] },
    );
    const problem = await json(response, 422);
    expect(problem["invalid-params"]).toEqual([
      { name: "scopes", reason: expect.stringContaining("site, admin") },
    ]);
    const bad = await json(await send("POST", "/api/v1/tokens", { session }, { name: "", scopes: [] }), 422);
    expect(bad["invalid-params"].map((p: { name: string }) => p.name).sort()).toEqual(["name", "scopes"]);
  });

  it("lets an admin give a token any scope", async () => {
    const { session } = await signedIn("admin");
    const made = await json(
      await send(
        "POST",
        "/api/v1/tokens",
        { session },
        { name: unique("Ops"), scopes: ["site", "counters"] },
      ),
      201,
    );
    expect(made.scopes).toEqual(["site", "counters"]);
  });

  it("refuses a name taken, even by a revoked token", async () => {
    const { id, session } = await signedIn("publisher");
    const name = unique("Taken");
    await createTokenFor(id, name, ["publish"]);
    await json(await send("POST", "/api/v1/tokens", { session }, { name, scopes: ["publish"] }), 409);
  });

  it("is done from the console only: a token makes, lists and revokes no tokens", async () => {
    const { id } = await signedIn("admin");
    const token = await createTokenFor(id, unique("Bot"), ["admin"]);
    const refused = await send(
      "POST",
      "/api/v1/tokens",
      { token },
      { name: unique("Child"), scopes: ["publish"] },
    );
    expect((await json(refused, 403)).detail).toContain("console");
    await json(await send("GET", "/api/v1/tokens", { token }), 403);
    await json(await send("DELETE", "/api/v1/tokens/1", { token }), 403);
  });

  it("takes no Idempotency-Key, as the token cannot be replayed", async () => {
    const { session } = await signedIn("publisher");
    const response = await send(
      "POST",
      "/api/v1/tokens",
      { session, headers: { "Idempotency-Key": crypto.randomUUID() } },
      { name: unique("Retry"), scopes: ["publish"] },
    );
    await json(response, 400);
  });
});

describe("revoking tokens", () => {
  it("the owner revokes their own; requests with it are refused from then on", async () => {
    const { id, session } = await signedIn("contributor");
    const token = await createTokenFor(id, unique("Mine"), ["publish"]);
    const me = await json(await send("GET", "/api/v1/me", { token }), 200);
    const response = await send("DELETE", `/api/v1/tokens/${me.token.id}`, { session });
    expect(response.status).toBe(204);
    await json(await send("GET", "/api/v1/me", { token }), 401);
    const { tokens } = await json(await send("GET", "/api/v1/tokens", { session }), 200);
    expect(tokens[0].revoked_at).toEqual(expect.any(String));
  });

  it("someone else's token is not found, and keeps working", async () => {
    const owner = await signedIn("publisher");
    const other = await signedIn("publisher");
    const token = await createTokenFor(owner.id, unique("Theirs"), ["publish"]);
    const { token: mine } = await json(await send("GET", "/api/v1/me", { token }), 200);
    await json(await send("DELETE", `/api/v1/tokens/${mine.id}`, { session: other.session }), 404);
    await json(await send("DELETE", "/api/v1/tokens/999999", { session: other.session }), 404);
    await json(await send("GET", "/api/v1/me", { token }), 200);
    const listed = await send("GET", `/api/v1/tokens?person=${owner.id}`, { session: other.session });
    await json(listed, 403);
  });

  it("an admin lists and revokes anyone's", async () => {
    const owner = await signedIn("editor");
    const admin = await signedIn("admin");
    const token = await createTokenFor(owner.id, unique("Watched"), ["publish"]);
    const { tokens } = await json(
      await send("GET", `/api/v1/tokens?person=${owner.id}`, { session: admin.session }),
      200,
    );
    expect(tokens).toEqual([expect.objectContaining({ person: { id: owner.id, name: owner.name } })]);
    const response = await send("DELETE", `/api/v1/tokens/${tokens[0].id}`, { session: admin.session });
    expect(response.status).toBe(204);
    await json(await send("GET", "/api/v1/me", { token }), 401);
    const entry = await env.DB.prepare(
      "SELECT actor FROM audit_log WHERE subject = ?1 AND action = 'token.revoke'",
    )
      .bind(`token:${tokens[0].id}`)
      .first<{ actor: string }>();
    expect(entry?.actor).toBe(admin.name);
    await json(await send("GET", "/api/v1/tokens?person=999999", { session: admin.session }), 404);
  });
});

describe("signing yourself out everywhere", () => {
  it("ends every session and revokes every token, and clears the cookie", async () => {
    const { id, session } = await signedIn("editor");
    const elsewhere = await createSession(id);
    const token = await createTokenFor(id, unique("Laptop script"), ["publish"]);
    await json(await send("POST", "/api/v1/me/sign-out", { token }), 403);

    const response = await send("POST", "/api/v1/me/sign-out", { session });
    expect(response.status).toBe(204);
    expect(response.headers.get("Set-Cookie")).toMatch(/^__Host-chancery-session=;.*Max-Age=0/);
    await json(await send("GET", "/api/v1/me", { session }), 401);
    await json(await send("GET", "/api/v1/me", { session: elsewhere }), 401);
    await json(await send("GET", "/api/v1/me", { token }), 401);
  });

  it("needs the session's CSRF secret", async () => {
    const { session } = await signedIn("editor");
    await json(await send("POST", "/api/v1/me/sign-out", { session: { ...session, csrf: "wrong" } }), 403);
    await json(await send("GET", "/api/v1/me", { session }), 200);
  });
});
