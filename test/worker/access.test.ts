import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { Hono } from "hono";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { CSRF_HEADER } from "../../console/contract";
import { editorAccess } from "../../worker/http/access";
import worker from "../../worker/index";
import { needsCredential } from "../support/openapi";
import { accessToken } from "./access-team";
import { authorized, createToken } from "./editor-fixtures";
import { addPublications, resetContent } from "./fixtures";

const ORIGIN = "https://embassy.example";
const SAFE = new Set(["get", "head", "options"]);
// A value of each path parameter that reaches its route (a credential id is 16 bytes or more).
const EXAMPLE_VALUES: Record<string, string> = { slug: "founding", passkeyId: "bm8tc3VjaC1wYXNza2V5" };

interface Operation {
  method: string;
  path: string;
  scope: string;
}

/** Every operation the API reference lists that is not a public read, with the scope it says it needs. */
async function editorOperations(): Promise<Operation[]> {
  const document = await (await exports.default.fetch(`${ORIGIN}/api/openapi.json`)).json<any>();
  return Object.entries<any>(document.paths).flatMap(([path, item]) =>
    Object.entries<any>(item)
      .filter(([method, operation]) => !SAFE.has(method) || needsCredential(operation))
      .map(([method]) => ({
        method: method.toUpperCase(),
        // Real values, so each request reaches its route: id 1 exists, version 1 too.
        path: path.replace(/\{(\w+)\}/g, (_, name) => EXAMPLE_VALUES[name] ?? "1"),
        scope: "",
      })),
  );
}

function send(operation: Operation, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(
    new Request(`${ORIGIN}${operation.path}`, { method: operation.method, headers, redirect: "manual" }),
  );
}

describe("deny by default", () => {
  let operations: Operation[];
  let nobody: string;
  beforeAll(async () => {
    await resetContent();
    await addPublications({ slug: "only-one", published_at: "2020-10-20T09:00:00.000Z" });
    operations = await editorOperations();
    // An admin's token with no scope: every role check passes, so the scope is what refuses.
    nobody = await createToken("No scopes", [], "admin");
  });

  it("finds the editors' operations in the API reference", () => {
    // Creating, editing, importing, archiving, restoring, media, counters, site, audit.
    expect(operations.length).toBeGreaterThanOrEqual(17);
  });

  it("answers every write and every editors' read 401 without a token", async () => {
    for (const operation of operations) {
      const response = await send(operation);
      expect(response.status, `${operation.method} ${operation.path}`).toBe(401);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    }
  });

  it("answers them 403 with a live token that lacks their scope, or that only a session may use", async () => {
    for (const operation of operations) {
      const response = await send(operation, authorized(nobody));
      const what = `${operation.method} ${operation.path}`;
      // Who a token speaks for is open to any token: programs ask it first.
      if (what === "GET /api/v1/me") {
        expect(response.status, what).toBe(200);
        continue;
      }
      expect(response.status, what).toBe(403);
      expect((await response.json<any>()).detail, what).toMatch(
        /lacks the "\w+" scope|from the console, signed in as yourself/,
      );
    }
  });

  it("keeps a write route that the access table does not open closed, even to an admin", async () => {
    const admin = await createToken("Admin", ["admin"]);
    // A route added without its line in the table, mounted as the app mounts its own.
    const app = new Hono<{ Bindings: Env }>()
      .use("/api/*", editorAccess)
      .post("/api/v1/forgotten", (c) => c.text("written"));
    const post = (headers: Record<string, string>) =>
      app.request("/api/v1/forgotten", { method: "POST", headers }, env, createExecutionContext());
    expect((await post(authorized(admin))).status).toBe(403);
    expect((await post({})).status).toBe(401);
  });

  it("takes the Bearer scheme in any case, as RFC 9110 says", async () => {
    const token = await createToken("Any case", ["publish"]);
    for (const scheme of ["Bearer", "bearer", "BEARER"]) {
      const response = await exports.default.fetch(
        new Request(`${ORIGIN}/api/v1/publications/by-id/1`, {
          headers: { Authorization: `${scheme} ${token}` },
        }),
      );
      expect(response.status, scheme).toBe(200);
    }
  });
});

describe("a token's last use", () => {
  async function useAt(token: string, at: string) {
    vi.useFakeTimers({ now: new Date(at), toFake: ["Date"] });
    try {
      const ctx = createExecutionContext();
      const request = new Request(`${ORIGIN}/api/v1/me`, { headers: authorized(token) });
      const response = await worker.fetch(request as Parameters<typeof worker.fetch>[0], env, ctx);
      await waitOnExecutionContext(ctx);
      expect(response.status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
    const row = await env.DB.prepare("SELECT last_used_at FROM tokens WHERE name = 'Last use'").first<{
      last_used_at: string | null;
    }>();
    return row?.last_used_at;
  }

  it("is kept to the minute, so a busy program writes it once a minute, not on every request", async () => {
    const token = await createToken("Last use", ["publish"]);
    expect(await useAt(token, "2026-12-02T09:00:00.000Z")).toBe("2026-12-02T09:00:00.000Z");
    expect(await useAt(token, "2026-12-02T09:00:59.000Z")).toBe("2026-12-02T09:00:00.000Z");
    expect(await useAt(token, "2026-12-02T09:01:00.000Z")).toBe("2026-12-02T09:01:00.000Z");
  });
});

describe("D1 sessions", () => {
  let token: string;
  beforeAll(async () => {
    await resetContent();
    await addPublications({ slug: "only-one", published_at: "2020-10-20T09:00:00.000Z" });
    token = await createToken("Bookmarks", ["publish"]);
  });

  /** The real binding, noting each session it opens: where each request's reads start. */
  function recordingEnv() {
    const constraints: string[] = [];
    const DB = new Proxy(env.DB, {
      get(target, name) {
        if (name !== "withSession") return Reflect.get(target, name).bind(target);
        return (constraint: string) => {
          constraints.push(constraint);
          return target.withSession(constraint);
        };
      },
    });
    return { env: { ...env, DB }, constraints };
  }

  async function through(request: Request, bindings: Env): Promise<Response> {
    const ctx = createExecutionContext();
    const response = await worker.fetch(request as Parameters<typeof worker.fetch>[0], bindings, ctx);
    await waitOnExecutionContext(ctx);
    return response;
  }

  it("reads public pages anywhere, writes at the primary, and reads an editor's own write after it", async () => {
    const { env: recording, constraints } = recordingEnv();
    const { id } = (await env.DB.prepare("SELECT id FROM publications").first<{ id: number }>()) ?? {};
    await through(new Request(`${ORIGIN}/api/v1/publications`), recording);
    const written = await through(
      new Request(`${ORIGIN}/api/v1/publications/by-id/${id}`, {
        method: "PATCH",
        headers: { ...authorized(token), "Content-Type": "application/json", "If-Match": '"v1"' },
        body: JSON.stringify({ title: "Read your writes" }),
      }),
      recording,
    );
    expect(written.status).toBe(200);
    const bookmark = written.headers.get("X-D1-Bookmark");
    expect(bookmark).toMatch(/^[0-9a-f]{8}-/);
    const read = await through(
      new Request(`${ORIGIN}/api/v1/publications/by-id/${id}`, {
        headers: { ...authorized(token), "X-D1-Bookmark": bookmark ?? "" },
      }),
      recording,
    );
    expect((await read.json<any>()).title).toBe("Read your writes");
    expect(constraints).toEqual(["first-unconstrained", "first-primary", bookmark]);
  });

  it("keeps the console's last write in a cookie, so its next page reads from there", async () => {
    const { env: recording, constraints } = recordingEnv();
    // The token's owner signs in to the console through Cloudflare Access.
    const owner = await env.DB.prepare(
      "SELECT p.email FROM tokens t JOIN people p ON p.id = t.person_id WHERE t.name = 'Bookmarks'",
    ).first<{ email: string }>();
    const signedIn = await through(
      new Request(`${ORIGIN}/admin`, {
        headers: { "Cf-Access-Jwt-Assertion": await accessToken({ email: owner?.email }) },
      }),
      recording,
    );
    const session = (signedIn.headers.get("Set-Cookie") ?? "").split(";")[0];
    const page = await (
      await through(new Request(`${ORIGIN}/admin`, { headers: { Cookie: session } }), recording)
    ).text();
    const { csrf } = JSON.parse(parseHTML(page).document.getElementById("console-data")?.textContent ?? "{}");
    const { id } =
      (await env.DB.prepare("SELECT id, version FROM publications").first<{ id: number }>()) ?? {};
    const current = await (
      await through(
        new Request(`${ORIGIN}/api/v1/publications/by-id/${id}`, { headers: { Cookie: session } }),
        recording,
      )
    ).json<any>();
    const written = await through(
      new Request(`${ORIGIN}/api/v1/publications/by-id/${id}`, {
        method: "PATCH",
        headers: {
          Cookie: session,
          [CSRF_HEADER]: csrf,
          "Content-Type": "application/json",
          "If-Match": `"v${current.version}"`,
        },
        body: JSON.stringify({ title: "Saved from the console" }),
      }),
      recording,
    );
    expect(written.status).toBe(200);
    // The write sets this one cookie: the session's was set at sign-in.
    const cookie = written.headers.get("Set-Cookie");
    expect(cookie).toMatch(/^__Host-chancery-bookmark=[^;]+; .*; Secure; HttpOnly; SameSite=Strict$/);
    const bookmark = cookie?.split(";")[0];
    const read = await through(
      new Request(`${ORIGIN}/api/v1/publications/by-id/${id}`, {
        headers: { Cookie: `${session}; ${bookmark}` },
      }),
      recording,
    );
    expect((await read.json<any>()).title).toBe("Saved from the console");
    expect(constraints.at(-1)).toBe(bookmark?.split("=")[1]);
  });

  it("refuses a bookmark it did not give with a 400 naming the header", async () => {
    const response = await exports.default.fetch(
      new Request(`${ORIGIN}/api/v1/publications/by-id/1`, {
        headers: { ...authorized(token), "X-D1-Bookmark": "'; DROP TABLE publications" },
      }),
    );
    expect(response.status).toBe(400);
    expect((await response.json<any>())["invalid-params"][0].name).toBe("X-D1-Bookmark");
  });

  it("never puts a bookmark on an answer shared caches keep", async () => {
    const response = await exports.default.fetch(`${ORIGIN}/api/v1/publications`);
    expect(response.headers.get("Cache-Control")).toMatch(/^public/);
    expect(response.headers.get("X-D1-Bookmark")).toBeNull();
  });
});
