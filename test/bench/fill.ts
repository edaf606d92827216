import type { Database } from "../support/worker";

const KINDS = ["speech", "interview", "article", "statement", "comment", "news"];
const OTHER_LANGS = ["fr", "de", "es", "ar"];
const TAGS = [
  "foreign-policy",
  "economy",
  "trade",
  "climate",
  "security",
  "culture",
  "education",
  "health",
  "energy",
  "human-rights",
  "migration",
  "development",
  "europe",
  "africa",
  "asia",
  "americas",
  "united-nations",
  "sanctions",
  "consular",
  "diaspora",
  "science",
  "sport",
  "tourism",
  "defence",
];
const WORDS = (
  "the minister said government cooperation partners agreement bilateral relations summit " +
  "delegation embassy ambassador visit today statement support people future security economic " +
  "development programme region regional council press conference talks negotiations treaty " +
  "investment energy climate joint declaration capital national international community peace " +
  "dialogue meeting signed agenda priorities year growth trade reform citizens initiative"
).split(" ");

const BATCH_ROWS = 500;
const FIRST_INSTANT = Date.UTC(2012, 0, 1);
const DAY_MS = 86_400_000;

// One statement inserts a whole batch from a JSON array: through Miniflare's
// proxy each prepared statement costs a few milliseconds, whatever its size.
const INSERT_PUBLICATIONS = `INSERT INTO publications
  (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group,
   tags, created_at, updated_at)
  SELECT value ->> 'id', value ->> 'slug', value ->> 'kind', value ->> 'lang', value ->> 'title',
    value ->> 'lead', value ->> 'body', value ->> 'publishedAt', 'published', value ->> 'featured',
    value ->> 'translationGroup', value -> 'tags', value ->> 'publishedAt', value ->> 'publishedAt'
  FROM json_each(?1)`;

export interface Filled {
  rows: number;
  ms: number;
  /** A slug that exists, for the by-slug target. */
  sampleSlug: string;
}

interface Row {
  id: number;
  slug: string;
  kind: string;
  lang: string;
  title: string;
  lead: string;
  body: string;
  publishedAt: string;
  featured: number;
  translationGroup: string | null;
  tags: [string, string];
}

/** mulberry32: a seeded generator, so every run inserts the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function words(rand: () => number, minLength: number): string {
  const chosen: string[] = [];
  let length = 0;
  while (length < minLength) {
    const word = pick(rand, WORDS);
    chosen.push(word);
    length += word.length + 1;
  }
  return chosen.join(" ");
}

function sentence(rand: () => number, minLength: number): string {
  const text = words(rand, minLength);
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

/** Bodies are drawn from a pool: realistic size without generating 300 MB of text. */
function paragraphPool(rand: () => number): string[] {
  return Array.from({ length: 64 }, () => `<p>${sentence(rand, 300)} ${sentence(rand, 300)}</p>`);
}

/** Ascending instants up to yesterday, whole seconds, in groups of 1 to 3 sharing one. */
function timeline(count: number, rand: () => number): string[] {
  const step = (Date.now() - DAY_MS - FIRST_INSTANT) / (count / 2);
  const instants: string[] = [];
  let at = FIRST_INSTANT;
  while (instants.length < count) {
    const iso = new Date(Math.floor(at / 1000) * 1000).toISOString();
    const shared = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < shared && instants.length < count; i++) instants.push(iso);
    at += step * (0.5 + rand());
  }
  return instants;
}

function slugOf(title: string, id: number): string {
  return `${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .slice(0, 6)
    .join("-")}-${id}`;
}

/** Every tenth row is a translation of the row before it. */
function makeRow(id: number, publishedAt: string, rand: () => number, pool: string[]): Row {
  const translated = id % 10 === 0;
  const title = sentence(rand, 65).slice(0, 78);
  const firstTag = Math.floor(rand() * TAGS.length);
  return {
    id,
    slug: slugOf(title, id),
    kind: pick(rand, KINDS),
    lang: translated ? pick(rand, OTHER_LANGS) : "en",
    title,
    lead: sentence(rand, 240),
    body: Array.from({ length: 5 }, () => pick(rand, pool)).join("\n"),
    publishedAt,
    featured: rand() < 0.02 ? 1 : 0,
    translationGroup: id % 10 === 9 ? `group-${id}` : translated ? `group-${id - 1}` : null,
    tags: [TAGS[firstTag], TAGS[(firstTag + 1 + Math.floor(rand() * (TAGS.length - 1))) % TAGS.length]],
  };
}

/** The tag index is filled by the publications' own trigger. */
function insertRows(db: Database, rows: Row[]): Promise<unknown> {
  return db.prepare(INSERT_PUBLICATIONS).bind(JSON.stringify(rows)).run();
}

async function fillSiteAndCounters(db: Database): Promise<void> {
  const counter = db.prepare(
    "INSERT INTO counters (slug, since, sentences, position) VALUES (?1, ?2, json_object('en', json_object('other', ?3)), ?4)",
  );
  await db.batch([
    db.prepare("UPDATE site SET name = 'Bench Chancery', time_zone = 'Europe/London' WHERE id = 1"),
    counter.bind("independence", "1991-08-24", "{days} days have passed since independence.", 0),
    counter.bind("new-embassy", "2024-03-01", "{days} days since the new embassy opened on {since}.", 1),
  ]);
}

/** Inserts `count` published publications with tags, the site's zone and two counters. */
export async function fill(db: Database, count: number): Promise<Filled> {
  const started = performance.now();
  const rand = random(count);
  const pool = paragraphPool(rand);
  const instants = timeline(count, rand);
  // Mid-table, and with a translation, so the by-slug read does all its work.
  const sampleId = Math.min(count, Math.floor(count / 20) * 10 + 9);
  let sampleSlug = "";
  for (let first = 0; first < count; first += BATCH_ROWS) {
    const rows = instants
      .slice(first, first + BATCH_ROWS)
      .map((at, i) => makeRow(first + i + 1, at, rand, pool));
    await insertRows(db, rows);
    sampleSlug = rows.find((row) => row.id === sampleId)?.slug ?? sampleSlug;
  }
  await fillSiteAndCounters(db);
  return { rows: count, ms: performance.now() - started, sampleSlug };
}
