import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { NEXT_DUE, oneVersionPerText } from "../../worker/data/publications";

/** How SQLite would run `sql`: one line per step, as EXPLAIN QUERY PLAN says it. */
async function planOf(sql: string, ...params: unknown[]): Promise<string[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((row) => row.detail);
}

describe("the reads every uncached list and page makes", () => {
  it("find the next publication and the next expiry through indexes, never by reading every row", async () => {
    const plan = await planOf(NEXT_DUE, new Date().toISOString());
    expect(plan.filter((step) => /^SCAN publications\b/.test(step))).toEqual([]);
    expect(plan.filter((step) => /USING (COVERING )?INDEX publications_expiry\b/.test(step))).toHaveLength(1);
  });

  it("choose one version of each text by looking up its group's siblings through the group index", async () => {
    const sql = `SELECT p.id FROM publications p
      WHERE p.status IN ('published', 'scheduled') AND p.published_at <= ?1 AND ${oneVersionPerText("?2")}
      ORDER BY p.published_at DESC, p.id DESC LIMIT 20`;
    const plan = await planOf(sql, new Date().toISOString(), "ru");
    const siblings = plan.filter((step) => /^(SEARCH|SCAN) s\b/.test(step));
    expect(siblings.length, plan.join("\n")).toBeGreaterThan(0);
    expect(
      siblings.filter((step) => /^SCAN /.test(step)),
      plan.join("\n"),
    ).toEqual([]);
    expect(
      siblings.filter((step) => /USING (COVERING )?INDEX publications_translation_group\b/.test(step)),
      plan.join("\n"),
    ).toHaveLength(1);
  });
});
