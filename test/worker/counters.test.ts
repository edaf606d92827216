import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { forgetContentVersion } from "../../worker/data/cache";
import { addCounters, expectInvalidParams, get, getJson, resetContent } from "./fixtures";

const REFERENCE = "2020-10-25T00:06:00Z";

function maxAge(response: Response): number {
  const match = /max-age=(\d+)/.exec(response.headers.get("Cache-Control") ?? "");
  if (!match) throw new Error("no max-age");
  return Number(match[1]);
}

describe("GET /api/v1/counters", () => {
  beforeEach(async () => {
    await resetContent();
    await addCounters(
      {
        slug: "founding",
        since: "2018-03-04",
        text: "{days} days have passed since the founding - a long road",
      },
      { slug: "treaty", since: "2018-03-12", text: "{days} days have passed since the treaty" },
    );
  });
  afterEach(() => vi.useRealTimers());

  it("gives the reference page's counts and sentences at the reference instant", async () => {
    const body = await getJson(`/api/v1/counters?at=${REFERENCE}`);
    expect(body.time_zone).toBe("Europe/London");
    expect(body.date).toBe("2020-10-25");
    expect(body.counters.map((c: { days: number }) => c.days)).toEqual([966, 958]);
    expect(body.counters[0].text).toBe("966 days have passed since the founding - a long road");
    expect(body.counters[1]).toEqual({
      slug: "treaty",
      since: "2018-03-12",
      days: 958,
      text: "958 days have passed since the treaty",
      lang: "en",
      forms: { other: "{days} days have passed since the treaty" },
      // For widgets built before plural forms.
      template: "{days} days have passed since the treaty",
      version: 1,
    });
  });

  describe("in the site's languages", () => {
    beforeEach(async () => {
      await env.DB.prepare(`UPDATE site SET languages = '["en","ru"]' WHERE id = 1`).run();
      await addCounters({
        slug: "mission",
        since: "2020-10-04",
        sentences: {
          en: { one: "{days} day since the mission opened", other: "{days} days since the mission opened" },
          ru: {
            one: "{days} день с открытия миссии",
            few: "{days} дня с открытия миссии",
            many: "{days} дней с открытия миссии",
            other: "{days} дня с открытия миссии",
          },
        },
      });
    });
    afterEach(async () => {
      await env.DB.prepare(`UPDATE site SET languages = '["en"]' WHERE id = 1`).run();
      forgetContentVersion();
    });

    it("answers in the language `lang` finds by lookup, in its plural form", async () => {
      const body = await getJson(`/api/v1/counters/mission?lang=ru-RU&at=${REFERENCE}`);
      expect(body).toMatchObject({ lang: "ru", days: 21, text: "21 день с открытия миссии" });
      expect(Object.keys(body.forms).sort()).toEqual(["few", "many", "one", "other"]);
      const board = await getJson(`/api/v1/counters?lang=ru&at=2020-10-26T12:00:00Z`);
      expect(board.lang).toBe("ru");
      expect(board.counters.find((c: { slug: string }) => c.slug === "mission").text).toBe(
        "22 дня с открытия миссии",
      );
    });

    it("falls back to the default language for a language the site lacks, or a counter lacks", async () => {
      const german = await getJson(`/api/v1/counters?lang=de&at=${REFERENCE}`);
      expect(german.lang).toBe("en");
      expect(german.counters.find((c: { slug: string }) => c.slug === "mission").text).toBe(
        "21 days since the mission opened",
      );
      const russian = await getJson(`/api/v1/counters?lang=ru&at=${REFERENCE}`);
      const treaty = russian.counters.find((c: { slug: string }) => c.slug === "treaty");
      expect(russian.lang).toBe("ru");
      expect(treaty).toMatchObject({ lang: "en", text: "958 days have passed since the treaty" });
    });

    it("answers each language at its own URL, and 400 for a tag that is none", async () => {
      const [en, ru] = await Promise.all([
        getJson(`/api/v1/counters/mission?at=${REFERENCE}`),
        getJson(`/api/v1/counters/mission?at=${REFERENCE}&lang=ru`),
      ]);
      expect([en.lang, ru.lang]).toEqual(["en", "ru"]);
      await expectInvalidParams(await get("/api/v1/counters?lang=not%20a%20tag"), ["lang"]);
    });
  });

  it("counts as of now without `at`", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(REFERENCE));
    const body = await getJson("/api/v1/counters");
    expect(body.date).toBe("2020-10-25");
    expect(body.counters.map((c: { days: number }) => c.days)).toEqual([966, 958]);
  });

  it("counts across 29 February", async () => {
    await addCounters({ slug: "leap", since: "2020-02-28" });
    const body = await getJson("/api/v1/counters/leap?at=2020-03-01T12:00:00Z");
    expect(body.days).toBe(2);
    expect(body.text).toBe("2 days have passed since leap");
  });

  it("reads the same instant as different days in UTC+14 and UTC-11", async () => {
    const instant = "2021-06-01T11:30:00Z";
    await resetContent({ time_zone: "Pacific/Kiritimati" });
    await addCounters({ slug: "start", since: "2021-05-01" });
    const east = await getJson(`/api/v1/counters?at=${instant}`);
    await resetContent({ time_zone: "Pacific/Pago_Pago" });
    await addCounters({ slug: "start", since: "2021-05-01" });
    const west = await getJson(`/api/v1/counters?at=${instant}`);
    expect([east.date, east.counters[0].days]).toEqual(["2021-06-02", 32]);
    expect([west.date, west.counters[0].days]).toEqual(["2021-06-01", 31]);
  });

  it("is never cached past the next midnight in the site's zone", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    // 23:59:30 in London, summer time: midnight is 30 seconds away.
    vi.setSystemTime(new Date("2020-10-23T22:59:30Z"));
    const before = await get("/api/v1/counters");
    expect(maxAge(before)).toBeLessThanOrEqual(30);
    expect((await before.json<any>()).counters[0].days).toBe(964);
    vi.setSystemTime(new Date("2020-10-23T23:00:01Z"));
    const after = await getJson("/api/v1/counters");
    expect(after.date).toBe("2020-10-24");
    expect(after.counters[0].days).toBe(965);
  });

  it("leaves out inactive counters and answers 404 for an unknown one", async () => {
    await env.DB.prepare("UPDATE counters SET active = 0 WHERE slug = 'treaty'").run();
    forgetContentVersion();
    const body = await getJson(`/api/v1/counters?at=${REFERENCE}`);
    expect(body.counters.map((c: { slug: string }) => c.slug)).toEqual(["founding"]);
    expect((await get("/api/v1/counters/treaty")).status).toBe(404);
    const missing = await get("/api/v1/counters/nothing-here");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Content-Type")).toBe("application/problem+json");
    expect((await missing.json<any>()).detail).toContain("nothing-here");
  });

  it.each([
    ["at=yesterday", "at"],
    ["at=2020-13-01T00:00:00Z", "at"],
    ["at=2020-10-25", "at"],
    ["since=2020-01-01", "since"],
  ])("answers 400 naming the parameter for ?%s", async (query, name) => {
    await expectInvalidParams(await get(`/api/v1/counters?${query}`), [name]);
  });
});
