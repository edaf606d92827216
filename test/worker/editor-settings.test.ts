import { exports } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authorized, createToken } from "./editor-fixtures";
import { addCounters, getJson, resetContent } from "./fixtures";

let editor: string;
let admin: string;

function send(method: string, path: string, body: unknown, token = editor, headers: HeadersInit = {}) {
  return exports.default.fetch(
    new Request(`https://embassy.example${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { ...authorized(token), "Content-Type": "application/json", ...headers },
    }),
  );
}

const v1 = { "If-Match": '"v1"' };

/** If-Match for the site as a reader sees it now. */
async function siteMatch(): Promise<Record<string, string>> {
  return { "If-Match": `"v${(await getJson("/api/v1/site")).version}"` };
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
    const sentences = {
      en: { one: "{days} day since the chancery opened", other: "{days} days since the chancery opened" },
    };
    const created = await send("POST", "/api/v1/counters", {
      slug: "chancery",
      since: "2018-03-12",
      sentences,
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("ETag")).toBe('"v1"');
    expect(new URL(created.headers.get("Location") ?? "").pathname).toBe("/api/v1/counters/chancery");
    expect(await created.json()).toMatchObject({ sentences, version: 1 });
    expect((await getJson(`/api/v1/counters${at}`)).counters.map((c: { days: number }) => c.days)).toEqual([
      966, 958,
    ]);
    const changed = await send("PATCH", "/api/v1/counters/chancery", { since: "2018-03-13" }, editor, v1);
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).toBe('"v2"');
    const read = await getJson(`/api/v1/counters/chancery${at}`);
    expect(read).toMatchObject({ days: 957, lang: "en", forms: sentences.en });
    expect(read.text).toBe("957 days since the chancery opened");
    expect((await send("DELETE", "/api/v1/counters/chancery", undefined)).status).toBe(204);
    expect((await getJson(`/api/v1/counters${at}`)).counters).toHaveLength(1);
  });

  it("refuses an impossible date, a sentence without {days} and a slug clash", async () => {
    const invalid = await send("POST", "/api/v1/counters", {
      slug: "x-day",
      since: "2021-02-29",
      sentences: { en: { one: "a day", other: "no count" } },
    });
    expect(invalid.status).toBe(422);
    const names = (await invalid.json<any>())["invalid-params"].map((p: { name: string }) => p.name);
    expect(names.sort()).toEqual(["sentences.en.other", "since"]);
    const clash = await send("POST", "/api/v1/counters", {
      slug: "charter",
      since: "2020-01-01",
      sentences: { en: { one: "{days}", other: "{days}" } },
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
    const before = await siteMatch();
    const saved = await send("PATCH", "/api/v1/site", { time_zone: "Pacific/Kiritimati" }, editor, before);
    expect(saved.status).toBe(200);
    expect(saved.headers.get("ETag")).not.toBe(before["If-Match"]);
    expect(saved.headers.get("ETag")).toBe((await siteMatch())["If-Match"]);
    expect((await getJson("/api/v1/counters?at=2021-06-01T11:30:00Z")).date).toBe("2021-06-02");
  });

  it("records every write in the audit log, readable with the admin scope only", async () => {
    await send("PATCH", "/api/v1/site", { name: "Embassy of Valdoria" }, editor, await siteMatch());
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

  it("answers a change with every setting an editor keeps: languages, translations, catalogues", async () => {
    const saved = await send(
      "PATCH",
      "/api/v1/site",
      { languages: ["en", "ru", "pl"], translations: { ru: { name: "Посольство" } } },
      editor,
      await siteMatch(),
    );
    expect(saved.status).toBe(200);
    const site = await saved.json<any>();
    expect(site).toMatchObject({
      languages: ["en", "ru", "pl"],
      translations: { ru: { name: "Посольство" } },
      approver_must_differ: expect.any(Boolean),
    });
    expect(site.catalogues).toEqual(expect.arrayContaining(["en", "ru"]));
    expect(site.catalogues).not.toContain("pl");
    const refused = await send(
      "PATCH",
      "/api/v1/site",
      { translations: { de: { name: "Botschaft" } } },
      editor,
      await siteMatch(),
    );
    expect(refused.status).toBe(422);
    expect((await refused.json<any>())["invalid-params"]).toEqual([
      { name: "translations.de", reason: "is not one of the site's languages" },
    ]);
  });
});

describe("two editors on one counter or the site", () => {
  beforeEach(async () => {
    await resetContent();
    await addCounters({ slug: "charter", since: "2018-03-04" });
  });

  it("refuses an edit without If-Match (428) and one from a stale version (412, with the current one)", async () => {
    for (const path of ["/api/v1/counters/charter", "/api/v1/site"]) {
      const read = path.endsWith("site") ? await siteMatch() : v1;
      const version = Number(read["If-Match"].slice(2, -1));
      expect((await send("PATCH", path, {}, editor)).status).toBe(428);
      expect((await send("PATCH", path, {}, editor, read)).status).toBe(200);
      const stale = await send("PATCH", path, {}, editor, read);
      expect(stale.status).toBe(412);
      expect(stale.headers.get("ETag")).toBe(`"v${version + 1}"`);
      expect(await stale.json()).toMatchObject({
        current_version: version + 1,
        current: { version: version + 1 },
      });
    }
  });

  it("deletes with a stale If-Match refused, and keeps the counter", async () => {
    await send("PATCH", "/api/v1/counters/charter", { position: 3 }, editor, v1);
    const stale = await send("DELETE", "/api/v1/counters/charter", undefined, editor, v1);
    expect(stale.status).toBe(412);
    expect((await getJson("/api/v1/counters?at=2020-10-25T00:06:00Z")).counters).toHaveLength(1);
  });

  it("replays a retried counter edit with its ETag instead of answering 412", async () => {
    const retry = { ...v1, "Idempotency-Key": "counter-edit-1" };
    const first = await send("PATCH", "/api/v1/counters/charter", { position: 2 }, editor, retry);
    const again = await send("PATCH", "/api/v1/counters/charter", { position: 2 }, editor, retry);
    expect(again.status).toBe(200);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.headers.get("ETag")).toBe(first.headers.get("ETag"));
    expect(await again.json()).toEqual(await first.json());
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

  it("never count a reader: an all-digit slug is a bad slug, not a refused editor", async () => {
    const reader = { "CF-Connecting-IP": "198.51.100.8" };
    const answers = [];
    for (let i = 0; i < 12; i++) {
      const response = await exports.default.fetch(
        new Request(`https://embassy.example/api/v1/publications/${123 + i}`, { headers: reader }),
      );
      answers.push({ status: response.status, problem: await response.json<any>() });
    }
    for (const { status, problem } of answers) {
      expect(status).toBe(400);
      expect(problem["invalid-params"]).toEqual([
        { name: "slug", reason: expect.stringContaining("with at least one letter") },
      ]);
    }
    const stillOpen = await exports.default.fetch(
      new Request("https://embassy.example/api/v1/publications/founding", { headers: reader }),
    );
    expect(stillOpen.status).not.toBe(429);
  });
});
