import { exports } from "cloudflare:workers";
import { parseHTML } from "linkedom";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_MARKDOWN_NESTING, MAX_MARKDOWN_TAGS } from "../../../worker/content/markdown";
import { BODY_LIMIT, fill } from "../../support/bodies";
import { authorized, createToken } from "../editor-fixtures";
import { addPublications, get, resetContent } from "../fixtures";

// Rendering and sanitizing bodies this size takes seconds on a shared machine.
const SLOW = 180_000;

let publisher: string;

function publish(body: string, body_format: "html" | "markdown" = "markdown", title = "Hostile") {
  return exports.default.fetch(
    new Request("https://embassy.example/api/v1/publications", {
      method: "POST",
      body: JSON.stringify({
        title,
        // Titles here are alike; a slug of their own keeps them apart.
        slug: `hostile-${crypto.randomUUID()}`,
        kind: "news",
        lang: "en",
        body,
        body_format,
        status: "published",
        without_approval: "Cleared by phone with the consul",
        published_at: "2020-10-20T09:00:00Z",
      }),
      headers: { ...authorized(publisher), "Content-Type": "application/json" },
    }),
  );
}

function table(length: number): string {
  const lines = ["| Office | Date | Hours |", "| --- | --- | --- |"];
  for (let day = 0; lines.join("\n").length < length - 60; day++) {
    lines.push(
      `| Consular section ${day} | 2020-10-${String((day % 28) + 1).padStart(2, "0")} | 9:00 to 17:00 |`,
    );
  }
  return lines.join("\n");
}

function prose(length: number): string {
  const sentence =
    "The ambassador met the **minister** to discuss _trade_ and [culture](https://culture.example/). ";
  const paragraph = `${sentence.repeat(8)}\n\n`;
  return paragraph.repeat(Math.floor(length / paragraph.length));
}

const nestedList = (depth: number) =>
  Array.from({ length: depth }, (_, level) => `${"  ".repeat(level)}- item`).join("\n");

/**
 * Asserts a refusal on `body` as problem+json; a stored body too large for a
 * D1 row is refused the same way, so either answer is a clear one.
 */
async function expectCreatedOrRefused(response: Response, label: string): Promise<void> {
  expect([201, 422], label).toContain(response.status);
  if (response.status === 422) await expectBodyRefused(response, label);
}

async function expectBodyRefused(response: Response, label: string, reason?: string): Promise<void> {
  expect(response.status, label).toBe(422);
  expect(response.headers.get("Content-Type"), label).toBe("application/problem+json");
  const problem = await response.json<any>();
  expect(
    problem["invalid-params"].map((param: { name: string }) => param.name),
    label,
  ).toEqual(["body"]);
  if (reason) expect(problem["invalid-params"][0].reason, label).toContain(reason);
  expect(problem.detail, label).toContain("body");
}

beforeAll(async () => {
  publisher = await createToken(`publisher-${crypto.randomUUID()}`, ["publish"]);
});

beforeEach(() => resetContent());

describe("Markdown built to take long or to overflow the stack", () => {
  it(
    "publishes runs of emphasis, brackets and backticks at the body limit, or refuses them on body",
    async () => {
      const bodies: Record<string, string> = {
        "_a x 50,000": "_a".repeat(50_000),
        "_a to the limit": fill("_a"),
        "*a to the limit": fill("*a"),
        "**a to the limit": fill("**a"),
        "*_ to the limit": fill("*_"),
        "[ x 50,000": "[".repeat(50_000),
        "[ to the limit": fill("["),
        "![[]( to the limit": fill("![[]("),
        "[![ to the limit": fill("[!["),
        "backtick runs of every length": Array.from({ length: 990 }, (_, i) => `${"`".repeat(i + 1)}a`).join(
          "",
        ),
        "a` to the limit": fill("a`"),
        "| to the limit": fill("|"),
        "a wide table": `|${"a|".repeat(100_000)}\n|${"-|".repeat(100_000)}\n`,
      };
      for (const [label, body] of Object.entries(bodies)) {
        expect(body.length, label).toBeLessThanOrEqual(BODY_LIMIT);
        await expectCreatedOrRefused(await publish(body, "markdown", label), label);
      }
    },
    SLOW,
  );

  it(
    "publishes a 440 KB table and 500,000 characters of prose whole",
    async () => {
      for (const [label, body] of [
        ["table", table(440_000)],
        ["prose", prose(BODY_LIMIT)],
      ]) {
        const created = await publish(body, "markdown", label);
        expect(created.status, label).toBe(201);
        const { body_html } = await created.json<{ body_html: string }>();
        const { document } = parseHTML(`<!doctype html><body>${body_html}</body>`);
        if (label === "table") {
          expect(document.querySelectorAll("tbody tr").length).toBe(body.split("\n").length - 2);
        } else {
          expect(document.querySelectorAll("p").length).toBe(body.split("\n\n").length - 1);
          expect(document.querySelectorAll("strong").length).toBe(document.querySelectorAll("p").length * 8);
        }
      }
    },
    SLOW,
  );

  it(
    "refuses quotes and lists nested past the limit with 422 on body, saying why",
    async () => {
      const reason = `nest more than ${MAX_MARKDOWN_NESTING} levels deep`;
      for (const [label, body] of [
        ["> x 3,000", ">".repeat(3000)],
        ["> to the limit", fill(">")],
        ["a list 600 deep", nestedList(600)],
        ["- x 3,000 on one line", `${"- ".repeat(3000)}a`],
        ["> - to the limit", fill("> - ")],
      ]) {
        await expectBodyRefused(await publish(body, "markdown", label), label, reason);
      }
      const preview = await exports.default.fetch(
        new Request("https://embassy.example/api/v1/previews", {
          method: "POST",
          body: JSON.stringify({ body: ">".repeat(3000) }),
          headers: { ...authorized(publisher), "Content-Type": "application/json" },
        }),
      );
      await expectBodyRefused(preview, "preview", reason);
    },
    SLOW,
  );

  it(
    "refuses Markdown that makes more tags than the limit with 422 on body, and publishes it just under",
    async () => {
      const reason = `makes more than ${MAX_MARKDOWN_TAGS.toLocaleString("en")} HTML tags`;
      for (const [label, body] of [
        ["*a to the limit", fill("*a")],
        ["*a* to the limit", fill("*a* ")],
        ["- a to the limit", fill("- a\n")],
      ]) {
        await expectBodyRefused(await publish(body, "markdown", label), label, reason);
      }
      // A paragraph's two tags and two for each emphasis.
      const under = "*a* ".repeat(MAX_MARKDOWN_TAGS / 2 - 1);
      const created = await publish(under, "markdown", "under");
      expect(created.status).toBe(201);
      const { body_html } = await created.json<{ body_html: string }>();
      const { document } = parseHTML(`<!doctype html><body>${body_html}</body>`);
      expect(document.querySelectorAll("p em").length).toBe(MAX_MARKDOWN_TAGS / 2 - 1);
    },
    SLOW,
  );

  it("publishes quotes nested to the limit with their text", async () => {
    const created = await publish(`${">".repeat(MAX_MARKDOWN_NESTING)} Deep words`);
    expect(created.status).toBe(201);
    const { body_html } = await created.json<{ body_html: string }>();
    const { document } = parseHTML(`<!doctype html><body>${body_html}</body>`);
    expect(document.querySelectorAll("blockquote").length).toBe(MAX_MARKDOWN_NESTING);
    expect(document.querySelector("blockquote")?.textContent?.trim()).toBe("Deep words");
  });

  it(
    "answers a Markdown file whose front matter nests without end, or runs long, with 400",
    async () => {
      for (const front of [
        "[".repeat(30_000),
        `a: ${"{".repeat(30_000)}`,
        `${"- ".repeat(15_000)}a`,
        Array.from({ length: 200 }, (_, level) => `${" ".repeat(level)}a:`).join("\n"),
        "[".repeat(400_000),
      ]) {
        const response = await exports.default.fetch(
          new Request("https://embassy.example/api/v1/publications", {
            method: "POST",
            body: `---\n${front}\n---\nText`,
            headers: { ...authorized(publisher), "Content-Type": "text/markdown" },
          }),
        );
        expect(response.status, front.slice(0, 10)).toBe(400);
        expect(response.headers.get("Content-Type")).toBe("application/problem+json");
        expect((await response.json<any>()).detail).toMatch(/^The front matter is invalid/);
      }
    },
    SLOW,
  );
});

describe("a publication's page over a body built against its image search", () => {
  /** The page's Open Graph image, read with an HTML parser. */
  async function ogImage(slug: string): Promise<string | null | undefined> {
    const response = await get(`/publications/${slug}`, { Accept: "text/html", "Cache-Control": "no-cache" });
    expect(response.status).toBe(200);
    const { document } = parseHTML(await response.text());
    return document.querySelector('meta[property="og:image"]')?.getAttribute("content");
  }

  it(
    "renders a 240 KB body of would-be image tags, naming the real image",
    async () => {
      const decoys = "<img ".repeat(48_000);
      const created = await publish(
        `<p><a title="${decoys}">decoys</a> <img alt="${decoys}" src="/media/flag.png"></p>`,
        "html",
        "Decoys",
      );
      expect(created.status).toBe(201);
      const { slug } = await created.json<{ slug: string }>();
      expect(await ogImage(slug)).toBe("https://embassy.example/media/flag.png");
    },
    SLOW,
  );

  it(
    "renders a body stored before attribute values were escaped, naming the real image",
    async () => {
      await addPublications({
        slug: "stored-decoys",
        published_at: "2020-10-20T09:00:00.000Z",
        body: `<p><a title="${"<img alt ".repeat(24_000)}">decoys</a></p><p><img src="/media/seal.png" alt="Seal"></p>`,
      });
      expect(await ogImage("stored-decoys")).toBe("https://embassy.example/media/seal.png");
    },
    SLOW,
  );
});
