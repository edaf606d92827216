import { beforeAll, describe, expect, it } from "vitest";
import { addPublications, expectInvalidParams, get, resetContent } from "../fixtures";

const HOSTILE_VALUES = [
  "",
  " ",
  "%00",
  "%F0%9F%92%A9",
  "%E0%A4%A",
  "a".repeat(5000),
  "1e3",
  "0x10",
  "NaN",
  "-0",
  "99999999999999999999999",
  "null",
  "%27%20OR%201%3D1--",
  "%3Cscript%3E",
  "speech,,interview",
  "..%2F..%2Fetc",
  "[]",
  "{}",
];

const PARAMETERS: Record<string, string[]> = {
  "/api/v1/publications": ["kind", "lang", "tag", "limit", "cursor", "fields", "other"],
  "/api/v1/counters": ["at", "other"],
  "/api/v1/counters/founding": ["at"],
};

describe("hostile input", () => {
  beforeAll(async () => {
    await resetContent();
    await addPublications({ slug: "only-one", published_at: "2020-10-20T09:00:00.000Z" });
  });

  it("never yields a 500: every bad parameter gets a 400 problem or a normal answer", async () => {
    for (const [path, names] of Object.entries(PARAMETERS)) {
      for (const name of names) {
        for (const value of HOSTILE_VALUES) {
          const response = await get(`${path}?${name}=${value}`);
          const label = `${path}?${name}=${value.slice(0, 40)}`;
          expect([200, 400, 404], label).toContain(response.status);
          if (response.status !== 200) {
            expect(response.headers.get("Content-Type"), label).toBe("application/problem+json");
          }
          await response.arrayBuffer();
        }
      }
    }
  });

  it("answers odd paths with problem+json, never a 500", async () => {
    for (const path of [
      "/api/v1/publications/%00",
      "/api/v1/publications/a%2Fb",
      `/api/v1/publications/${"x".repeat(3000)}`,
      "/api/v1/counters/%F0%9F%92%A9",
      "/api/v1//publications",
      "/api/v2/publications",
    ]) {
      const response = await get(path);
      expect([400, 404], path).toContain(response.status);
      expect(response.headers.get("Content-Type"), path).toBe("application/problem+json");
    }
  });

  it("refuses a parameter given twice, saying so", async () => {
    const response = await get("/api/v1/publications?limit=1&limit=1000");
    expect(response.status).toBe(400);
    expect((await response.json<any>())["invalid-params"]).toEqual([
      { name: "limit", reason: "must be given only once" },
    ]);
  });

  it("caps a listed value below D1's hundred bound parameters, naming the parameter", async () => {
    for (const path of ["/api/v1/publications", "/api/v1/search?q=embassy&", "/feed.xml", "/publications"]) {
      const kinds = Array.from({ length: 99 }, () => "speech").join(",");
      const url = `${path}${path.endsWith("&") ? "" : "?"}kind=${kinds}`;
      const response = await get(url);
      await expectInvalidParams(response, ["kind"]);
    }
    const fields = await get(`/api/v1/publications?fields=${Array(120).fill("title").join(",")}`);
    await expectInvalidParams(fields, ["fields"]);
  });
});
