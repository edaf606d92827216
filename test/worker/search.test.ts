import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { markSnippet, matchExpression } from "../../worker/data/search";
import { authorized, createToken, sendAs } from "./editor-fixtures";
import { addPublications, decodeEntities, expectInvalidParams, get, getJson, resetContent } from "./fixtures";

interface Hit {
  id: number;
  slug: string;
  lang: string;
  kind: string;
  title: string;
  url: string;
  snippet: string;
}
interface Results {
  query: string;
  items: Hit[];
}

const day = (n: number) => `2020-10-${String(n).padStart(2, "0")}T09:00:00.000Z`;

const search = (query: string) => getJson<Results>(`/api/v1/search?${query}`);
const slugsFor = async (query: string) => (await search(query)).items.map((item) => item.slug);

/**
 * A snippet read back with the runtime's HTML parser: every element in it,
 * the text inside each <mark>, and the whole text as a reader sees it.
 */
async function readSnippet(html: string) {
  const elements: string[] = [];
  const marked: string[] = [];
  let text = "";
  await new HTMLRewriter()
    .on("*", {
      element(element) {
        elements.push(`${element.tagName}${[...element.attributes].length > 0 ? " with attributes" : ""}`);
      },
    })
    .on("mark", {
      element() {
        marked.push("");
      },
      text(chunk) {
        marked[marked.length - 1] += decodeEntities(chunk.text);
      },
    })
    .onDocument({
      text(chunk) {
        text += decodeEntities(chunk.text);
      },
    })
    .transform(new Response(html))
    .arrayBuffer();
  return { elements, marked, text };
}

describe("GET /api/v1/search", () => {
  beforeEach(async () => {
    await resetContent();
    // Slugs and leads (the fixture's lead repeats the slug) stay clear of the words searched for.
    await addPublications(
      {
        slug: "rules-announced",
        kind: "statement",
        title: "New visa rules for students",
        published_at: day(20),
        body: "<p>Applications open in <strong>November</strong>.</p>",
      },
      {
        slug: "forum-report",
        kind: "news",
        title: "Trade forum in Leeds",
        published_at: day(21),
        body: "<p>Delegates also raised <em>visa</em> questions with the consular section.</p>",
      },
      {
        slug: "otkrytye-dveri",
        lang: "ru",
        title: "День открытых дверей",
        published_at: day(22),
        body: "<p>Посольство приглашает гостей в субботу.</p>",
      },
      { slug: "hidden-draft", status: "draft", title: "Visa draft", published_at: day(20) },
      { slug: "old-archived", status: "archived", title: "Visa archived", published_at: day(19) },
      {
        slug: "far-ahead",
        status: "scheduled",
        title: "Visa scheduled",
        published_at: "2999-01-01T00:00:00.000Z",
      },
    );
  });
  afterEach(() => vi.useRealTimers());

  it("ranks a title match above a body-only match, with the list's fields, url and snippet", async () => {
    const results = await search("q=visa");
    expect(results.query).toBe("visa");
    expect(results.items.map((item) => item.slug)).toEqual(["rules-announced", "forum-report"]);
    const [first] = results.items;
    expect(first).toMatchObject({
      kind: "statement",
      lang: "en",
      url: "https://embassy.example/publications/rules-announced",
    });
    expect(Object.keys(first).sort()).toEqual([
      "featured",
      "id",
      "kind",
      "lang",
      "lead",
      "level",
      "published_at",
      "slug",
      "snippet",
      "tags",
      "title",
      "url",
    ]);
  });

  it("finds the start of the last word, and requires every word", async () => {
    expect(await slugsFor("q=vis")).toEqual(["rules-announced", "forum-report"]);
    expect(await slugsFor("q=consul")).toEqual(["forum-report"]);
    expect(await slugsFor("q=visa%20stud")).toEqual(["rules-announced"]);
    expect(await slugsFor("q=VISA%20Leeds")).toEqual(["forum-report"]);
    // Only the last word is a prefix.
    expect(await slugsFor("q=vis%20rules")).toEqual([]);
  });

  it("finds Russian text in any case", async () => {
    expect(await slugsFor("q=посольство")).toEqual(["otkrytye-dveri"]);
    expect(await slugsFor("q=ПОСОЛЬСТВО%20гост")).toEqual(["otkrytye-dveri"]);
    expect(await slugsFor("q=дверей")).toEqual(["otkrytye-dveri"]);
  });

  it("filters by language, kind and limit", async () => {
    expect(await slugsFor("q=visa&kind=news")).toEqual(["forum-report"]);
    expect(await slugsFor("q=visa&kind=news,statement&limit=1")).toEqual(["rules-announced"]);
    expect(await slugsFor("q=visa&lang=ru")).toEqual([]);
    expect(await slugsFor("q=посольство&lang=ru")).toEqual(["otkrytye-dveri"]);
  });

  it("never finds drafts, archived items or what is scheduled for later", async () => {
    for (const word of ["draft", "archived", "scheduled", "hidden", "ahead"]) {
      expect(await slugsFor(`q=${word}`), word).toEqual([]);
    }
  });

  it("finds every status for an editor who asks by status, privately", async () => {
    const editor = await createToken(`search-editor-${crypto.randomUUID()}`, ["publish"]);
    const path = "/api/v1/search?q=visa&status=draft,archived,scheduled";
    expect((await get(path)).status).toBe(401);
    const response = await get(path, authorized(editor));
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const { items } = await response.json<{ items: { slug: string; status: string }[] }>();
    expect(items.map((item) => [item.slug, item.status]).sort()).toEqual([
      ["far-ahead", "scheduled"],
      ["hidden-draft", "draft"],
      ["old-archived", "archived"],
    ]);
  });

  it("does not find the words of tags and attributes, only the text", async () => {
    await addPublications({
      slug: "link-piece",
      published_at: day(23),
      body: '<p><a href="https://fund.example/donate" title="Give now">The fund</a> thanks <strong>every</strong>one.</p>',
    });
    for (const word of ["strong", "href", "donate", "Give"]) {
      expect(await slugsFor(`q=${word}`), word).toEqual([]);
    }
    expect(await slugsFor("q=fund%20thanks%20everyone")).toEqual(["link-piece"]);
  });

  it("gives snippets of plain text with only <mark> around the matches", async () => {
    await addPublications({
      slug: "markup-piece",
      published_at: day(23),
      title: "Notes",
      body:
        '<p>Write &lt;b&gt;bold&lt;/b&gt; &amp; <a href="/x" title="a > b">see</a> the ' +
        '<strong>embassy</strong> "guide" on <img src="/m/a.png" alt="x<y">passports.</p>',
    });
    const [hit] = (await search("q=embassy%20guide")).items;
    expect(hit.slug).toBe("markup-piece");
    const snippet = await readSnippet(hit.snippet);
    expect(snippet.elements).toEqual(["mark", "mark"]);
    expect(snippet.marked).toEqual(["embassy", "guide"]);
    expect(snippet.text).toBe('Write <b>bold</b> & see the embassy "guide" on passports.');

    const [title] = (await search("q=trade")).items;
    expect((await readSnippet(title.snippet)).marked).toEqual(["Trade"]);
    const [short] = (await search("q=Applications")).items;
    expect(short.snippet).toBe("<mark>Applications</mark> open in November.");

    const filler = (word: string) => Array.from({ length: 40 }, (_, i) => `${word}${i}`).join(" ");
    await addPublications({
      slug: "long-piece",
      published_at: day(23),
      body: `<p>${filler("before")}</p><p>The <em>reception</em> starts at noon.</p><p>${filler("after")}</p>`,
    });
    const [long] = (await search("q=reception")).items;
    expect(long.snippet).toMatch(/^….* <mark>reception<\/mark> starts at noon\. .*…$/);
    expect((await readSnippet(long.snippet)).elements).toEqual(["mark"]);
  });

  it("answers hostile queries with 200 or a 400 problem, never a 500", async () => {
    const queries = [
      '"',
      "AND(",
      "*",
      "NEAR(",
      "'",
      "visa AND(",
      'visa" OR "rules',
      "NEAR(visa rules, 2)",
      "title:visa",
      "^visa",
      "-visa",
      "visa*",
      "(((",
      "%00",
      "%F0%9F%92%A9",
      "%3Cscript%3E",
      "\\",
      "a".repeat(200),
      "a".repeat(201),
      "",
      "%20%20",
    ];
    for (const q of queries) {
      const response = await get(`/api/v1/search?q=${encodeURIComponent(q).replaceAll("%25", "%")}`);
      const label = `q=${q.slice(0, 40)}`;
      expect([200, 400], label).toContain(response.status);
      if (response.status === 400) {
        expect(response.headers.get("Content-Type"), label).toBe("application/problem+json");
      }
      await response.arrayBuffer();
    }
    // Syntax is only punctuation between words: every word, even "OR", must occur.
    expect(await slugsFor(`q=${encodeURIComponent('visa") ("rules*')}`)).toEqual(["rules-announced"]);
    expect(await slugsFor(`q=${encodeURIComponent('visa" OR "rules')}`)).toEqual([]);
    expect(await slugsFor(`q=${encodeURIComponent("NEAR(visa rules, 2)")}`)).toEqual([]);
  });

  it.each([
    ["", "q"],
    ["q=", "q"],
    ["q=%20%20", "q"],
    ['q="', "q"],
    ["q=*", "q"],
    ["q='", "q"],
    ["q=(%20)", "q"],
    [`q=${"a".repeat(201)}`, "q"],
    ["q=visa&limit=0", "limit"],
    ["q=visa&limit=51", "limit"],
    ["q=visa&kind=poem", "kind"],
    ["q=visa&lang=English!", "lang"],
    ["q=visa&page=2", "page"],
    ["q=visa&q=rules", "q"],
  ])("answers 400 naming the parameter for ?%s", async (query, name) => {
    await expectInvalidParams(await get(`/api/v1/search?${query}`), [name]);
  });

  it("is cached like every read, and shows a scheduled match exactly from its instant", async () => {
    const first = await get("/api/v1/search?q=visa");
    const etag = first.headers.get("ETag") ?? "";
    expect(etag).toMatch(/^"/);
    expect(first.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+/);
    expect((await get("/api/v1/search?q=visa", { "If-None-Match": etag })).status).toBe(304);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2020-10-25T11:59:59Z"));
    await addPublications({
      slug: "noon-statement",
      status: "scheduled",
      title: "Noon visa statement",
      published_at: "2020-10-25T12:00:00.000Z",
    });
    const before = await get("/api/v1/search?q=noon");
    expect((await before.json<Results>()).items).toEqual([]);
    expect(before.headers.get("Cache-Control")).toMatch(/max-age=1\b/);
    vi.setSystemTime(new Date("2020-10-25T12:00:00Z"));
    expect(await slugsFor("q=noon")).toEqual(["noon-statement"]);
  });

  it("is listed in the OpenAPI document with its parameters", async () => {
    const spec = await getJson("/api/openapi.json");
    const operation = spec.paths["/api/v1/search"]?.get;
    expect(operation).toBeDefined();
    const query = operation.parameters.filter((parameter: { in?: string }) => parameter.in === "query");
    expect(query.map((parameter: { name: string }) => parameter.name).sort()).toEqual([
      "kind",
      "lang",
      "limit",
      "q",
      "status",
    ]);
    expect(operation.responses["200"].content["application/json"].schema).toBeDefined();
  });
});

describe("search after editors' writes", () => {
  let publisher: string;

  beforeAll(async () => {
    publisher = await createToken(`search-publisher-${crypto.randomUUID()}`, ["publish"]);
  });
  beforeEach(() => resetContent());

  const send = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    sendAs(publisher, method, path, body, headers);

  it("reflects a POST, a PATCH and a DELETE at once, though the answer was cached", async () => {
    expect(await slugsFor("q=scholarship")).toEqual([]);
    const response = await send("POST", "/api/v1/publications", {
      title: "Scholarship programme opens",
      kind: "news",
      lang: "en",
      lead: "Applications until March.",
      body: "<p>The <strong>programme</strong> funds twenty students.</p><script>alert(1)</script>",
      published_at: "2020-10-20T09:00:00Z",
      status: "published",
      without_approval: "Cleared by phone with the consul",
    });
    expect(response.status).toBe(201);
    const created = await response.json<{ id: number; slug: string }>();
    expect(await slugsFor("q=scholarship")).toEqual([created.slug]);
    expect(await slugsFor("q=funds%20twenty")).toEqual([created.slug]);
    expect(await slugsFor("q=alert")).toEqual([]);

    const path = `/api/v1/publications/by-id/${created.id}`;
    const patched = await send(
      "PATCH",
      path,
      { title: "Fellowship programme opens", body: "<p>It funds thirty students.</p>" },
      { "If-Match": '"v1"' },
    );
    expect(patched.status).toBe(200);
    expect(await slugsFor("q=scholarship")).toEqual([]);
    expect(await slugsFor("q=twenty")).toEqual([]);
    expect(await slugsFor("q=fellowship%20thirty")).toEqual([created.slug]);

    expect((await send("DELETE", path)).status).toBe(200);
    expect(await slugsFor("q=fellowship")).toEqual([]);
    expect((await send("POST", `${path}/restore`)).status).toBe(200);
    expect(await slugsFor("q=fellowship")).toEqual([created.slug]);
  });

  /** Publishes a piece with this body through the editors' API: its id and slug. */
  async function publish(body: string): Promise<{ id: number; slug: string }> {
    const response = await send("POST", "/api/v1/publications", {
      title: "Notes",
      kind: "news",
      lang: "en",
      body,
      published_at: "2020-10-20T09:00:00Z",
      status: "published",
      without_approval: "Cleared by phone with the consul",
    });
    expect(response.status).toBe(201);
    return response.json();
  }

  it("finds a body by the words a reader sees, never by its markup", async () => {
    // Each of these the SQL view of migration 0003 read wrongly: references it did not
    // decode, and an attribute holding `>` then `<`, whose words between it indexed.
    const { slug } = await publish(
      "<p>The caf&eacute; serves &#1073;&#1086;&#1088;&#1097;&nbsp;&amp;&nbsp;pie</p><p>lunch</p><p>daily</p>" +
        '<p><a href="/menu" title="1 > secret < 2">menu</a></p>',
    );
    for (const words of ["cafe", "café%20serves", "борщ", "pie", "lunch%20daily", "menu"]) {
      expect(await slugsFor(`q=${words}`), words).toEqual([slug]);
    }
    for (const word of ["eacute", "1073", "nbsp", "amp", "secret", "title", "href", "lunchdaily"]) {
      expect(await slugsFor(`q=${word}`), word).toEqual([]);
    }
    const [found] = (await search("q=cafe")).items;
    const snippet = await readSnippet(found.snippet);
    expect(snippet.marked).toEqual(["café"]);
    // Snippets fold whitespace, the no-break spaces included.
    expect(snippet.text).toBe("The café serves борщ & pie lunch daily menu");
  });

  it("finds a restored revision by its own words, and no longer by the words it replaced", async () => {
    const { id, slug } = await publish("<p>The programme funds twenty students.</p>");
    const path = `/api/v1/publications/by-id/${id}`;
    const patched = await send(
      "PATCH",
      path,
      { body: "<p>It funds thirty students.</p>" },
      { "If-Match": '"v1"' },
    );
    expect(patched.status).toBe(200);
    expect(await slugsFor("q=thirty")).toEqual([slug]);

    const restored = await send("POST", `${path}/revisions/1/restore`, undefined, { "If-Match": '"v2"' });
    expect(restored.status).toBe(200);
    expect(await slugsFor("q=twenty")).toEqual([slug]);
    expect(await slugsFor("q=thirty")).toEqual([]);
  });
});

describe("the query and the snippet", () => {
  it("quotes every word and makes only the last one a prefix", () => {
    expect(matchExpression("visa")).toBe('"visa"*');
    expect(matchExpression('visa" OR "rules')).toBe('"visa" AND "OR" AND "rules"*');
    expect(matchExpression("NEAR(a b, 2) AND(")).toBe('"NEAR" AND "a" AND "b" AND "2" AND "AND"*');
    expect(matchExpression("посольство, Café")).toBe('"посольство" AND "Café"*');
    expect(matchExpression("\"'*()^-:")).toBeUndefined();
    expect(matchExpression("")).toBeUndefined();
  });

  it("escapes the text, folds whitespace and marks only balanced matches", () => {
    expect(markSnippet(" a <b>&\n\n \uE000visa\uE001 'x' \"y\" ")).toBe(
      "a &lt;b&gt;&amp; <mark>visa</mark> &#39;x&#39; &quot;y&quot;",
    );
    expect(markSnippet("\uE000a\uE000b\uE001 c\uE001 d\uE000")).toBe("a<mark>b</mark> c d");
  });
});
