import { describe, expect, it } from "vitest";
import {
  MAX_MARKDOWN_NESTING,
  parseFrontMatter,
  renderMarkdown,
  UnrenderableMarkdown,
} from "../../worker/content/markdown";
import { sanitizeHtml } from "../../worker/content/sanitize";

/** The elements of `html`, in order, with their attributes, as the runtime's HTML parser reads them. */
async function elementsOf(html: string): Promise<{ name: string; attributes: Record<string, string> }[]> {
  const elements: { name: string; attributes: Record<string, string> }[] = [];
  await new HTMLRewriter()
    .on("*", {
      element(element) {
        elements.push({
          name: element.tagName.toLowerCase(),
          attributes: Object.fromEntries(element.attributes),
        });
      },
    })
    .transform(new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } }))
    .arrayBuffer();
  return elements;
}

const DOCUMENT = [
  "# Statement",
  "",
  "## How to help",
  "",
  "- Donate **now**",
  "- Share _the news_",
  "",
  "1. First",
  "2. Second",
  "",
  "> We thank every donor.",
  "",
  'Read [the fund](https://fund.example/ "Fund") and ![the logo](https://img.example/logo.png).',
  "",
  "| Region | Amount |",
  "| ------ | -----: |",
  "| North  | 1,200  |",
  "| South  | 900    |",
  "",
  "Inline `code` and ~~struck~~ text.",
].join("\n");

describe("renderMarkdown", () => {
  it("renders headings, lists, a quote, a link, an image, a table, emphasis and strikethrough", async () => {
    const names = (await elementsOf(renderMarkdown(DOCUMENT))).map((element) => element.name);
    expect(names).toEqual([
      "h1",
      "h2",
      "ul",
      "li",
      "strong",
      "li",
      "em",
      "ol",
      "li",
      "li",
      "blockquote",
      "p",
      "p",
      "a",
      "img",
      "table",
      "thead",
      "tr",
      "th",
      "th",
      "tbody",
      "tr",
      "td",
      "td",
      "tr",
      "td",
      "td",
      "p",
      "code",
      "s",
    ]);
  });

  it("keeps all of it but the heading level and unlisted tags and attributes once sanitized", async () => {
    const elements = await elementsOf(await sanitizeHtml(renderMarkdown(DOCUMENT)));
    const names = elements.map((element) => element.name);
    expect(names.slice(0, 2)).toEqual(["h2", "h2"]);
    expect(names).toEqual(
      expect.arrayContaining([
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "blockquote",
        "a",
        "img",
        "table",
        "td",
        "code",
        "s",
      ]),
    );
    expect(elements.find((element) => element.name === "a")?.attributes).toEqual({
      href: "https://fund.example/",
      rel: "noopener noreferrer nofollow",
      title: "Fund",
    });
    expect(elements.find((element) => element.name === "img")?.attributes).toEqual({
      src: "https://img.example/logo.png",
      alt: "the logo",
    });
    // Column alignment is an attribute the allowlist does not carry.
    expect(
      elements.find((element) => element.name === "th" && "align" in element.attributes),
    ).toBeUndefined();
  });

  it("lets raw HTML through, for the sanitizer to take out what is unsafe", async () => {
    const markdown =
      'Hi <script>alert(1)</script> <img src=x onerror="alert(1)">\n\n<script>alert(2)</script>\n\n[x](javascript:alert(3))';
    expect(renderMarkdown(markdown)).toContain("<script>");
    const elements = await elementsOf(await sanitizeHtml(renderMarkdown(markdown)));
    // A `javascript:` link is not made at all: it stays the text it was.
    expect(elements.map((element) => element.name)).toEqual(["p", "img", "p"]);
    expect(elements.flatMap((element) => Object.keys(element.attributes))).toEqual([]);
  });
});

/** A list `depth` levels deep, one item a level, each item named by its level. */
function nestedList(depth: number): string {
  return Array.from({ length: depth }, (_, level) => `${"  ".repeat(level)}- item ${level + 1}`).join("\n");
}

describe("renderMarkdown's limits", () => {
  it("renders quotes and lists nested to the limit, every word kept", async () => {
    const quotes = renderMarkdown(`${">".repeat(MAX_MARKDOWN_NESTING)} deepest`);
    expect((await elementsOf(quotes)).filter((element) => element.name === "blockquote")).toHaveLength(
      MAX_MARKDOWN_NESTING,
    );
    expect(quotes).toContain("deepest");
    // A list level is the list and its item: two levels.
    const depth = MAX_MARKDOWN_NESTING / 2;
    const items = (await elementsOf(renderMarkdown(nestedList(depth)))).filter(
      (element) => element.name === "li",
    );
    expect(items).toHaveLength(depth);
  });

  it("refuses, saying why, what nests deeper instead of dropping the rest", () => {
    const reason = `could not be rendered: quotes and lists nest more than ${MAX_MARKDOWN_NESTING} levels deep (a list level counts two).`;
    for (const markdown of [
      `${">".repeat(MAX_MARKDOWN_NESTING + 1)} deepest`,
      ">".repeat(3000),
      nestedList(MAX_MARKDOWN_NESTING / 2 + 1),
      nestedList(3000),
      `${"- ".repeat(3000)}a`,
    ]) {
      expect(() => renderMarkdown(markdown), markdown.slice(0, 40)).toThrow(UnrenderableMarkdown);
      expect(() => renderMarkdown(markdown)).toThrow(reason);
    }
  });

  it("keeps every letter of long runs of emphasis, brackets and backticks", () => {
    for (const unit of ["_a", "*a", "[a", "`a", "![a", "~~a"]) {
      const text = unit.repeat(20_000);
      // None of the elements these runs make has an "a" in its name.
      expect(renderMarkdown(text).split("a").length - 1, unit).toBe(20_000);
    }
  });
});

describe("parseFrontMatter", () => {
  it("reads title, kind, tags, published_at and featured, and leaves the body", () => {
    const file = [
      "---",
      "title: Statement on the flood relief",
      "kind: statement",
      "tags:",
      "  - humanitarian",
      "  - community",
      "published_at: 2020-10-21T10:00:00Z",
      "featured: true",
      "---",
      "## How to help",
      "",
    ].join("\n");
    expect(parseFrontMatter(file)).toEqual({
      data: {
        title: "Statement on the flood relief",
        kind: "statement",
        tags: ["humanitarian", "community"],
        // YAML 1.2 keeps a timestamp as the string it was.
        published_at: "2020-10-21T10:00:00Z",
        featured: true,
      },
      body: "## How to help\n",
    });
  });

  it("reads a flow list, Windows line ends, a byte order mark and empty front matter", () => {
    expect(parseFrontMatter("\uFEFF---\r\ntags: [a, b]\r\n---\r\nText")).toEqual({
      data: { tags: ["a", "b"] },
      body: "Text",
    });
    expect(parseFrontMatter("---\n---\nText")).toEqual({ data: {}, body: "Text" });
  });

  it("gives a file without front matter as the body", () => {
    expect(parseFrontMatter("# Just Markdown\n\n---\n\nmore")).toEqual({
      data: {},
      body: "# Just Markdown\n\n---\n\nmore",
    });
  });

  it("refuses front matter that nests deeply or runs long before reading it as YAML", () => {
    for (const yaml of ["[".repeat(30_000), `title: ${"{".repeat(33)}`, `${"- ".repeat(40)}a`]) {
      expect(() => parseFrontMatter(`---\n${yaml}\n---\nText`), yaml.slice(0, 20)).toThrow(
        "The front matter is invalid: it nests or indents more than 32 levels deep.",
      );
    }
    expect(() => parseFrontMatter(`---\nlead: ${"x".repeat(40_000)}\n---\nText`)).toThrow(
      "The front matter is invalid: it is longer than 32,768 characters; the body goes after its closing `---` line.",
    );
    // Brackets and hyphens in values, a block scalar, a flow list: all read.
    expect(
      parseFrontMatter(
        "---\ntitle: Visit [2020] {draft}\ntags: [a, b]\nlead: |\n  One - two:\n    - three\n---\n",
      ).data,
    ).toEqual({ title: "Visit [2020] {draft}", tags: ["a", "b"], lead: "One - two:\n  - three\n" });
  });

  it("refuses aliases, which could repeat a node past any bound, naming the line", () => {
    const laughs = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a]",
      "title: *b",
    ];
    expect(() => parseFrontMatter(`---\n${laughs.join("\n")}\n---\nText`)).toThrow(
      /^The front matter is invalid YAML at line 3 \(`b: &b \[\*a, /,
    );
  });

  it("reads front matter of comments only as no fields, and refuses a second document", () => {
    expect(parseFrontMatter("---\n# Fields come later\n---\nText")).toEqual({ data: {}, body: "Text" });
    expect(() => parseFrontMatter("---\ntitle: A\n...\ntitle: B\n---\nText")).toThrow(
      /^The front matter is invalid: it holds more than one YAML document/,
    );
  });

  it("says the front matter is invalid, why, and on which line", () => {
    expect(() => parseFrontMatter("---\ntitle: A\ntags: [x, y\n---\nText")).toThrow(
      "The front matter is invalid YAML at line 3 (`tags: [x, y`): unexpected end of the stream within a flow collection",
    );
    expect(() => parseFrontMatter("---\ntitle: A\ntitle: B\n---\n")).toThrow(
      /^The front matter is invalid YAML at line 3 \(`title: B`\): duplicated mapping key/,
    );
    expect(() => parseFrontMatter("---\n- a\n- b\n---\n")).toThrow(
      /^The front matter is invalid: it must be a YAML mapping/,
    );
    expect(() => parseFrontMatter("---\ntitle: A\n\nText without a closing line")).toThrow(
      /^The front matter is invalid: it opens with `---` but has no closing `---` line/,
    );
  });
});
