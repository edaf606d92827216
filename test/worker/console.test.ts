import { createScheduledController } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { parseHTML } from "linkedom";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../worker/index";
import type { Role } from "../../worker/schemas/editor";
import { accessToken } from "./access-team";
import { createPerson } from "./editor-fixtures";
import { resetContent } from "./fixtures";

const ORIGIN = "https://embassy.example";

function request(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { redirect: "manual", ...init }));
}

/** A person with `role`, and their e-mail, which single sign-on knows them by. */
async function person(name: string, role: Role = "publisher") {
  const id = await createPerson(name, role);
  const row = await env.DB.prepare("SELECT email FROM people WHERE id = ?1")
    .bind(id)
    .first<{ email: string }>();
  return { id, email: row?.email ?? "" };
}

/**
 * Signs `name` in through Cloudflare Access (the local team vouches for
 * them) and returns the session cookie and the CSRF secret the console page carries.
 */
async function session(name: string, role: Role = "publisher") {
  const { id, email } = await person(name, role);
  const response = await request("/admin", {
    headers: { "Cf-Access-Jwt-Assertion": await accessToken({ email }) },
  });
  expect(response.status).toBe(200);
  const setCookie = response.headers.get("Set-Cookie") ?? "";
  const cookie = setCookie.split(";")[0];
  const page = await request("/admin", { headers: { Cookie: cookie } });
  const { document } = parseHTML(await page.text());
  const data = JSON.parse(document.getElementById("console-data")?.textContent ?? "null");
  return { id, cookie, setCookie, csrf: data.csrf as string, editor: data.editor, document };
}

const publication = {
  title: "From the console",
  kind: "news",
  lang: "en",
  body: "Some *words*.",
  body_format: "markdown",
};

function post(
  path: string,
  cookie: string,
  headers: Record<string, string> = {},
  body: unknown = publication,
) {
  return request(path, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

describe("editors' console sessions", () => {
  beforeEach(async () => {
    await resetContent();
    await env.DB.batch([env.DB.prepare("DELETE FROM sessions"), env.DB.prepare("DELETE FROM tokens")]);
  });

  it("keeps the session in an HttpOnly, Secure, SameSite=Strict cookie whose value is not stored", async () => {
    const { cookie, setCookie, csrf, editor, document } = await session("ana");
    expect(setCookie).toMatch(/^__Host-chancery-session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Max-Age=43200/);
    expect(csrf).toMatch(/^[\w-]{43}$/);
    expect(editor).toMatchObject({ name: "ana", role: "publisher" });
    expect(document.querySelector(".who")?.textContent?.replace(/\s+/g, " ").trim()).toBe(
      "Signed in as ana (publisher)",
    );
    expect(document.querySelector("chancery-console")).not.toBeNull();
    const { results } = await env.DB.prepare("SELECT id_hash FROM sessions").all<{ id_hash: string }>();
    expect(results.map((row) => row.id_hash)).not.toContain(cookie.split("=")[1]);
  });

  it("writes through the API with the cookie only when the CSRF secret comes along", async () => {
    const { cookie, csrf } = await session("ana");
    const refused = await post("/api/v1/publications", cookie);
    expect(refused.status).toBe(403);
    expect((await refused.json<{ detail: string }>()).detail).toContain("X-CSRF-Token");
    const wrong = await post("/api/v1/publications", cookie, { "X-CSRF-Token": "x".repeat(43) });
    expect(wrong.status).toBe(403);
    const created = await post("/api/v1/publications", cookie, { "X-CSRF-Token": csrf });
    expect(created.status).toBe(201);
    const saved = await created.json<{ title: string; body_html: string }>();
    expect(saved.title).toBe("From the console");
    expect(parseHTML(`<div>${saved.body_html}</div>`).document.querySelector("p em")?.textContent).toBe(
      "words",
    );
    const audit = await env.DB.prepare(
      "SELECT actor FROM audit_log WHERE subject LIKE 'publication:%'",
    ).first<{ actor: string }>();
    expect(audit?.actor).toBe("ana");
  });

  it("refuses a sign-out form posted from another site, and keeps the session", async () => {
    const { cookie, csrf } = await session("ana");
    const crossSite = await request("/admin/sign-out", {
      method: "POST",
      headers: {
        Cookie: cookie,
        Origin: "https://evil.example",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ csrf }),
    });
    expect(crossSite.status).toBe(403);
    expect((await post("/api/v1/previews", cookie, { "X-CSRF-Token": csrf }, { body: "x" })).status).toBe(
      200,
    );
  });

  it("ends the session on the server at sign-out, and when the person is disabled", async () => {
    const first = await session("ana");
    const signOut = await request("/admin/sign-out", {
      method: "POST",
      headers: { Cookie: first.cookie, Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf: first.csrf }),
    });
    expect(signOut.status).toBe(303);
    expect(await post("/api/v1/publications", first.cookie, { "X-CSRF-Token": first.csrf })).toHaveProperty(
      "status",
      401,
    );
    const { document } = parseHTML(
      await (await request("/admin", { headers: { Cookie: first.cookie } })).text(),
    );
    expect(document.querySelector("#passkey-sign-in")?.textContent?.trim()).toBe("Sign in with a passkey");

    const second = await session("bea");
    await env.DB.prepare("UPDATE people SET disabled_at = ?2 WHERE id = ?1")
      .bind(second.id, new Date().toISOString())
      .run();
    expect(await post("/api/v1/publications", second.cookie, { "X-CSRF-Token": second.csrf })).toHaveProperty(
      "status",
      401,
    );
  });

  it("forgets sessions past their 12 hours in the hourly upkeep", async () => {
    const { cookie, csrf } = await session("ana");
    const sessions = async () =>
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions").first<{ n: number }>())?.n;
    const runAt = (time: number) =>
      worker.scheduled(createScheduledController({ scheduledTime: time, cron: "17 * * * *" }), env);
    await runAt(Date.now() + 11 * 60 * 60 * 1000);
    expect(await sessions()).toBe(1);
    await runAt(Date.now() + 13 * 60 * 60 * 1000);
    expect(await sessions()).toBe(0);
    expect(await post("/api/v1/publications", cookie, { "X-CSRF-Token": csrf })).toHaveProperty(
      "status",
      401,
    );
  });

  it("names the role an operation needs to a console user without it", async () => {
    const { cookie, csrf } = await session("guest", "contributor");
    const refused = await post("/api/v1/counters", cookie, { "X-CSRF-Token": csrf }, { slug: "x" });
    expect(refused.status).toBe(403);
    expect((await refused.json<{ detail: string }>()).detail).toMatch(/admin.*guest is a contributor/);
  });

  it("previews a body sanitized exactly as a save would, storing nothing", async () => {
    const { cookie, csrf } = await session("ana");
    const response = await post(
      "/api/v1/previews",
      cookie,
      { "X-CSRF-Token": csrf },
      { body: "## Hi\n\n<script>alert(1)</script><img src=x onerror=alert(1)>" },
    );
    expect(response.status).toBe(200);
    const { document } = parseHTML(`<div>${(await response.json<{ body_html: string }>()).body_html}</div>`);
    expect(document.querySelector("h2")?.textContent).toBe("Hi");
    expect(document.querySelector("script")).toBeNull();
    expect(document.querySelector("img")?.getAttribute("onerror")).toBeNull();
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM publications").first<{ n: number }>();
    expect(count?.n).toBe(0);
  });

  it("serves the console under the site's CSP, never cached", async () => {
    const page = await request("/admin");
    expect(page.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
    const { document } = parseHTML(await page.text());
    for (const name of ["console.js", "sign-in.js"]) {
      const script = await request(`/admin/${name}`);
      expect(script.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    }
    // People sign in with passkeys (or single sign-on); tokens are for programs.
    expect(document.querySelector("#passkey-sign-in")?.textContent?.trim()).toBe("Sign in with a passkey");
    expect(document.querySelector("input[name=token]")).toBeNull();
  });
});
