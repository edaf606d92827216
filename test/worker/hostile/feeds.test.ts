import { env, exports } from "cloudflare:workers";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { XSS_VECTORS } from "../../support/xss-vectors";
import { authorized, createToken } from "../editor-fixtures";
import { get, getJson, resetContent } from "../fixtures";

/** What XML 1.0 does not allow anywhere in a document (the complement of its `Char` production). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xmlSafe = (text: string) => text.replace(NOT_XML, "");

/** Fields that tried to leave their element when feeds wrote them as HTML in CDATA. */
const BREAKOUTS = [
  "]]> twice ]]>",
  "]]></title><link>https://evil.example/</link></item><item><title><![CDATA[Fake item",
  "</title><item><title>Fake</title><link>https://evil.example/</link></item>",
  ']]><script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script><![CDATA[',
  "</title></entry><entry><title>Fake</title></entry>",
  "controls \u0001 \u000B \uFFFE \uFFFF end",
  "lone \uD800 surrogate and \uDC00 another",
  "carriage\r\nreturn, tab\tand <![CDATA[ x ]]>",
];

const PAYLOADS = [...XSS_VECTORS, ...BREAKOUTS];
/** A feed lists the 20 newest items, so the payloads go out 20 at a time. */
const ROUND = 20;
const rounds = Array.from({ length: Math.ceil(PAYLOADS.length / ROUND) }, (_, index) =>
  PAYLOADS.slice(index * ROUND, (index + 1) * ROUND),
);

const parser = new XMLParser({
  ignoreAttributes: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  // Decodes character references (&#13;) as any XML reader does.
  htmlEntities: true,
  isArray: (name) => ["item", "entry", "category"].includes(name),
});

/** Reads character data as written, entities undecoded and CDATA sections apart. */
const rawParser = new XMLParser({
  processEntities: false,
  cdataPropName: "#cdata",
  preserveOrder: true,
  trimValues: false,
  ignoreAttributes: true,
});

/** Every piece of character data outside CDATA sections in a document read by `rawParser`. */
function characterData(nodes: Record<string, unknown>[]): string[] {
  return nodes.flatMap((node) =>
    Object.entries(node).flatMap(([name, value]) => {
      if (name === "#text") return [String(value)];
      return name === "#cdata" ? [] : characterData(value as Record<string, unknown>[]);
    }),
  );
}

interface Stored {
  slug: string;
  title: string;
  lead: string;
  tags: string[];
  kind: string;
}

let publisher: string;

async function publish(payload: string, index: number): Promise<void> {
  const response = await exports.default.fetch(
    new Request("https://embassy.example/api/v1/publications", {
      method: "POST",
      headers: { ...authorized(publisher), "Content-Type": "application/json" },
      body: JSON.stringify({
        slug: `hostile-${index}`,
        title: payload,
        lead: `${payload} ]]> and ]]> again \u0002`,
        body: `<p>${payload}</p><p>]]> and ]]></p>${payload}`,
        tags: [payload.slice(0, 64), "a<b", "x]]>y\u0001"],
        kind: "news",
        lang: "en",
        status: "published",
        without_approval: "Cleared by phone with the consul",
        published_at: new Date(Date.UTC(2020, 9, 20, 9, index)).toISOString(),
      }),
    }),
  );
  expect(response.status, payload).toBe(201);
  await response.arrayBuffer();
}

/** What the store holds, the reference every feed is read back against. */
async function stored(): Promise<Map<string, Stored>> {
  const { results } = await env.DB.prepare("SELECT slug, title, lead, tags, kind FROM publications").all<
    Omit<Stored, "tags"> & { tags: string }
  >();
  return new Map(
    results.map((row) => [
      `https://embassy.example/publications/${row.slug}`,
      { ...row, tags: JSON.parse(row.tags) },
    ]),
  );
}

/** A feed that a strict reader accepts: well-formed, sent as what it is. */
async function wellFormed(path: string): Promise<any> {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
  const xml = await response.text();
  expect(XMLValidator.validate(xml), path).toBe(true);
  expect(xml.match(NOT_XML), path).toBeNull();
  // XMLValidator lets "]]>" pass in character data, where XML forbids it outside CDATA.
  expect(
    characterData(rawParser.parse(xml)).filter((data) => data.includes("]]>")),
    path,
  ).toEqual([]);
  return parser.parse(xml);
}

const text = (node: string | { "#text"?: string }) =>
  typeof node === "string" ? node : (node["#text"] ?? "");

/** Every element's name in a parsed document, however deep. */
function elementNames(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(elementNames);
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([name, child]) =>
    name.startsWith("@_") || name === "#text" ? [] : [name, ...elementNames(child)],
  );
}

/** What a reader shows of a field it renders as HTML: its text, and which elements it made. */
function asRendered(html: string) {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return { text: document.body.textContent, elements: document.body.children.length };
}

describe("feeds under hostile content", () => {
  beforeAll(async () => {
    publisher = await createToken(`publisher-${crypto.randomUUID()}`, ["publish"]);
  });

  it.each(
    rounds.map((payloads, round) => [round * ROUND + 1, round * ROUND + payloads.length, payloads] as const),
  )(
    "keeps RSS and Atom well-formed, one item per publication and every field as text (payloads %i-%i)",
    async (first, _last, payloads) => {
      await resetContent();
      for (const [offset, payload] of payloads.entries()) await publish(payload, first + offset);
      const expected = await stored();
      // The JSON Feed carries each body as JSON escapes it; in XML a reader takes any line end as LF.
      const bodies = new Map<string, string>(
        (await getJson("/feed.json")).items.map((item: { url: string; content_html: string }) => [
          item.url,
          xmlSafe(item.content_html).replace(/\r\n?/g, "\n"),
        ]),
      );

      const rss = await wellFormed("/feed.xml");
      const items: any[] = rss.rss.channel.item;
      expect(items.map((item) => item.link).sort()).toEqual([...expected.keys()].sort());
      for (const item of items) {
        const want = expected.get(item.link) as Stored;
        expect(item.title, want.slug).toBe(xmlSafe(want.title));
        expect(asRendered(item.description), want.slug).toEqual({ text: xmlSafe(want.lead), elements: 0 });
        expect(item["content:encoded"], want.slug).toBe(bodies.get(item.link));
        expect(item.category, want.slug).toEqual([want.kind, ...want.tags].map(xmlSafe));
      }

      const atom = await wellFormed("/atom.xml");
      expect(elementNames(atom).filter((name) => /(^|:)script$/i.test(name))).toEqual([]);
      const entries: any[] = atom.feed.entry;
      expect(entries.map((entry) => entry.id).sort()).toEqual([...expected.keys()].sort());
      for (const entry of entries) {
        const want = expected.get(entry.id) as Stored;
        expect(entry.title, want.slug).toBe(xmlSafe(want.title));
        expect(entry.summary, want.slug).toBe(xmlSafe(want.lead));
        expect(entry.content["@_type"], want.slug).toBe("html");
        expect(text(entry.content), want.slug).toBe(bodies.get(entry.id));
        expect(
          entry.category.map((category: Record<string, string>) => category["@_term"]),
          want.slug,
        ).toEqual([want.kind, ...want.tags].map(xmlSafe));
      }
    },
  );
});
