import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { NEXT_DUE } from "../../worker/data/publications";

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
});
