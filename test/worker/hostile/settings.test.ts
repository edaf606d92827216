import { exports } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authorized, createToken } from "../editor-fixtures";
import { addCounters, getJson, resetContent } from "../fixtures";

let editor: string;

function send(method: string, path: string, body: BodyInit | undefined, headers: HeadersInit = {}) {
  return exports.default.fetch(
    new Request(`https://embassy.example${path}`, {
      method,
      body,
      headers: { ...authorized(editor), "Content-Type": "application/json", ...headers },
    }),
  );
}

const sendJson = (method: string, path: string, value: unknown, headers: HeadersInit = {}) =>
  send(method, path, JSON.stringify(value), headers);

/** If-Match for the site as a reader sees it now. */
async function siteMatch(): Promise<Record<string, string>> {
  return { "If-Match": `"v${(await getJson("/api/v1/site")).version}"` };
}

/** Asserts a 422 problem naming exactly `name`, with `reason` as its reason. */
async function expectRefused(response: Response, name: string, reason: string | RegExp): Promise<void> {
  expect(response.status, name).toBe(422);
  expect(response.headers.get("Content-Type"), name).toBe("application/problem+json");
  const params = (await response.json<any>())["invalid-params"];
  expect(params.map((param: { name: string }) => param.name)).toEqual([name]);
  expect(params[0].reason).toMatch(reason);
}

async function expectTooLarge(response: Response, label: string): Promise<void> {
  expect(response.status, label).toBe(413);
  expect(response.headers.get("Content-Type"), label).toBe("application/problem+json");
  expect((await response.json<any>()).detail, label).toMatch(/^The body is larger than \d+ KB\.$/);
}

beforeAll(async () => {
  editor = await createToken(`hostile-settings-${crypto.randomUUID()}`, ["counters", "site"]);
});

beforeEach(async () => {
  await resetContent();
  await addCounters({ slug: "charter", since: "2018-03-04" });
});

describe("the site's date format", () => {
  it("refuses strings built to backtrack, long or short, naming date_format", async () => {
    const tooLong = "must be at most 20 characters";
    const notTokens = "must be made of DD, D, MM, M, YYYY, YY and separators";
    for (const [format, reason] of [
      [`${"D".repeat(40)}!`, tooLong],
      [`${"DDMMYYYY".repeat(6)}X`, tooLong],
      [`${"D".repeat(19)}!`, notTokens],
      [`${"YY".repeat(9)}Y!`, notTokens],
      [`${"M".repeat(19)}x`, notTokens],
    ]) {
      await expectRefused(
        await sendJson("PATCH", "/api/v1/site", { date_format: format }),
        "date_format",
        reason,
      );
    }
  });

  it("keeps every format made of the tokens valid, and shows it to readers", async () => {
    for (const format of [
      "DD.MM.YYYY",
      "D/M/YY",
      "YYYY-MM-DD",
      "D. M. YYYY",
      "MM/DD/YY",
      "DD MM YYYY, D.M.YY",
    ]) {
      const saved = await sendJson("PATCH", "/api/v1/site", { date_format: format }, await siteMatch());
      expect(saved.status, format).toBe(200);
      expect((await getJson("/api/v1/site")).date_format).toBe(format);
    }
  });
});

describe("the site's settings", () => {
  it("refuses each field past its stated length, naming it", async () => {
    const cases: [unknown, string, string][] = [
      [{ name: "N".repeat(201) }, "name", "must be at most 200 characters"],
      // A variant twice makes Intl throw; the long one is past any tag a page needs.
      [{ locale: "de-1996-1996" }, "locale", "must be a BCP 47 language tag"],
      [{ locale: "en-abcdefgh-bcdefghi-cdefghij-defghijk" }, "locale", "must be a BCP 47 language tag"],
      [{ time_zone: `Europe/${"X".repeat(60)}` }, "time_zone", "must be an IANA time zone"],
      [{ contacts: { phone: "1".repeat(51) } }, "contacts.phone", "must be at most 50 characters"],
      [{ contacts: { address: "A".repeat(501) } }, "contacts.address", "must be at most 500 characters"],
      [
        { contacts: { email: `${"a".repeat(250)}@x.example` } },
        "contacts.email",
        "must be at most 254 characters",
      ],
      [
        { contacts: { fields: Array.from({ length: 21 }, () => ({ label: "Fax", value: "1" })) } },
        "contacts.fields",
        "must hold at most 20 fields",
      ],
      [
        { contacts: { fields: [{ label: "Fax", value: "1".repeat(501) }] } },
        "contacts.fields.0.value",
        "must be at most 500 characters",
      ],
      [
        { clocks: Array.from({ length: 13 }, () => ({ label: "London", time_zone: "Europe/London" })) },
        "clocks",
        "must hold at most 12 clocks",
      ],
      [
        { clocks: [{ label: "L".repeat(81), time_zone: "Europe/London" }] },
        "clocks.0.label",
        "must be at most 80",
      ],
    ];
    for (const [patch, name, reason] of cases) {
      await expectRefused(await sendJson("PATCH", "/api/v1/site", patch), name, reason);
    }
  });

  it("saves every field at its longest", async () => {
    const longest = {
      name: "N".repeat(200),
      locale: "en-GB",
      date_format: "YYYY-MM-DD, D.M.YYYY",
      clocks: Array.from({ length: 12 }, (_, i) => ({
        label: `${i}`.padEnd(80, "."),
        time_zone: "Europe/London",
      })),
      contacts: {
        phone: "1".repeat(50),
        email: `${"a".repeat(64)}@${"b".repeat(180)}.example`,
        address: "A".repeat(500),
        fields: Array.from({ length: 20 }, (_, i) => ({
          label: `${i}`.padEnd(80, "."),
          value: "V".repeat(500),
        })),
      },
    };
    const saved = await sendJson("PATCH", "/api/v1/site", longest, await siteMatch());
    expect(saved.status).toBe(200);
    expect(await getJson("/api/v1/site")).toMatchObject(longest);
  });

  it("refuses a body past 128 KB with 413, whether its length is declared or streamed", async () => {
    const padded = JSON.stringify({ name: "Embassy", padding: " ".repeat(140 * 1024) });
    await expectTooLarge(await send("PATCH", "/api/v1/site", padded, await siteMatch()), "declared");
    const streamed = new Blob([padded]).stream();
    await expectTooLarge(await send("PATCH", "/api/v1/site", streamed, await siteMatch()), "streamed");
    expect((await getJson("/api/v1/site")).name).toBe("Embassy");
  });
});

describe("day counters", () => {
  it("refuses each field past its stated bound, naming it", async () => {
    const counter = {
      slug: "national-day",
      since: "2020-01-01",
      sentences: { en: { one: "{days} day", other: "{days} days" } },
    };
    for (const [fields, name, reason] of [
      [{ slug: `a${"-b".repeat(60)}` }, "slug", "must be at most 120 characters"],
      [
        { sentences: { en: { one: "{days} day", other: `{days}${"x".repeat(495)}` } } },
        "sentences.en.other",
        "must be at most 500 characters",
      ],
      [{ position: 10_001 }, "position", "must be at most 10000"],
      [{ position: 1e300 }, "position", "must be at most 10000"],
    ] as [Record<string, unknown>, string, string][]) {
      await expectRefused(
        await sendJson("POST", "/api/v1/counters", { ...counter, ...fields }),
        name,
        reason,
      );
    }
  });

  it("refuses a body past 400 KB with 413 on create and on change", async () => {
    const padded = JSON.stringify({
      slug: "national-day",
      since: "2020-01-01",
      sentences: { en: { one: "{days} day", other: "{days} days" } },
      padding: " ".repeat(410 * 1024),
    });
    await expectTooLarge(await send("POST", "/api/v1/counters", padded), "create");
    await expectTooLarge(
      await send("PATCH", "/api/v1/counters/charter", padded, { "If-Match": '"v1"' }),
      "change",
    );
    const { counters } = await getJson("/api/v1/counters");
    expect(counters.map((counter: { slug: string }) => counter.slug)).toEqual(["charter"]);
  });
});
