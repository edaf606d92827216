import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { authorized, createToken } from "./editor-fixtures";
import { getJson, resetContent } from "./fixtures";

const ORIGIN = "https://embassy.example";
let token: string;

const publication = (n: number) => ({
  title: `Notice number ${n}`,
  slug: `notice-${n}`,
  kind: "news",
  lang: "en",
  lead: `Lead ${n}.`,
  body: `<p>Body ${n}</p>`,
  published_at: "2020-10-20T09:00:00Z",
  status: "published",
  without_approval: "Cleared by phone with the consul",
});

function request(method: string, path: string, body?: string, headers: HeadersInit = {}): Request {
  return new Request(`${ORIGIN}${path}`, {
    method,
    body,
    headers: { ...authorized(token), "Content-Type": "application/json", ...headers },
  });
}

async function through(req: Request, bindings: Env = env): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(req as Parameters<typeof worker.fetch>[0], bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

async function count(sql: string, ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>();
  return row?.n ?? -1;
}

/**
 * The real D1 binding, whose sessions fail as told: `batch` throws before
 * it runs (D1 unreachable mid-write), or everything after a batch that
 * committed throws (D1 lost right after the commit).
 */
function faultyEnv(fault: { batch?: boolean; afterCommit?: boolean }): Env {
  const DB = new Proxy(env.DB, {
    get(target, name) {
      if (name !== "withSession") return Reflect.get(target, name).bind(target);
      return (constraint: string) => {
        const session = target.withSession(constraint);
        let committed = false;
        return new Proxy(session, {
          get(inner, call) {
            const real = Reflect.get(inner, call).bind(inner);
            if (call === "batch") {
              return async (statements: D1PreparedStatement[]) => {
                if (fault.batch) throw new Error("D1_ERROR: Network connection lost.");
                const results = await real(statements);
                committed = true;
                return results;
              };
            }
            if (call === "prepare" && fault.afterCommit) {
              return (sql: string) => {
                if (committed) throw new Error("D1_ERROR: Network connection lost.");
                return real(sql);
              };
            }
            return real;
          },
        });
      };
    },
  });
  return { ...env, DB };
}

beforeAll(async () => {
  token = await createToken("Writer", ["publish"]);
});

describe("the write path", () => {
  beforeEach(() => resetContent());

  it("answers 20 PATCHes to 20 publications fired together with 2xx, each visible to the next read", async () => {
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        through(request("POST", "/api/v1/publications", JSON.stringify(publication(n)))).then((r) =>
          r.json<{ id: number }>(),
        ),
      ),
    );
    await getJson("/api/v1/publications?limit=100");
    const patched = await Promise.all(
      created.map(({ id }, n) =>
        through(
          request("PATCH", `/api/v1/publications/by-id/${id}`, JSON.stringify({ title: `Changed ${n}` }), {
            "If-Match": '"v1"',
          }),
        ),
      ),
    );
    expect(patched.map((r) => r.status)).toEqual(Array(20).fill(200));
    const list = await getJson("/api/v1/publications?limit=100&fields=title,slug");
    const titles = new Map(
      list.items.map((item: { slug: string; title: string }) => [item.slug, item.title]),
    );
    for (let n = 0; n < 20; n++) {
      expect(titles.get(`notice-${n}`)).toBe(`Changed ${n}`);
      expect((await getJson(`/api/v1/publications/notice-${n}`)).title).toBe(`Changed ${n}`);
    }
  });

  it("imports 1,000 lines with 2xx, all visible at once", async () => {
    await getJson("/api/v1/publications?limit=1");
    const ndjson = Array.from({ length: 1000 }, (_, n) => JSON.stringify(publication(n))).join("\n");
    const response = await through(
      request("POST", "/api/v1/imports", ndjson, { "Content-Type": "application/x-ndjson" }),
    );
    expect(response.status).toBe(201);
    const answer = await response.json<{ imported: number; lines: { line: number; slug: string }[] }>();
    expect(answer.imported).toBe(1000);
    expect(answer.lines[999]).toMatchObject({ line: 1000, slug: "notice-999" });
    expect((await getJson("/api/v1/publications/notice-999")).title).toBe("Notice number 999");
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await getJson(
        `/api/v1/publications?limit=100&fields=slug${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      for (const item of page.items) seen.add(item.slug);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect([...Array(1000).keys()].every((n) => seen.has(`notice-${n}`))).toBe(true);
  });

  it("leaves nothing half-written when D1 fails mid-batch, answers 503, and a retry then succeeds once", async () => {
    const body = JSON.stringify(publication(1));
    const headers = { "Idempotency-Key": "failing-create" };
    const audit = await count("SELECT count(*) AS n FROM audit_log");
    const failed = await through(
      request("POST", "/api/v1/publications", body, headers),
      faultyEnv({ batch: true }),
    );
    expect(failed.status).toBe(503);
    expect(failed.headers.get("Content-Type")).toBe("application/problem+json");
    expect(await count("SELECT count(*) AS n FROM publications WHERE slug = 'notice-1'")).toBe(0);
    expect(
      await count(
        "SELECT count(*) AS n FROM revisions r WHERE NOT EXISTS (SELECT 1 FROM publications p WHERE p.id = r.publication_id)",
      ),
    ).toBe(0);
    expect(await count("SELECT count(*) AS n FROM audit_log")).toBe(audit);
    expect(await count("SELECT count(*) AS n FROM idempotency_keys WHERE key = 'failing-create'")).toBe(0);

    const retried = await through(request("POST", "/api/v1/publications", body, headers));
    expect(retried.status).toBe(201);
    const replayed = await through(request("POST", "/api/v1/publications", body, headers));
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get("Idempotent-Replayed")).toBe("true");
    expect(replayed.headers.get("ETag")).toBe('"v1"');
    expect(replayed.headers.get("Location")).toBe(retried.headers.get("Location"));
    expect(await replayed.json()).toEqual(await retried.json());
    expect(await count("SELECT count(*) AS n FROM publications WHERE slug = 'notice-1'")).toBe(1);
  });

  it("never answers 5xx for a write that committed, and keeps its answer for a retry", async () => {
    const body = JSON.stringify(publication(2));
    const headers = { "Idempotency-Key": "lost-after-commit" };
    const saved = await through(
      request("POST", "/api/v1/publications", body, headers),
      faultyEnv({ afterCommit: true }),
    );
    expect(saved.status).toBe(201);
    const first = await saved.json();
    const replayed = await through(request("POST", "/api/v1/publications", body, headers));
    expect(replayed.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await replayed.json()).toEqual(first);
    expect(await count("SELECT count(*) AS n FROM publications WHERE slug = 'notice-2'")).toBe(1);
  });

  it("leaves an edit unmade and its version unmoved when D1 fails mid-batch", async () => {
    const created = await (
      await through(request("POST", "/api/v1/publications", JSON.stringify(publication(3))))
    ).json<{ id: number }>();
    const path = `/api/v1/publications/by-id/${created.id}`;
    const edit = JSON.stringify({ title: "Lost edit" });
    const failed = await through(
      request("PATCH", path, edit, { "If-Match": '"v1"' }),
      faultyEnv({ batch: true }),
    );
    expect(failed.status).toBe(503);
    expect(await count("SELECT count(*) AS n FROM revisions WHERE publication_id = ?1", created.id)).toBe(1);
    const retried = await through(request("PATCH", path, edit, { "If-Match": '"v1"' }));
    expect(retried.status).toBe(200);
    expect(retried.headers.get("ETag")).toBe('"v2"');
  });
});
