import { env, exports } from "cloudflare:workers";
import { generateKeyPair } from "jose";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { accessToken } from "./access-team";
import { createPerson } from "./editor-fixtures";

const ORIGIN = "https://embassy.example";

const openConsole = (token: string) =>
  exports.default.fetch(new Request(`${ORIGIN}/admin`, { headers: { "Cf-Access-Jwt-Assertion": token } }));

async function emailOf(personId: number): Promise<string> {
  const row = await env.DB.prepare("SELECT email FROM people WHERE id = ?1")
    .bind(personId)
    .first<{ email: string }>();
  return row?.email ?? "";
}

const sessionsOf = async (personId: number) =>
  (
    await env.DB.prepare("SELECT via FROM sessions WHERE person_id = ?1")
      .bind(personId)
      .all<{ via: string }>()
  ).results;

/** What the page says: its heading, who is signed in, and its alert. */
async function pageOf(response: Response) {
  const { document } = parseHTML(await response.text());
  return {
    signedInAs: document.querySelector(".who strong")?.textContent ?? null,
    alert: document.querySelector("[role=alert]")?.textContent?.trim() ?? "",
    signInButton: document.querySelector("#passkey-sign-in")?.textContent?.trim() ?? null,
  };
}

describe("single sign-on through Cloudflare Access", () => {
  it("signs in the person whose e-mail a good token names: a session 'via access' and the console", async () => {
    const id = await createPerson("Ada Access", "editor");
    const email = await emailOf(id);
    const response = await openConsole(await accessToken({ email: email.toUpperCase() }));
    expect(response.status).toBe(200);
    expect((await pageOf(response)).signedInAs).toBe("Ada Access");
    const cookie = response.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^__Host-chancery-session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(await sessionsOf(id)).toEqual([{ via: "access" }]);
  });

  it("refuses a token for another application's audience, from another team, expired, or signed by another key", async () => {
    const id = await createPerson("Refused Rita", "editor");
    const email = await emailOf(id);
    const stranger = (await generateKeyPair("RS256")).privateKey;
    const tokens = [
      await accessToken({ email, aud: "another-application" }),
      await accessToken({ email, iss: "https://another-team.cloudflareaccess.com" }),
      await accessToken({ email, exp: Math.floor(Date.now() / 1000) - 60 }),
      await accessToken({ email }, stranger),
      await accessToken({ email }, stranger, "a-kid-never-issued"),
      "not-a-jwt",
    ];
    for (const token of tokens) {
      const response = await openConsole(token);
      expect(response.status).toBe(200);
      const page = await pageOf(response);
      expect(page.signedInAs).toBeNull();
      expect(page.signInButton).toBe("Sign in with a passkey");
      expect(response.headers.get("Set-Cookie")).toBeNull();
    }
    expect(await sessionsOf(id)).toEqual([]);
  });

  it("lets no one in whom Access knows but the site does not: no account, or a disabled one", async () => {
    const unknown = await openConsole(await accessToken({ email: "nobody@elsewhere.example" }));
    expect(unknown.status).toBe(403);
    expect((await pageOf(unknown)).alert).toBe(
      "No account for nobody@elsewhere.example; ask an admin to invite you.",
    );
    expect(unknown.headers.get("Set-Cookie")).toBeNull();

    const id = await createPerson("Disabled Dan", "publisher");
    await env.DB.prepare("UPDATE people SET disabled_at = ?2 WHERE id = ?1")
      .bind(id, new Date().toISOString())
      .run();
    const email = await emailOf(id);
    const disabled = await openConsole(await accessToken({ email }));
    expect(disabled.status).toBe(403);
    expect((await pageOf(disabled)).alert).toBe(`No account for ${email}; ask an admin to invite you.`);
    expect(await sessionsOf(id)).toEqual([]);
  });

  it("shows the passkey sign-in to a request Access did not vouch for", async () => {
    const response = await exports.default.fetch(new Request(`${ORIGIN}/admin`));
    expect(response.status).toBe(200);
    expect((await pageOf(response)).signInButton).toBe("Sign in with a passkey");
  });
});
