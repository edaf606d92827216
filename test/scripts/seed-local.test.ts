import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withLocalD1 } from "../../scripts/local-d1";
import { daysToBring } from "../../scripts/seed-dates";
import { SiteTranslations } from "../../worker/schemas/site";
import { run } from "../support/local-dev";
import { projectRoot } from "../support/worker";

const DAY_MS = 86_400_000;

describe("the sample's dates", () => {
  it("move on by the whole days since the newest, never past the clock", () => {
    const newest = "2020-10-21T08:00:00.000Z";
    expect(daysToBring(newest, new Date("2020-10-25T07:59:59Z"))).toBe(3);
    expect(daysToBring(newest, new Date("2020-10-25T08:00:00Z"))).toBe(4);
    expect(daysToBring(newest, new Date("2020-10-21T09:00:00Z"))).toBe(0);
    expect(daysToBring(newest, new Date("2020-10-01T00:00:00Z"))).toBe(0);
  });
});

/** `npm run local:setup` against a database of its own, as `npm start` runs it. */
describe("npm run local:setup: a fresh database", () => {
  let state: string;
  let firstRun: string;

  const setup = () =>
    run(process.execPath, ["--import", "tsx", "scripts/seed-local.mjs", "--persist-to", state], projectRoot);

  const rows = <T>(sql: string) => withLocalD1(state, async (db) => (await db.prepare(sql).all<T>()).results);

  const published = () =>
    rows<{ slug: string; published_at: string; created_at: string }>(
      "SELECT slug, published_at, created_at FROM publications WHERE status = 'published' ORDER BY published_at DESC",
    );

  beforeAll(async () => {
    state = await mkdtemp(join(tmpdir(), "chancery-seed-"));
    firstRun = await setup();
  }, 180_000);

  afterAll(async () => {
    if (state) await rm(state, { recursive: true, force: true });
  });

  it("dates the newest publication within a day before loading, the rest spaced as written", async () => {
    const loadedAt = Date.now();
    const [newest, ...older] = await published();
    const age = loadedAt - Date.parse(newest.published_at);
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(2 * DAY_MS);
    // The sample spans about four months: nothing is left behind in its original year.
    const oldest = older.at(-1);
    expect(loadedAt - Date.parse(oldest?.published_at ?? "")).toBeLessThan(200 * DAY_MS);
    for (const { created_at, published_at } of [newest, ...older]) {
      expect(Date.parse(created_at)).toBeLessThanOrEqual(Date.parse(published_at));
    }
    expect(firstRun).toMatch(/Loaded sample data: \d+ publications/);
  });

  it("dates each publication's first revision as the publication", async () => {
    const mismatched = await rows(
      `SELECT p.slug FROM publications p JOIN revisions r ON r.publication_id = p.id AND r.version = 1
       WHERE r.created_at <> p.updated_at AND p.version = 1`,
    );
    expect(mismatched).toEqual([]);
  });

  it("speaks English and Russian, with the site's own words in Russian", async () => {
    const [site] = await rows<{ languages: string; translations: string }>(
      "SELECT languages, translations FROM site WHERE id = 1",
    );
    expect(JSON.parse(site.languages)).toEqual(["en", "ru"]);
    const translations = v.parse(SiteTranslations, JSON.parse(site.translations));
    expect(translations.ru?.name).toMatch(/Валдори/);
    expect(translations.ru?.clocks).toHaveLength(2);
    const russian = await rows<{ lang: string }>("SELECT lang FROM publications WHERE lang = 'ru'");
    expect(russian.length).toBeGreaterThan(0);
  });

  it("loads nothing, and moves nothing, a second time", async () => {
    const before = await published();
    expect(await setup()).toContain("Sample data already present; nothing loaded");
    expect(await published()).toEqual(before);
  }, 60_000);
});
