import { env, exports } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { fingerprint } from "../../../worker/http/idempotency";
import { authorized, createToken } from "../editor-fixtures";
import { resetContent } from "../fixtures";

const BODY = JSON.stringify({
  title: "A request killed half-way",
  kind: "news",
  lang: "en",
  lead: "Its key must not stay taken for a day.",
  body: "<p>Text</p>",
  published_at: "2020-10-20T09:00:00Z",
  status: "published",
  without_approval: "Cleared by phone with the consul",
});

let token: string;

function post(key: string): Promise<Response> {
  return exports.default.fetch(
    new Request("https://embassy.example/api/v1/publications", {
      method: "POST",
      body: BODY,
      headers: { ...authorized(token), "Content-Type": "application/json", "Idempotency-Key": key },
    }),
  );
}

/** What a request that was killed after claiming its key leaves behind. */
async function abandonedClaim(key: string, at: Date): Promise<void> {
  const editor = await env.DB.prepare("SELECT id FROM tokens WHERE name = 'Killed'").first<{ id: number }>();
  await env.DB.prepare(
    "INSERT INTO idempotency_keys (person_id, key, fingerprint, created_at) VALUES (?1, ?2, ?3, ?4)",
  )
    .bind(editor?.id, key, await fingerprint("POST", "/api/v1/publications", "", BODY), at.toISOString())
    .run();
}

describe("an Idempotency-Key whose request was killed", () => {
  beforeAll(async () => {
    await resetContent();
    token = await createToken("Killed", ["publish"]);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("answers 409 with Retry-After while the request may still be running", async () => {
    await abandonedClaim("still-running", new Date());
    const response = await post("still-running");
    expect(response.status).toBe(409);
    expect(response.headers.get("Retry-After")).toBe("5");
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  });

  it("frees itself within minutes: the same request then goes through, once", async () => {
    const start = new Date();
    await abandonedClaim("killed", start);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start.getTime() + 3 * 60 * 1000);
    const retried = await post("killed");
    expect(retried.status).toBe(201);
    const replayed = await post("killed");
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get("Idempotent-Replayed")).toBe("true");
    const count = await env.DB.prepare("SELECT count(*) AS n FROM publications WHERE title = ?1")
      .bind("A request killed half-way")
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
  });
});
