import { exports } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authorized, createToken } from "./editor-fixtures";
import { addCounters, getJson, resetContent } from "./fixtures";

let editor: string;
let admin: string;

function send(method: string, path: string, body: unknown, token = editor) {
  return exports.default.fetch(
    new Request(`https://embassy.example${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { ...authorized(token), "Content-Type": "application/json" },
    }),
  );
}

beforeAll(async () => {
  editor = await createToken(`settings-${crypto.randomUUID()}`, ["counters", "site"]);
  admin = await createToken(`admin-${crypto.randomUUID()}`, ["admin"]);
});

describe("editors' counters and site", () => {
  beforeEach(async () => {
    await resetContent();
    await addCounters({ slug: "charter", since: "2018-03-04" });
  });

  it("creates, changes and deletes counters, and readers see each change at once", async () => {
    const at = "?at=2020-10-25T00:06:00Z";
    await getJson(`/api/v1/counters${at}`);
    const created = await send("POST", "/api/v1/counters", {
      slug: "chancery",
      since: "2018-03-12",
      text: "{days} days since the chancery opened",
    });
    expect(created.status).toBe(201);
    expect((await getJson(`/api/v1/counters${at}`)).counters.map((c: { days: number }) => c.days)).toEqual([
      966, 958,
    ]);
    expect((await send("PATCH", "/api/v1/counters/chancery", { since: "2018-03-13" })).status).toBe(204);
    expect((await getJson(`/api/v1/counters/chancery${at}`)).days).toBe(957);
    expect((await send("DELETE", "/api/v1/counters/chancery", undefined)).status).toBe(204);
    expect((await getJson(`/api/v1/counters${at}`)).counters).toHaveLength(1);
  });

  it("refuses an impossible date, a sentence without {days} and a slug clash", async () => {
    const invalid = await send("POST", "/api/v1/counters", {
      slug: "x-day",
      since: "2021-02-29",
      text: "no count",
    });
    expect(invalid.status).toBe(422);
    const names = (await invalid.json<any>())["invalid-params"].map((p: { name: string }) => p.name);
    expect(names.sort()).toEqual(["since", "text"]);
    const clash = await send("POST", "/api/v1/counters", {
      slug: "charter",
      since: "2020-01-01",
      text: "{days}",
    });
    expect(clash.status).toBe(409);
  });

  it("changes the site's zone and clocks, checking IANA names", async () => {
    const bad = await send("PATCH", "/api/v1/site", {
      time_zone: "+03:00",
      clocks: [{ label: "X", time_zone: "Mars/Base" }],
    });
    expect(bad.status).toBe(422);
    const names = (await bad.json<any>())["invalid-params"].map((p: { name: string }) => p.name);
    expect(names.sort()).toEqual(["clocks.0.time_zone", "time_zone"]);
    const saved = await send("PATCH", "/api/v1/site", { time_zone: "Pacific/Kiritimati" });
    expect(saved.status).toBe(200);
    expect((await getJson("/api/v1/counters?at=2021-06-01T11:30:00Z")).date).toBe("2021-06-02");
  });

  it("records every write in the audit log, readable with the admin scope only", async () => {
    await send("PATCH", "/api/v1/site", { name: "Embassy of Valdoria" });
    expect((await send("GET", "/api/v1/audit", undefined)).status).toBe(403);
    const log = await (await send("GET", "/api/v1/audit?subject=site", undefined, admin)).json<any>();
    expect(log.entries[0]).toMatchObject({
      action: "site.update",
      subject: "site",
      change: { before: { name: "Embassy" }, after: { name: "Embassy of Valdoria" } },
    });
    expect(log.entries[0].actor).toMatch(/^settings-/);
    expect(log.entries[0].request_id).toBeTruthy();
  });
});

describe("failed sign-ins", () => {
  it("are throttled per client with 429 and Retry-After", async () => {
    const attempt = () =>
      exports.default.fetch(
        new Request("https://embassy.example/api/v1/site", {
          method: "PATCH",
          body: "{}",
          headers: { Authorization: "Bearer wrong-token-wrong-token", "CF-Connecting-IP": "198.51.100.7" },
        }),
      );
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    const last = await attempt();
    expect(last.status).toBe(429);
    expect(last.headers.get("Retry-After")).toBe("60");
  });
});
