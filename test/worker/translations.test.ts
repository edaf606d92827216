import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MISSING, OUTDATED } from "../../worker/data/translations";
import worker from "../../worker/index";
import { authorized, createPerson, createTokenFor, json, sendAs } from "./editor-fixtures";
import { addPublications, resetContent } from "./fixtures";

let writer: { id: number; token: string };
let publisher: string;

beforeAll(async () => {
  const id = await createPerson("Tess Translator", "contributor");
  writer = { id, token: await createTokenFor(id, "translator's token", ["publish"]) };
  const publisherId = await createPerson("Paul Publisher", "publisher");
  publisher = await createTokenFor(publisherId, "publisher's token", ["publish"]);
});

beforeEach(async () => {
  await resetContent();
  await env.DB.prepare(`UPDATE site SET languages = '["en","ru","fr"]' WHERE id = 1`).run();
});

const at = (id: number) => `/api/v1/publications/by-id/${id}`;
const translate = (id: number, lang: string, token = writer.token) =>
  sendAs(token, "POST", `${at(id)}/translations`, { lang });
const read = async (id: number) => json(await sendAs(writer.token, "GET", at(id)), 200);
const dashboard = async (query = "") =>
  json(await sendAs(writer.token, "GET", `/api/v1/translations${query}`), 200);

async function idOf(slug: string): Promise<number> {
  const row = await env.DB.prepare("SELECT id FROM publications WHERE slug = ?1")
    .bind(slug)
    .first<{ id: number }>();
  return row?.id as number;
}

/** A published source made through the API, as an editor makes one. */
async function published(fields: Record<string, unknown> = {}) {
  const made = await json(
    await sendAs(publisher, "POST", "/api/v1/publications", {
      kind: "statement",
      lang: "en",
      title: "Visa rules change on Monday",
      lead: "What travellers need to know.",
      body: "# New rules\n\nFrom **Monday**.",
      body_format: "markdown",
      status: "published",
      published_at: "2026-01-05T09:00:00Z",
      featured: true,
      tags: ["visas", "travel"],
      without_approval: "Cleared by the ambassador by phone",
      ...fields,
    }),
    201,
  );
  return made as { id: number; slug: string; version: number };
}

async function patch(id: number, fields: Record<string, unknown>, token = publisher) {
  const current = await read(id);
  return json(await sendAs(token, "PATCH", at(id), fields, { "If-Match": `"v${current.version}"` }), 200);
}

describe("translating a publication", () => {
  it("makes a linked draft in the language, prefilled from the source, and groups the source in the same write", async () => {
    const source = await published();
    const response = await translate(source.id, "ru");
    const draft = await json(response, 201);
    expect(response.headers.get("Location")).toBe(`https://embassy.example${at(draft.id)}`);
    expect(draft).toMatchObject({
      slug: `${source.slug}-ru`,
      lang: "ru",
      kind: "statement",
      status: "draft",
      featured: true,
      tags: ["travel", "visas"],
      title: "Visa rules change on Monday",
      lead: "What travellers need to know.",
      body_markdown: "# New rules\n\nFrom **Monday**.",
      translation_group: source.slug,
      author: { id: writer.id, name: "Tess Translator" },
    });
    const grouped = await read(source.id);
    expect(grouped.translation_group).toBe(source.slug);
    const group = await json(await sendAs(writer.token, "GET", `${at(draft.id)}/translations`), 200);
    expect(group).toMatchObject({
      translation_group: source.slug,
      languages: ["en", "ru", "fr"],
      missing: ["fr"],
      source: { id: source.id, lang: "en" },
      outdated: false,
    });
    expect(group.versions.map((version: { lang: string }) => version.lang).sort()).toEqual(["en", "ru"]);
    const stored = await env.DB.prepare(
      "SELECT translated_from, source_version FROM publications WHERE id = ?1",
    )
      .bind(draft.id)
      .first();
    expect(stored).toEqual({ translated_from: source.id, source_version: source.version });
  });

  it("adds a suffix when the slug is taken, and keeps a group the source already has", async () => {
    const source = await published({ slug: "visa-rules", translation_group: "visas-2026" });
    await addPublications({ slug: "visa-rules-fr", published_at: "2025-01-01T00:00:00Z", lang: "en" });
    const draft = await json(await translate(source.id, "fr"), 201);
    expect(draft).toMatchObject({ slug: "visa-rules-fr-2", translation_group: "visas-2026" });
    expect((await read(source.id)).version).toBe(source.version);
  });

  it("refuses a language the site does not speak, a language the text has, and an unknown source", async () => {
    const source = await published();
    const refused = await json(await translate(source.id, "de"), 422);
    expect(refused["invalid-params"]).toEqual([
      { name: "lang", reason: "must be one of the site's languages: en, ru, fr" },
    ]);
    const first = await json(await translate(source.id, "ru"), 201);
    const again = await translate(source.id, "ru");
    expect(again.headers.get("Content-Type")).toBe("application/problem+json");
    const clash = await json(again, 409);
    expect(clash.translation).toMatchObject({ id: first.id, lang: "ru", href: at(first.id) });
    // From the translation, the source's language is taken too.
    expect((await json(await translate(first.id, "en"), 409)).translation.id).toBe(source.id);
    expect((await json(await translate(999_999, "ru"), 404)).detail).toContain("999999");
    expect(
      await json(await sendAs(writer.token, "POST", `${at(source.id)}/translations`, {}), 422),
    ).toMatchObject({
      "invalid-params": [{ name: "lang" }],
    });
  });

  it("is closed without a credential", async () => {
    const source = await published();
    const anonymous = await exports.default.fetch(
      new Request(`https://embassy.example${at(source.id)}/translations`, {
        method: "POST",
        body: JSON.stringify({ lang: "ru" }),
        headers: { "Content-Type": "application/json" },
      }),
    );
    expect(anonymous.status).toBe(401);
    expect(await idOf(`${source.slug}-ru`)).toBeUndefined();
  });

  it("writes nothing, the source's group included, when a step of the batch fails", async () => {
    const source = await published();
    const failing = new Proxy(env.DB, {
      get(target, name) {
        if (name !== "withSession") return Reflect.get(target, name).bind(target);
        return (constraint: string) => {
          const session = target.withSession(constraint);
          return new Proxy(session, {
            get(inner, call) {
              const real = Reflect.get(inner, call).bind(inner);
              if (call !== "batch") return real;
              // The draft's INSERT runs, then a statement that fails, then the source's UPDATE.
              return (statements: D1PreparedStatement[]) =>
                real([statements[0], inner.prepare("SELECT json('{not json')"), ...statements.slice(1)]);
            },
          });
        };
      },
    });
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request(`https://embassy.example${at(source.id)}/translations`, {
        method: "POST",
        body: JSON.stringify({ lang: "ru" }),
        headers: { ...authorized(writer.token), "Content-Type": "application/json" },
      }) as Parameters<typeof worker.fetch>[0],
      { ...env, DB: failing },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(503);
    expect(await idOf(`${source.slug}-ru`)).toBeUndefined();
    const after = await read(source.id);
    expect(after).toMatchObject({ translation_group: null, version: source.version });
    expect((await json(await translate(source.id, "ru"), 201)).slug).toBe(`${source.slug}-ru`);
  });
});

describe("the translation dashboard", () => {
  it("lists texts out that lack a language, one per group, and not drafts or texts fully translated", async () => {
    await addPublications(
      { slug: "alone", published_at: "2026-01-03T00:00:00Z" },
      { slug: "pair-en", published_at: "2026-01-02T00:00:00Z", translation_group: "pair" },
      { slug: "pair-ru", published_at: "2026-01-02T01:00:00Z", lang: "ru", translation_group: "pair" },
      { slug: "trio-en", published_at: "2026-01-01T00:00:00Z", translation_group: "trio" },
      { slug: "trio-ru", published_at: "2026-01-01T00:00:00Z", lang: "ru", translation_group: "trio" },
      {
        slug: "trio-fr",
        published_at: "2026-01-01T00:00:00Z",
        lang: "fr",
        translation_group: "trio",
        status: "draft",
      },
      { slug: "draft-only", published_at: "2026-01-04T00:00:00Z", status: "draft" },
      { slug: "russian-only", published_at: "2025-12-01T00:00:00Z", lang: "ru" },
    );
    const board = await dashboard();
    expect(board.languages).toEqual(["en", "ru", "fr"]);
    expect(
      board.missing.items.map((item: { source: { slug: string }; languages: string[] }) => [
        item.source.slug,
        item.languages,
      ]),
    ).toEqual([
      ["alone", ["ru", "fr"]],
      ["pair-en", ["fr"]],
      ["russian-only", ["en", "fr"]],
    ]);
    expect(board.missing.more).toBe(false);
    const capped = await dashboard("?limit=2");
    expect(capped.missing).toMatchObject({ more: true });
    expect(capped.missing.items).toHaveLength(2);
    expect(
      (await json(await sendAs(writer.token, "GET", "/api/v1/translations?limit=500"), 400))[
        "invalid-params"
      ],
    ).toEqual([{ name: "limit", reason: "must be at most 100" }]);
  });

  it("lists a translation as out of date when its source's words change, not on a status change, until it is saved again", async () => {
    const source = await published();
    const draft = await json(await translate(source.id, "ru"), 201);
    expect((await dashboard()).outdated.items).toEqual([]);

    // A change that leaves the words as they are: the version moves, the translation stays current.
    await patch(source.id, { tags: ["visas"] });
    expect((await dashboard()).outdated.items).toEqual([]);

    const reworded = await patch(source.id, { lead: "What every traveller needs to know." });
    const board = await dashboard();
    expect(board.outdated.items).toEqual([
      expect.objectContaining({
        id: draft.id,
        lang: "ru",
        source_version: source.version,
        source: expect.objectContaining({
          id: source.id,
          version: reworded.version,
          text_version: reworded.version,
        }),
      }),
    ]);
    const group = await json(await sendAs(writer.token, "GET", `${at(draft.id)}/translations`), 200);
    expect(group.outdated).toBe(true);

    await patch(draft.id, { title: "Визовые правила меняются в понедельник" }, writer.token);
    expect((await dashboard()).outdated.items).toEqual([]);
    const stored = await env.DB.prepare("SELECT source_version FROM publications WHERE id = ?1")
      .bind(draft.id)
      .first<{ source_version: number }>();
    expect(stored?.source_version).toBe(reworded.version);
  });

  it("finds its rows through indexes, never by reading every publication", async () => {
    const planOf = async (sql: string, ...params: unknown[]) => {
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>();
      return results.map((row) => row.detail);
    };
    // A table read whole shows as a bare "SCAN <table>"; a subquery's own rows (a co-routine) may be.
    const wholeReads = (plan: string[]) => {
      const coroutines = new Set(plan.flatMap((step) => /^CO-ROUTINE (\w+)/.exec(step)?.[1] ?? []));
      return plan.filter((step) => {
        const scanned = /^SCAN (\w+)\s*$/.exec(step)?.[1];
        return scanned !== undefined && !coroutines.has(scanned);
      });
    };
    const missing = await planOf(MISSING, new Date().toISOString(), 10);
    expect(wholeReads(missing)).toEqual([]);
    expect(missing).toContain("SCAN p USING INDEX publications_public");
    expect(missing.filter((step) => step.includes("USE TEMP B-TREE")).join()).not.toMatch(/publications/);
    const outdated = await planOf(OUTDATED, 10);
    expect(wholeReads(outdated)).toEqual([]);
    expect(outdated.some((step) => /^SEARCH t USING INDEX publications_translated_from\b/.test(step))).toBe(
      true,
    );
  });
});
