import { env, exports } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { D1_MAX_BYTES } from "../../../worker/data/publication-writes";
import { BODY_LIMIT, hoursTable } from "../../support/bodies";
import { authorized, createToken, sendAs } from "../editor-fixtures";
import { getJson, resetContent } from "../fixtures";

// Rendering and sanitizing a body this size takes seconds on a shared machine.
const SLOW = 120_000;

let publisher: string;
let admin: string;

const send = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  sendAs(publisher, method, path, body, headers);

/**
 * The largest row of `table` in bytes: the sum of its columns' lengths as
 * stored (UTF-8), which D1 caps at 2,000,000 bytes and local D1 does not.
 */
async function largestRow(table: string): Promise<number> {
  const { results } = await env.DB.prepare("SELECT name FROM pragma_table_info(?1)")
    .bind(table)
    .all<{ name: string }>();
  const sum = results.map(({ name }) => `COALESCE(length(CAST("${name}" AS BLOB)), 0)`).join(" + ");
  const row = await env.DB.prepare(`SELECT COALESCE(max(${sum}), 0) AS bytes FROM "${table}"`).first<{
    bytes: number;
  }>();
  return row?.bytes ?? 0;
}

/** Every row a publication's writes store, the answer an Idempotency-Key replays included. */
async function expectWithinD1Limits(): Promise<void> {
  for (const table of ["publications", "revisions", "audit_log", "idempotency_keys"]) {
    expect(await largestRow(table), table).toBeLessThan(D1_MAX_BYTES);
  }
}

beforeAll(async () => {
  publisher = await createToken(`publisher-${crypto.randomUUID()}`, ["publish"]);
  admin = await createToken(`admin-${crypto.randomUUID()}`, ["admin"]);
});

beforeEach(() => resetContent());

describe("a publication at the body limit", () => {
  it(
    "can be published, edited twice, archived, restored and brought back to its first revision",
    async () => {
      const table = hoursTable(BODY_LIMIT);
      expect(table.length).toBeGreaterThan(BODY_LIMIT - 100);
      const created = await send(
        "POST",
        "/api/v1/publications",
        {
          title: "Consular hours",
          kind: "news",
          lang: "en",
          body: table,
          body_format: "markdown",
          status: "published",
          without_approval: "Cleared by phone with the consul",
          published_at: "2020-10-20T09:00:00Z",
        },
        { "Idempotency-Key": "consular-hours" },
      );
      expect(created.status).toBe(201);
      const { id, slug } = await created.json<{ id: number; slug: string }>();
      const path = `/api/v1/publications/by-id/${id}`;

      const retitled = await send(
        "PATCH",
        path,
        { title: "Consular hours, revised" },
        { "If-Match": '"v1"' },
      );
      expect(retitled.status).toBe(200);
      const newTable = hoursTable(BODY_LIMIT, "Visa section");
      const rewritten = await send(
        "PATCH",
        path,
        { body: newTable, body_format: "markdown" },
        { "If-Match": '"v2"' },
      );
      expect(rewritten.status).toBe(200);
      expect((await send("DELETE", path)).status).toBe(200);
      expect((await send("POST", `${path}/restore`)).status).toBe(200);

      const { revisions } = await (await send("GET", `${path}/revisions`)).json<any>();
      expect(revisions.map((r: { version: number; status: string }) => [r.version, r.status])).toEqual([
        [5, "published"],
        [4, "archived"],
        [3, "published"],
        [2, "published"],
        [1, "published"],
      ]);
      const first = await (await send("GET", `${path}/revisions/1`)).json<any>();
      expect(first).toMatchObject({ version: 1, title: "Consular hours", body_markdown: table });
      const restored = await send("POST", `${path}/revisions/1/restore`, undefined, { "If-Match": '"v5"' });
      expect(restored.status).toBe(200);
      expect(await restored.json()).toMatchObject({
        version: 6,
        title: "Consular hours",
        body_markdown: table,
      });
      const page = await getJson(`/api/v1/publications/${slug}`);
      expect(page.title).toBe("Consular hours");

      const log = await exports.default.fetch(
        new Request(`https://embassy.example/api/v1/audit?subject=publication:${id}`, {
          headers: authorized(admin),
        }),
      );
      expect(log.status).toBe(200);
      const { entries } = await log.json<any>();
      expect(
        entries.map((entry: any) => [entry.action, entry.change.changed, entry.change.revisions]).reverse(),
      ).toEqual([
        ["publication.create", undefined, { after: 1 }],
        ["publication.published_without_approval", undefined, undefined],
        ["publication.update", ["title"], { before: 1, after: 2 }],
        ["publication.update", ["body_html", "body_markdown"], { before: 2, after: 3 }],
        ["publication.archive", ["status"], { before: 3, after: 4 }],
        ["publication.restore", ["status"], { before: 4, after: 5 }],
        ["publication.update", ["title", "body_html", "body_markdown"], { before: 5, after: 6 }],
      ]);
      expect(entries[0].change.before).toMatchObject({
        title: "Consular hours, revised",
        status: "published",
      });
      expect(entries[0].change.after).toMatchObject({ title: "Consular hours", status: "published" });
      expect(entries[0].change.after).not.toHaveProperty("body_html");

      await expectWithinD1Limits();
    },
    SLOW,
  );

  it(
    "is refused with 422 on body when, sanitized, it would not fit in a row, and nothing is written",
    async () => {
      // Each `>` of the text is stored as `&gt;`: four times the characters sent.
      const body = `<p>${">".repeat(BODY_LIMIT - 7)}</p>`;
      const refused = await send("POST", "/api/v1/publications", {
        title: "Arrows",
        kind: "news",
        lang: "en",
        body,
      });
      expect(refused.status).toBe(422);
      const problem = await refused.json<any>();
      expect(problem["invalid-params"].map((p: { name: string }) => p.name)).toEqual(["body"]);

      const created = await send("POST", "/api/v1/publications", {
        title: "Arrows",
        kind: "news",
        lang: "en",
      });
      const { id } = await created.json<{ id: number }>();
      const patched = await send(
        "PATCH",
        `/api/v1/publications/by-id/${id}`,
        { body },
        { "If-Match": '"v1"' },
      );
      expect(patched.status).toBe(422);
      const imported = await send(
        "POST",
        "/api/v1/imports",
        JSON.stringify({ title: "Imported arrows", kind: "news", lang: "en", body }),
        { "Content-Type": "application/x-ndjson" },
      );
      expect(imported.status).toBe(422);
      expect((await imported.json<any>()).lines[0].errors.map((e: { name: string }) => e.name)).toEqual([
        "body",
      ]);

      const current = await (await send("GET", `/api/v1/publications/by-id/${id}`)).json<any>();
      expect(current).toMatchObject({ version: 1, body_html: "" });
      const count = await env.DB.prepare("SELECT count(*) AS n FROM revisions").first<{ n: number }>();
      expect(count?.n).toBe(1);
      await expectWithinD1Limits();
    },
    SLOW,
  );
});
