import { parseHTML } from "linkedom";
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
      languages: ["en", "ru"],
      lang: "en",
      emblem: null,
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
        "/api/v1/publications/by-id/{id}",
        "/api/v1/publications/by-id/{id}/revisions",
        "/api/v1/imports",
        "/api/v1/site",
        "/api/v1/audit",
      ]),
    );
    expect(Object.keys(spec.paths["/api/v1/publications"]).sort()).toEqual(["get", "post"]);
    const list = spec.paths["/api/v1/publications"].get;
    const query = list.parameters.filter((p: { in?: string }) => p.in === "query");
    expect(query.map((p: { name: string }) => p.name).sort()).toEqual(
      Object.keys(PublicationListQuery.entries).sort(),
    );
    const kind = query.find((p: { name: string }) => p.name === "kind");
    for (const k of KINDS) expect(kind.description).toContain(k);
    const problem = list.responses["400"].content["application/problem+json"].schema;
    expect(problem.$ref).toBe("#/components/schemas/Problem");
    expect(spec.components.schemas.Problem.properties).toHaveProperty("invalid-params");
    const item = spec.paths["/api/v1/publications/{slug}"].get;
    expect(item.parameters.filter((p: { in?: string }) => p.in === "path")).toEqual([
      expect.objectContaining({ name: "slug", in: "path", required: true }),
    ]);
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

  it("renders the descriptions' Markdown: code spans are code, and no backtick is left as text", async () => {
    const spec = await getJson("/api/openapi.json");
    const { document } = parseHTML(await (await get("/api/docs")).text());
    const shown = textsShown(document);
    expect(shown.join("")).toContain("Machine-readable");
    expect(shown.filter((text) => text.includes("`"))).toEqual([]);

    const codeIn = (root: Pick<Dom, "querySelectorAll"> | null, selector: string) =>
      [...(root?.querySelectorAll(`${selector} code`) ?? [])].map((code) => code.textContent);
    const spans = (markdown: string | undefined) =>
      [...(markdown ?? "").matchAll(/`([^`]+)`/g)].map((match) => match[1]);
    expect(spans(spec.info.description)).not.toEqual([]);
    expect(codeIn(document, "body > p")).toEqual(expect.arrayContaining(spans(spec.info.description)));

    let checked = 0;
    for (const [path, item] of Object.entries<Record<string, Operation>>(spec.paths)) {
      for (const method of ["get", "post", "put", "patch", "delete"].filter((name) => name in item)) {
        const operation = item[method];
        const section = document.querySelector(`section[id="${method}-${path}"]`);
        expect(codeIn(section, "p"), `${method} ${path}`).toEqual(
          expect.arrayContaining(spans(operation.description)),
        );
        for (const parameter of operation.parameters ?? []) {
          expect(codeIn(section, "td"), `${method} ${path} ${parameter.name}`).toEqual(
            expect.arrayContaining(spans(parameter.description)),
          );
        }
        checked += spans(operation.description).length;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("lists the fields of each body, nested ones included", async () => {
    const { document } = parseHTML(await (await get("/api/docs")).text());
    const fields = (id: string, selector: string) =>
      [...document.querySelectorAll(`section[id="${id}"] ${selector} > li > code:first-child`)].map(
        (code) => code.textContent,
      );
    expect(fields("get-/api/v1/publications/{slug}", "ul.fields")).toEqual(
      expect.arrayContaining(["slug", "title", "body_html", "translations"]),
    );
    expect(fields("get-/api/v1/counters", "ul.fields ul.fields")).toEqual(
      expect.arrayContaining(["slug", "since", "days", "text"]),
    );
    expect(fields("post-/api/v1/publications", "ul.fields")).toEqual(
      expect.arrayContaining(["title", "kind", "lead", "body"]),
    );
  });
});

interface Operation {
  description?: string;
  parameters?: { name: string; description?: string }[];
}

type Dom = ReturnType<typeof parseHTML>["document"];

/** The text of every text node in the page's body. */
function textsShown(document: Dom): string[] {
  const walker = document.createTreeWalker(document.body, 4 /* NodeFilter.SHOW_TEXT */);
  const texts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? "");
  return texts;
}
