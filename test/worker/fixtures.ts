import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { sanitizeBody } from "../../worker/content/sanitize";
import { forgetContentVersion } from "../../worker/data/cache";

export interface PublicationFixture {
  slug: string;
  published_at: string;
  kind?: string;
  lang?: string;
  title?: string;
  status?: "draft" | "scheduled" | "published" | "archived";
  featured?: boolean;
  tags?: string[];
  translation_group?: string;
  body?: string;
}

/**
 * Empties every table and gives the site the reference page's settings, in
 * English and Russian (English the default) with no translated words.
 */
export async function resetContent(site: { time_zone?: string } = {}): Promise<void> {
  await env.DB.batch([
    env.DB.prepare("DELETE FROM publications"),
    env.DB.prepare("DELETE FROM publication_tags"),
    env.DB.prepare("DELETE FROM revisions"),
    env.DB.prepare("DELETE FROM audit_log"),
    env.DB.prepare("DELETE FROM counters"),
    env.DB.prepare(
      `UPDATE site SET name = 'Embassy', time_zone = ?1, locale = 'en-GB', date_format = 'DD.MM.YYYY',
        clocks = ?2, contacts = ?3, languages = '["en","ru"]', translations = '{}' WHERE id = 1`,
    ).bind(
      site.time_zone ?? "Europe/London",
      JSON.stringify([
        { label: "Moscow", time_zone: "Europe/Moscow" },
        { label: "London", time_zone: "Europe/London" },
      ]),
      JSON.stringify({ phone: "+44 20 7946 0000", email: "consular@embassy.example" }),
    ),
  ]);
  forgetContentVersion();
}

/** Stores publications as an editor's write would, bumping the content version. */
export async function addPublications(...fixtures: PublicationFixture[]): Promise<void> {
  const statements = fixtures.map(async (p) => {
    const body = p.body ?? `<p>Body of ${p.slug}</p>`;
    return env.DB.prepare(
      `INSERT INTO publications (slug, kind, lang, title, lead, body, body_text, published_at, status,
        featured, translation_group, tags, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?8, ?8)`,
    ).bind(
      p.slug,
      p.kind ?? "news",
      p.lang ?? "en",
      p.title ?? `Title of ${p.slug}`,
      `Lead of ${p.slug}`,
      body,
      (await sanitizeBody(body)).text,
      p.published_at,
      p.status ?? "published",
      p.featured ? 1 : 0,
      p.translation_group ?? null,
      JSON.stringify([...(p.tags ?? [])].sort()),
    );
  });
  await env.DB.batch(await Promise.all(statements));
  forgetContentVersion();
}

/** Counters in order; `text` is the English sentence's `other` form, `sentences` every language's forms. */
export async function addCounters(
  ...counters: {
    slug: string;
    since: string;
    text?: string;
    sentences?: Record<string, Record<string, string>>;
  }[]
) {
  await env.DB.batch(
    counters.map((counter, position) =>
      env.DB.prepare("INSERT INTO counters (slug, since, sentences, position) VALUES (?1, ?2, ?3, ?4)").bind(
        counter.slug,
        counter.since,
        JSON.stringify(
          counter.sentences ?? {
            en: { other: counter.text ?? `{days} days have passed since ${counter.slug}` },
          },
        ),
        position,
      ),
    ),
  );
  forgetContentVersion();
}

/** A request to the worker as a reader on the web would send it. */
export function get(path: string, headers: HeadersInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`https://embassy.example${path}`, { headers }));
}

export async function getJson<T = any>(path: string, headers: HeadersInit = {}): Promise<T> {
  const response = await get(path, headers);
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return response.json() as Promise<T>;
}

/** Asserts a 400 problem+json that names exactly these fields. */
export async function expectInvalidParams(response: Response, names: string[]): Promise<void> {
  expect(response.status).toBe(400);
  expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  const problem = await response.json<any>();
  expect(problem).toMatchObject({ status: 400, title: "Bad Request" });
  expect(problem["invalid-params"].map((p: { name: string }) => p.name)).toEqual(names);
  for (const name of names) expect(problem.detail).toContain(name);
}

/** Reads an HTML answer with the runtime's own parser, HTMLRewriter. */
export async function parseHtml(response: Response) {
  const html = await response.text();
  async function collect(
    selector: string,
    handlers: (found: string[]) => HTMLRewriterElementContentHandlers,
  ) {
    const found: string[] = [];
    await new HTMLRewriter().on(selector, handlers(found)).transform(new Response(html)).arrayBuffer();
    return found;
  }
  return {
    /** The text of each element matching `selector`, entities decoded, whitespace folded. */
    texts: (selector: string) =>
      collect(selector, (found) => ({
        element() {
          found.push("");
        },
        text(chunk) {
          found[found.length - 1] += chunk.text;
        },
      })).then((texts) => texts.map((text) => decodeEntities(text).trim())),
    tags: (selector: string) =>
      collect(selector, (found) => ({
        element(element) {
          found.push(element.tagName);
        },
      })),
    attributes: (selector: string, name: string) =>
      collect(selector, (found) => ({
        element(element) {
          found.push(element.getAttribute(name) ?? "");
        },
      })),
  };
}

/** Text as HTMLRewriter hands it over, its entities decoded. */
export function decodeEntities(text: string): string {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
}
