import { beforeEach, describe, expect, it } from "vitest";
import { PublicationListQuery } from "../../worker/schemas/publication";
import { KINDS } from "../../worker/vocabulary";
import { get, getJson, parseHtml, resetContent } from "./fixtures";

describe("GET /api/v1/site", () => {
  beforeEach(() => resetContent());

  it("gives the site's settings with its clocks in order", async () => {
    const site = await getJson("/api/v1/site");
    expect(site).toEqual({
      name: "Embassy",
      time_zone: "Europe/London",
      locale: "en-GB",
      date_format: "DD.MM.YYYY",
      clocks: [
        { label: "Moscow", time_zone: "Europe/Moscow" },
        { label: "London", time_zone: "Europe/London" },
      ],
      contacts: { phone: "+44 20 7946 0000", email: "consular@embassy.example" },
      version: expect.any(Number),
    });
  });
});

describe("API documentation", () => {
  it("is an OpenAPI 3.1 document generated from the validating schemas", async () => {
    const spec = await getJson("/api/openapi.json");
    expect(spec.openapi).toBe("3.1.0");
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/counters",
        "/api/v1/counters/{slug}",
        "/api/v1/health",
        "/api/v1/publications",
        "/api/v1/publications/{slug}",
        "/api/v1/publications/{id}",
        "/api/v1/publications/{id}/revisions",
        "/api/v1/publications/import",
        "/api/v1/site",
        "/api/v1/audit",
      ]),
    );
    expect(Object.keys(spec.paths["/api/v1/publications"]).sort()).toEqual(["get", "post"]);
    const list = spec.paths["/api/v1/publications"].get;
    const parameters = list.parameters.map((p: { name: string }) => p.name);
    expect(parameters.sort()).toEqual(Object.keys(PublicationListQuery.entries).sort());
    const kind = list.parameters.find((p: { name: string }) => p.name === "kind");
    for (const k of KINDS) expect(kind.description).toContain(k);
    expect(list.responses["400"].content["application/problem+json"].schema.properties).toHaveProperty(
      "invalid-params",
    );
    const item = spec.paths["/api/v1/publications/{slug}"].get;
    expect(item.parameters).toEqual([expect.objectContaining({ name: "slug", in: "path", required: true })]);
    expect(item.responses["200"].content["application/json"].schema.properties).toHaveProperty("body_html");
  });

  it("has a readable reference page listing every operation", async () => {
    const response = await get("/api/docs");
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    const operations = (await (await parseHtml(response)).texts("section h3")).map((text) =>
      text.replace(/\s+/g, " "),
    );
    expect(operations).toEqual(
      expect.arrayContaining(["get /api/v1/publications", "get /api/v1/counters/{slug}", "get /api/v1/site"]),
    );
    expect(operations).toEqual(expect.arrayContaining(["post /api/v1/publications", "patch /api/v1/site"]));
  });
});
