import { createScheduledController } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { parseHTML } from "linkedom";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { createToken } from "./editor-fixtures";
import { resetContent } from "./fixtures";

const ORIGIN = "https://embassy.example";

function request(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { redirect: "manual", ...init }));
}

function signIn(token: string, origin = ORIGIN): Promise<Response> {
  return request("/admin/session", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ token }),
  });
}

/** Signs in and returns the session cookie and the CSRF secret the console page carries. */
async function session(token: string) {
  const response = await signIn(token);
  expect(response.status).toBe(303);
  const setCookie = response.headers.get("Set-Cookie") ?? "";
  const cookie = setCookie.split(";")[0];
  const page = await request("/admin", { headers: { Cookie: cookie } });
  const { document } = parseHTML(await page.text());
  const data = JSON.parse(document.getElementById("console-data")?.textContent ?? "null");
  return { cookie, setCookie, csrf: data.csrf as string, editor: data.editor, document };
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

  it("signs in with a token into an HttpOnly, Secure, SameSite=Strict cookie that holds no token", async () => {
    const token = await createToken("ana", ["publish"]);
    const { cookie, setCookie, csrf, editor, document } = await session(token);
    expect(setCookie).toMatch(/^__Host-chancery-session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(cookie).not.toContain(token);
    expect(csrf).toMatch(/^[\w-]{43}$/);
    expect(editor).toMatchObject({ name: "ana", scopes: ["publish"] });
    expect(document.querySelector("chancery-console")).not.toBeNull();
    const { results } = await env.DB.prepare("SELECT id_hash FROM sessions").all<{ id_hash: string }>();
    expect(results.map((row) => row.id_hash)).not.toContain(cookie.split("=")[1]);
  });

  it("writes through the API with the cookie only when the CSRF secret comes along", async () => {
    const { cookie, csrf } = await session(await createToken("ana", ["publish"]));
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

  it("refuses a sign-in form posted from another site, and a wrong token with a message", async () => {
    const token = await createToken("ana", ["publish"]);
    const crossSite = await signIn(token, "https://evil.example");
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get("Set-Cookie")).toBeNull();
    const wrong = await signIn("a".repeat(43));
    expect(wrong.status).toBe(401);
    const { document } = parseHTML(await wrong.text());
    expect(document.querySelector("#token-error")?.textContent).toBe(
      "This token is unknown or has been revoked.",
    );
    expect(document.querySelector("#token")?.getAttribute("aria-invalid")).toBe("true");
    const malformed = await signIn("short");
    expect(malformed.status).toBe(422);
  });

  it("ends the session on the server at sign-out, and when its token is revoked", async () => {
    const token = await createToken("ana", ["publish"]);
    const first = await session(token);
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
    expect(document.querySelector("form[action='/admin/session']")).not.toBeNull();

    const second = await session(token);
    await env.DB.prepare("UPDATE tokens SET revoked_at = ?1").bind(new Date().toISOString()).run();
    expect(await post("/api/v1/publications", second.cookie, { "X-CSRF-Token": second.csrf })).toHaveProperty(
      "status",
      401,
    );
  });

  it("forgets sessions past their 12 hours in the hourly upkeep", async () => {
    const { cookie, csrf } = await session(await createToken("ana", ["publish"]));
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

  it("names the missing scope to a console user without it", async () => {
    const { cookie, csrf } = await session(await createToken("guest", ["counters"]));
    const refused = await post("/api/v1/publications", cookie, { "X-CSRF-Token": csrf });
    expect(refused.status).toBe(403);
    expect((await refused.json<{ detail: string }>()).detail).toBe('This token lacks the "publish" scope.');
  });

  it("previews a body sanitized exactly as a save would, storing nothing", async () => {
    const { cookie, csrf } = await session(await createToken("ana", ["publish"]));
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
    const script = await request("/admin/console.js");
    expect(script.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(document.querySelector("input[type=password][name=token]")).not.toBeNull();
  });
});
