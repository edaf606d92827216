import { describe, expect, it } from "vitest";
import { parseFrontMatter, renderMarkdown } from "../../worker/content/markdown";
import { ALLOWED, sanitizeHtml } from "../../worker/content/sanitize";

/** Vectors in the manner of OWASP's XSS Filter Evasion Cheat Sheet, written for these tests. */
const VECTORS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
  "<ScRiPt>alert(1)</sCrIpT>",
  '<script type="text/javascript">alert(1)</script>',
  "<<script>script>alert(1)<</script>/script>",
  "<script",
  '<img src="javascript:alert(1)">',
  "<img src=x onerror=alert(1)>",
  '<img """><script>alert(1)</script>">',
  "<IMG SRC=JaVaScRiPt:alert(1)>",
  "<img src=`javascript:alert(1)`>",
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JAVASCRIPT:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
  '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>',
  '<a href="jav\tascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="jav&#x0A;ascript:alert(1)">x</a>',
  '<a href=" &#14;  javascript:alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="java\u0000script:alert(1)">x</a>',
  "<body onload=alert(1)>",
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<style>@import "https://evil.example/x.css";</style>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<div style="width: expression(alert(1));">x</div>',
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
  "<input onfocus=alert(1) autofocus>",
  "<details open ontoggle=alert(1)>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<!--<img src=x onerror=alert(1)>-->",
  "<![CDATA[<script>alert(1)</script>]]>",
  "<template><script>alert(1)</script></template>",
  '<table background="javascript:alert(1)"><td background="javascript:alert(1)">x</td></table>',
  '<a href="https://ok.example" onmouseover="alert(1)">x</a>',
  "<video><source onerror=alert(1)></video>",
  '<p id="x" class="y" data-x="1">text</p>',
  "<xss onpointerenter=alert(1)>hover</xss>",
];

interface Found {
  elements: string[];
  attributes: [string, string, string][];
}

async function inspect(html: string): Promise<Found> {
  const found: Found = { elements: [], attributes: [] };
  await new HTMLRewriter()
    .on("*", {
      element(element) {
        const tag = element.tagName.toLowerCase();
        found.elements.push(tag);
        for (const [name, value] of element.attributes) found.attributes.push([tag, name, value]);
      },
    })
    .transform(new Response(html))
    .arrayBuffer();
  return found;
}

/** What a browser would make of a URL attribute: entities decoded, controls and spaces gone. */
function schemeOf(value: string): string | undefined {
  const decoded = value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;?/gi, ":")
    // Browsers skip control characters and spaces inside a URL's scheme.
    .replace(/./gsu, (char) => (char.charCodeAt(0) <= 0x20 ? "" : char));
  return /^([a-z][\w+.-]*):/i.exec(decoded)?.[1].toLowerCase();
}

describe("sanitizeHtml", () => {
  it.each(VECTORS)("makes %s harmless", async (vector) => {
    const clean = await sanitizeHtml(vector);
    // Inside a page, as it will be shown: nothing may reach into the markup around it.
    const { elements, attributes } = await inspect(`<article>${clean}</article><footer>after</footer>`);
    for (const tag of elements) {
      expect([...Object.keys(ALLOWED), "article", "footer"], `${tag} in ${clean}`).toContain(tag);
    }
    expect(elements.at(-1), clean).toBe("footer");
    for (const [tag, name, value] of attributes.filter(([tag]) => tag !== "article" && tag !== "footer")) {
      expect([...ALLOWED[tag], ...(tag === "a" ? ["rel"] : [])], `${tag}[${name}] in ${clean}`).toContain(
        name,
      );
      if (name === "href" || name === "src") {
        expect([undefined, "http", "https", "mailto", "tel"], `${name}=${value}`).toContain(schemeOf(value));
      }
    }
    expect(await sanitizeHtml(clean)).toBe(clean);
  });

  it("keeps headings, lists, quotes, links, images, tables and emphasis", async () => {
    const html = [
      "<h1>Title</h1><h3>Part</h3>",
      "<ul><li>one</li></ul><ol><li>two</li></ol>",
      "<blockquote><p>Said &amp; done</p></blockquote>",
      '<p><a href="https://ok.example/a?b=1&amp;c=2" title="t">link</a> <a href="/local">here</a></p>',
      '<img src="https://img.example/a.png" alt="A" width="10" height="20">',
      '<table><thead><tr><th scope="col">H</th></tr></thead><tbody><tr><td colspan="2">D</td></tr></tbody></table>',
      "<p><strong>b</strong> <em>i</em> <code>c</code></p>",
    ].join("");
    const clean = await sanitizeHtml(html);
    const { elements, attributes } = await inspect(clean);
    expect(elements).toEqual(
      expect.arrayContaining([
        "h2",
        "h3",
        "ul",
        "ol",
        "li",
        "blockquote",
        "a",
        "img",
        "table",
        "th",
        "td",
        "strong",
        "em",
        "code",
      ]),
    );
    expect(elements).not.toContain("h1");
    expect(attributes).toEqual(
      expect.arrayContaining([
        ["a", "href", "https://ok.example/a?b=1&amp;c=2"],
        ["a", "rel", "noopener noreferrer nofollow"],
        ["a", "href", "/local"],
        ["img", "src", "https://img.example/a.png"],
        ["th", "scope", "col"],
        ["td", "colspan", "2"],
      ]),
    );
    expect(clean).toContain("Said &amp; done");
  });
});

describe("Markdown", () => {
  it("renders headings, lists, quotes, links, images, tables and emphasis", async () => {
    const markdown = [
      "## Heading",
      "",
      "- one",
      "- two",
      "",
      "> quoted",
      "",
      "[link](https://ok.example) ![alt](https://img.example/a.png) **bold** _em_",
      "",
      "| a | b |",
      "| - | - |",
      "| 1 | 2 |",
    ].join("\n");
    const { elements } = await inspect(await sanitizeHtml(renderMarkdown(markdown)));
    expect(elements).toEqual(
      expect.arrayContaining(["h2", "ul", "li", "blockquote", "a", "img", "strong", "em", "table", "td"]),
    );
  });

  it("loses raw script on the way through the sanitizer", async () => {
    const { elements } = await inspect(await sanitizeHtml(renderMarkdown("Hi <script>alert(1)</script>")));
    expect(elements).not.toContain("script");
  });

  it("reads front matter, and says clearly when it is not YAML", () => {
    const { data, body } = parseFrontMatter("---\ntitle: A\ntags: [x, y]\nfeatured: true\n---\nText");
    expect(data).toEqual({ title: "A", tags: ["x", "y"], featured: true });
    expect(body).toBe("Text");
    expect(parseFrontMatter("No front matter").data).toEqual({});
    expect(() => parseFrontMatter("---\ntitle: [unclosed\n---\n")).toThrow(/front matter is not valid YAML/);
  });
});
