import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { MAX_LIVE_CHALLENGES } from "../../worker/data/challenges";
import { randomSecret, tokenHash } from "../../worker/http/editor-auth";
import worker from "../../worker/index";
import { authenticate, type Credential, register } from "./authenticator";
import { createPerson, createToken, sendAs } from "./editor-fixtures";

const ORIGIN = "https://embassy.example";

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

/** An invitation for a new person with `role`, as an admin makes one: its secret and the person. */
async function invite(name: string, role: "contributor" | "publisher" = "publisher", hoursLeft = 72) {
  const personId = await createPerson(name, role);
  const secret = randomSecret();
  const now = Date.now();
  await env.DB.prepare(
    "INSERT INTO invitations (hash, person_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
  )
    .bind(
      await tokenHash(secret),
      personId,
      new Date(now).toISOString(),
      new Date(now + hoursLeft * 3600_000).toISOString(),
    )
    .run();
  return { secret, personId };
}

/** Accepts an invitation with a new passkey: the answer, the credential and the session cookie. */
async function join(secret: string, name = "Work laptop") {
  const started = await post("/admin/join/options", { invitation: secret });
  expect(started.status).toBe(200);
  const { options } = await started.json<{ options: Parameters<typeof register>[0] }>();
  const { credential, response } = await register(options, ORIGIN);
  const joined = await post("/admin/join", { invitation: secret, name, response });
  return { joined, credential, cookie: (joined.headers.get("Set-Cookie") ?? "").split(";")[0] };
}

async function signInWith(credential: Credential, headers: Record<string, string> = {}) {
  const options = await (await post("/admin/sign-in/options", {})).json<{
    challenge: string;
    rpId: string;
  }>();
  const response = await authenticate(credential, options, ORIGIN);
  return { answer: await post("/admin/sign-in", { response }, headers), response };
}

const problemOf = (response: Response) => response.json<{ status: number; detail: string }>();

async function consoleOf(cookie: string) {
  const page = await exports.default.fetch(new Request(`${ORIGIN}/admin`, { headers: { Cookie: cookie } }));
  const { document } = parseHTML(await page.text());
  const data = JSON.parse(document.getElementById("console-data")?.textContent ?? "null");
  return { who: document.querySelector(".who")?.textContent?.replace(/\s+/g, " ").trim(), csrf: data?.csrf };
}

const sessionsOf = async (personId: number) =>
  (
    await env.DB.prepare("SELECT via FROM sessions WHERE person_id = ?1 ORDER BY created_at")
      .bind(personId)
      .all<{ via: string }>()
  ).results.map((row) => row.via);

describe("joining on an invitation", () => {
  it("says whose invitation it is, registers the passkey, spends the invitation and signs the person in", async () => {
    const { secret, personId } = await invite("Jo Joiner");
    const started = await post("/admin/join/options", { invitation: secret });
    const { person, options } = await started.json<{
      person: { name: string };
      options: { rp: { id: string } };
    }>();
    expect(person.name).toBe("Jo Joiner");
    expect(options.rp.id).toBe("embassy.example");

    const { joined, credential, cookie } = await join(secret);
    expect(joined.status).toBe(204);
    expect(joined.headers.get("Set-Cookie")).toMatch(
      /^__Host-chancery-session=[^;]+;.*HttpOnly.*Secure.*SameSite=Strict/,
    );
    expect(await consoleOf(cookie)).toMatchObject({ who: "Signed in as Jo Joiner (publisher)" });
    expect(await sessionsOf(personId)).toEqual(["invitation"]);
    const stored = await env.DB.prepare("SELECT name FROM passkeys WHERE id = ?1")
      .bind(credential.id)
      .first();
    expect(stored).toEqual({ name: "Work laptop" });

    const again = await post("/admin/join/options", { invitation: secret });
    expect(again.status).toBe(410);
    expect((await problemOf(again)).detail).toMatch(/has been used/);
  });

  it("lets one of two joins racing on one link in, and writes nothing for the other", async () => {
    const { secret, personId } = await invite("Racing Rae");
    // Two prompts for the same link, answered by two authenticators.
    const answers = await Promise.all(
      [1, 2].map(async () => {
        const started = await post("/admin/join/options", { invitation: secret });
        const { options } = await started.json<{ options: Parameters<typeof register>[0] }>();
        return (await register(options, ORIGIN)).response;
      }),
    );
    // The real D1, holding each join's writes until both have found the link still unused.
    let bothChecked!: () => void;
    const checked = new Promise<void>((resolve) => {
      bothChecked = resolve;
    });
    let checks = 0;
    const racing = (db: D1Database | D1DatabaseSession): any =>
      new Proxy(db, {
        get(target, name) {
          if (name === "withSession")
            return (constraint: string) => racing((target as D1Database).withSession(constraint));
          if (name === "prepare") {
            return (sql: string) => {
              if (/FROM invitations i JOIN people/.test(sql) && ++checks === 2) bothChecked();
              return target.prepare(sql);
            };
          }
          if (name === "batch") {
            return async (statements: D1PreparedStatement[]) => {
              await checked;
              return target.batch(statements);
            };
          }
          const value = Reflect.get(target, name);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    const joined = await Promise.all(
      answers.map(async (response) => {
        const ctx = createExecutionContext();
        const request = new Request(`${ORIGIN}/admin/join`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: ORIGIN },
          body: JSON.stringify({ invitation: secret, name: "Laptop", response }),
        });
        const answer = await worker.fetch(
          request as Parameters<typeof worker.fetch>[0],
          { ...env, DB: racing(env.DB) },
          ctx,
        );
        await waitOnExecutionContext(ctx);
        return answer;
      }),
    );
    expect(joined.map((answer) => answer.status).sort()).toEqual([204, 410]);
    expect(joined.find((answer) => answer.status === 410)?.headers.get("Set-Cookie")).toBeNull();
    const passkeys = await env.DB.prepare("SELECT count(*) AS n FROM passkeys WHERE person_id = ?1")
      .bind(personId)
      .first<{ n: number }>();
    expect(passkeys?.n).toBe(1);
    expect(await sessionsOf(personId)).toEqual(["invitation"]);
  });

  it("turns away an expired or unknown invitation with what to do", async () => {
    const { secret } = await invite("Late Lee", "publisher", -1);
    const expired = await post("/admin/join/options", { invitation: secret });
    expect(expired.status).toBe(410);
    expect((await problemOf(expired)).detail).toMatch(/expired .* Ask an admin for a new one/);

    const unknown = await post("/admin/join/options", { invitation: randomSecret() });
    expect(unknown.status).toBe(404);
    expect((await problemOf(unknown)).detail).toMatch(/not known here/);

    const malformed = await post("/admin/join/options", { invitation: "half-a-link" });
    expect(malformed.status).toBe(422);
  });

  it("writes nothing when the passkey does not verify: wrong origin, challenge of another invitation", async () => {
    const { secret, personId } = await invite("Careful Cy");
    const started = await post("/admin/join/options", { invitation: secret });
    const { options } = await started.json<{ options: Parameters<typeof register>[0] }>();
    const { response } = await register(options, "https://phishing.example");
    const refused = await post("/admin/join", { invitation: secret, name: "Laptop", response });
    expect(refused.status).toBe(409);
    expect(refused.headers.get("Set-Cookie")).toBeNull();

    const other = await invite("Other Olga");
    const othersOptions = await (await post("/admin/join/options", { invitation: other.secret })).json<{
      options: Parameters<typeof register>[0];
    }>();
    const stolen = await register(othersOptions.options, ORIGIN);
    const crossed = await post("/admin/join", {
      invitation: secret,
      name: "Laptop",
      response: stolen.response,
    });
    expect(crossed.status).toBe(409);
    expect(await sessionsOf(personId)).toEqual([]);
    const kept = await env.DB.prepare("SELECT count(*) AS n FROM passkeys WHERE person_id = ?1")
      .bind(personId)
      .first();
    expect(kept).toEqual({ n: 0 });
  });

  it("takes ceremonies only from this origin", async () => {
    const { secret } = await invite("Forms Fay");
    const form = await exports.default.fetch(
      new Request(`${ORIGIN}/admin/join/options`, {
        method: "POST",
        headers: { "Content-Type": "text/plain", Origin: "https://evil.example" },
        body: JSON.stringify({ invitation: secret }),
      }),
    );
    expect(form.status).toBe(403);
  });
});

describe("signing in with a passkey", () => {
  it("gives one client at most 60 passkey prompts a minute", async () => {
    const client = { "CF-Connecting-IP": "203.0.113.60" };
    const answers = [];
    for (let asked = 0; asked < 61; asked++) answers.push(await post("/admin/sign-in/options", {}, client));
    expect(answers.slice(0, 60).every((answer) => answer.status === 200)).toBe(true);
    const refused = answers[60];
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("60");
    expect((await problemOf(refused)).detail).toMatch(/wait a minute/);
    // Another client is not held back by this one.
    expect((await post("/admin/sign-in/options", {}, { "CF-Connecting-IP": "203.0.113.61" })).status).toBe(
      200,
    );
  });

  it("keeps at most MAX_LIVE_CHALLENGES prompts open, so asking for them cannot fill the database", async () => {
    const ahead = new Date(Date.now() + 60_000).toISOString();
    // As many live prompts as the bound allows, as a flood of requests for options would leave.
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
       INSERT INTO challenges (challenge, purpose, expires_at) SELECT 'flood-' || i, 'sign-in', ?2 FROM n`,
    )
      .bind(MAX_LIVE_CHALLENGES, ahead)
      .run();
    const count = async () =>
      (await env.DB.prepare("SELECT count(*) AS n FROM challenges").first<{ n: number }>())?.n;
    const before = await count();
    try {
      const refused = await post("/admin/sign-in/options", {});
      expect(refused.status).toBe(429);
      expect(refused.headers.get("Retry-After")).toBe("60");
      expect((await problemOf(refused)).detail).toMatch(/try again in a minute/);
      expect(await count()).toBe(before);
    } finally {
      // Once they have expired, the next request clears them and gets its prompt.
      await env.DB.prepare("UPDATE challenges SET expires_at = ?1 WHERE challenge LIKE 'flood-%'")
        .bind(new Date(Date.now() - 1000).toISOString())
        .run();
    }
    expect((await post("/admin/sign-in/options", {})).status).toBe(200);
    const flood = await env.DB.prepare(
      "SELECT count(*) AS n FROM challenges WHERE challenge LIKE 'flood-%'",
    ).first<{
      n: number;
    }>();
    expect(flood?.n).toBe(0);
  });

  it("signs in with the passkey, counting its use; a second answer to the same challenge is refused", async () => {
    const { secret, personId } = await invite("Pat Passkey");
    const { credential } = await join(secret);
    const { answer, response } = await signInWith(credential);
    expect(answer.status).toBe(204);
    const cookie = (answer.headers.get("Set-Cookie") ?? "").split(";")[0];
    expect((await consoleOf(cookie)).who).toBe("Signed in as Pat Passkey (publisher)");
    expect(await sessionsOf(personId)).toEqual(["invitation", "passkey"]);
    const used = await env.DB.prepare("SELECT counter, last_used_at FROM passkeys WHERE id = ?1")
      .bind(credential.id)
      .first<{ counter: number; last_used_at: string | null }>();
    expect(used?.counter).toBe(1);
    expect(used?.last_used_at).not.toBeNull();

    const replayed = await post("/admin/sign-in", { response });
    expect(replayed.status).toBe(401);
    expect((await problemOf(replayed)).detail).toMatch(/expired or was already answered/);
    expect(await sessionsOf(personId)).toEqual(["invitation", "passkey"]);
  });

  it("refuses a passkey this site does not hold, and one of a disabled person", async () => {
    const { secret, personId } = await invite("Gone Gil");
    const { credential } = await join(secret);
    const stranger = { ...credential, id: "c3RyYW5nZXI" };
    expect((await signInWith(stranger)).answer.status).toBe(401);

    await env.DB.prepare("UPDATE people SET disabled_at = ?2 WHERE id = ?1")
      .bind(personId, new Date().toISOString())
      .run();
    const { answer } = await signInWith(credential);
    expect(answer.status).toBe(401);
    expect(answer.headers.get("Set-Cookie")).toBeNull();
  });

  it("stops a client after ten failed sign-ins, with Retry-After", async () => {
    const { secret } = await invite("Brute Bo");
    const { credential } = await join(secret);
    const client = { "CF-Connecting-IP": "203.0.113.77" };
    const stranger = { ...credential, id: "YnJ1dGU" };
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signInWith(stranger, client)).answer.status);
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    const { answer } = await signInWith(stranger, client);
    expect(answer.status).toBe(429);
    expect(answer.headers.get("Retry-After")).toBe("60");
  });
});

describe("a person's own passkeys", () => {
  it("lists, adds another, removes one, and keeps the last; the audit log keeps each", async () => {
    const { secret, personId } = await invite("Kim Keys");
    const { credential, cookie } = await join(secret, "Phone");
    const { csrf } = await consoleOf(cookie);
    const session = { Cookie: cookie, "X-CSRF-Token": csrf };
    const api = (method: string, path: string, body?: unknown) =>
      exports.default.fetch(
        new Request(`${ORIGIN}/api/v1/passkeys${path}`, {
          method,
          headers: { ...session, ...(body ? { "Content-Type": "application/json" } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        }),
      );

    const options = await (await api("POST", "/options")).json<
      Parameters<typeof register>[0] & {
        excludeCredentials: { id: string }[];
      }
    >();
    expect(options.excludeCredentials.map((c) => c.id)).toEqual([credential.id]);
    const second = await register(options, ORIGIN);
    const added = await api("POST", "", { name: "Laptop", response: second.response });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({
      id: second.credential.id,
      name: "Laptop",
      last_used_at: null,
    });

    const listed = await (await api("GET", "")).json<{ passkeys: { name: string }[] }>();
    expect(listed.passkeys.map((p) => p.name)).toEqual(["Phone", "Laptop"]);

    expect((await api("DELETE", `/${credential.id}`)).status).toBe(204);
    const last = await api("DELETE", `/${second.credential.id}`);
    expect(last.status).toBe(409);
    expect((await problemOf(last)).detail).toMatch(/you would have no way to sign in/);
    expect((await api("DELETE", "/bm8tc3VjaC1rZXk")).status).toBe(404);

    const removed = await signInWith(credential);
    expect(removed.answer.status).toBe(401);
    expect((await signInWith(second.credential)).answer.status).toBe(204);

    const { results } = await env.DB.prepare(
      "SELECT actor, action, change FROM audit_log WHERE subject = ?1 AND action LIKE 'passkey.%' ORDER BY id",
    )
      .bind(`person:${personId}`)
      .all<{ actor: string; action: string; change: string }>();
    expect(results.map(({ actor, action, change }) => [actor, action, JSON.parse(change)])).toEqual([
      ["Kim Keys", "passkey.add", { after: { id: credential.id, name: "Phone" } }],
      ["Kim Keys", "passkey.add", { after: { id: second.credential.id, name: "Laptop" } }],
      ["Kim Keys", "passkey.remove", { before: { id: credential.id, name: "Phone" } }],
    ]);
  });

  it("is for the person in the console: a token cannot list or add passkeys", async () => {
    const token = await createToken("Passkey robot", ["admin"]);
    const answer = await sendAs(token, "GET", "/api/v1/passkeys");
    expect(answer.status).toBe(403);
  });
});
