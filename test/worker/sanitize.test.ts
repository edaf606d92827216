import { describe, expect, it } from "vitest";
import { decodeReferences } from "../../worker/content/character-references";
import { ALLOWED, sanitizeBody, sanitizeHtml, UnreadableHtml } from "../../worker/content/sanitize";
import { XSS_VECTORS } from "../support/xss-vectors";

const VOID = new Set(["br", "hr", "img"]);
const REL = "noopener noreferrer nofollow";

interface Tag {
  name: string;
  attributes: string[][];
  /** The end tag that closed it; another element's means the parser closed it on its own. */
  closedBy?: string;
}

/** The tags of `html` as the runtime's HTML parser reads them, and how many comments and doctypes it saw. */
async function parse(html: string): Promise<{ tags: Tag[]; comments: number }> {
  const tags: Tag[] = [];
  let comments = 0;
  await new HTMLRewriter()
    .on("*", {
      element(element) {
        const tag: Tag = { name: element.tagName.toLowerCase(), attributes: [...element.attributes] };
        tags.push(tag);
        try {
          element.onEndTag((end) => {
            tag.closedBy = end.name.toLowerCase();
          });
        } catch {
          // A void element has no end tag.
        }
      },
    })
    .onDocument({
      comments() {
        comments++;
      },
      doctype() {
        comments++;
      },
    })
    .transform(new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } }))
    .arrayBuffer();
  return { tags, comments };
}

const NAMED: Record<string, string> = { colon: ":", Tab: "\t", NewLine: "\n", amp: "&", sol: "/" };

/**
 * The scheme a browser would read in a URL attribute: character references
 * decoded, leading controls and spaces trimmed, tabs and newlines removed.
 * A reference left undecoded before the path would be a failure of this test
 * to read it, so it counts as a scheme of its own.
 */
function schemeOf(value: string): string | undefined {
  const char = (code: number) => (code > 0x10ffff ? "\uFFFD" : String.fromCodePoint(code));
  const decoded = value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex) => char(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, decimal) => char(Number(decimal)))
    .replace(/&([a-z]+);/gi, (whole, name) => NAMED[name] ?? whole)
    .replace(/^[\p{Cc} ]+|[\p{Cc} ]+$/gu, "")
    .replace(/[\t\n\r]/g, "");
  const head = decoded.split(/[/?#]/, 1)[0];
  if (head.includes("&")) return "undecoded";
  return /^([a-z][a-z0-9+.-]*):/i.exec(head)?.[1].toLowerCase();
}

/** The text of `html` as the runtime's HTML parser reads it, character references decoded, without whitespace. */
async function textOf(html: string): Promise<string> {
  const nodes: string[] = [];
  let node = "";
  await new HTMLRewriter()
    .onDocument({
      text(chunk) {
        node += chunk.text;
        if (!chunk.lastInTextNode) return;
        nodes.push(decodeReferences(node));
        node = "";
      },
    })
    .transform(new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } }))
    .arrayBuffer();
  return nodes.join("").replace(/\s/g, "");
}

/** Everything the output of the sanitizer must satisfy, whatever went in. */
async function expectSafe(clean: string): Promise<void> {
  // Inside a page, as it will be shown: it must close all it opens and nothing around it.
  const { tags, comments } = await parse(`<article>${clean}</article><footer>after</footer>`);
  expect(comments, clean).toBe(0);
  expect(tags.at(0)?.closedBy, clean).toBe("article");
  expect(tags.at(-1), clean).toEqual({ name: "footer", attributes: [], closedBy: "footer" });
  for (const tag of tags.slice(1, -1)) {
    expect(Object.keys(ALLOWED), clean).toContain(tag.name);
    expect(tag.closedBy, `<${tag.name}> closed in ${clean}`).toBe(VOID.has(tag.name) ? undefined : tag.name);
    const names = tag.attributes.map(([name]) => name);
    expect(new Set(names).size, `repeated attribute in ${clean}`).toBe(names.length);
    for (const [name, value] of tag.attributes) {
      if (tag.name === "a" && name === "rel") {
        expect(value).toBe(REL);
        continue;
      }
      expect(ALLOWED[tag.name], `${tag.name}[${name}] in ${clean}`).toContain(name);
      if (name === "href") {
        expect([undefined, "http", "https", "mailto", "tel"], `${name}=${value}`).toContain(schemeOf(value));
      }
      if (name === "src") {
        expect(value).toMatch(/^(?:https?:\/\/|\/)/i);
        expect([undefined, "http", "https"], `${name}=${value}`).toContain(schemeOf(value));
      }
    }
  }
  const again = await sanitizeBody(clean);
  expect(again.html, "sanitizing again changes nothing").toBe(clean);
  // The text for search holds what the HTML shows, and nothing of its markup.
  expect(again.text.replace(/\s/g, ""), `the text of ${clean}`).toBe(await textOf(clean));
}

describe("sanitizeHtml against XSS vectors", () => {
  it("has a good number of vectors", () => {
    expect(new Set(XSS_VECTORS).size).toBe(XSS_VECTORS.length);
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(XSS_VECTORS)("makes %s harmless", async (vector) => {
    await expectSafe(await sanitizeHtml(vector));
  });

  it("leaves removed markup's neighbours as text, never as a tag", async () => {
    expect(await sanitizeHtml("<<script></script>img src=x onerror=alert(1)>")).toBe(
      "&lt;img src=x onerror=alert(1)&gt;",
    );
    expect(await sanitizeHtml("a<!--x-->b<script>c</script>d")).toBe("abd");
    expect(await sanitizeHtml("<p>x</p><img src=x onerror=alert(1)")).toBe("<p>x</p>");
  });

  it("drops an unsafe URL but keeps the link's text", async () => {
    expect(await sanitizeHtml('<a href="javascript&colon;alert(1)" title="t">text</a>')).toBe(
      '<a title="t">text</a>',
    );
    expect(await sanitizeHtml('<img src="http://ok.example/a.png" alt="A" onerror="x()">')).toBe(
      '<img src="http://ok.example/a.png" alt="A">',
    );
  });

  it("reads a repeated attribute as a browser does: the first counts", async () => {
    expect(await sanitizeHtml('<a href="javascript:alert(1)" href="https://ok.example/">x</a>')).toBe(
      "<a>x</a>",
    );
  });

  it("writes attributes in double quotes whatever quotes they came in", async () => {
    expect(await sanitizeHtml(`<a title='say "hi"' href=/a?b=1&amp;c=2>x</a>`)).toBe(
      '<a title="say &quot;hi&quot;" href="/a?b=1&amp;c=2">x</a>',
    );
  });

  it("does not trip over tag names that are also object properties", async () => {
    expect(await sanitizeHtml("<constructor>a</constructor><__proto__>b<hasOwnProperty>c")).toBe(
      "a&lt;__proto__&gt;bc",
    );
  });

  it("refuses, with the reason, markup the parser cannot follow", async () => {
    await expect(sanitizeHtml("<b>".repeat(30_000))).rejects.toThrow(
      new UnreadableHtml("could not be sanitized: elements are nested too deeply."),
    );
    await expect(sanitizeHtml("<select><style>p{}</style></select>")).rejects.toThrow(
      /^could not be sanitized: <style> sits where browsers disagree/,
    );
  });
});

describe("sanitizeHtml on good content", () => {
  it("keeps headings, lists, quotes, links, images, tables and emphasis", async () => {
    const html = [
      "<h1>Title</h1><h3>Part</h3>",
      "<p>Text with <strong>strong</strong>, <b>b</b>, <em>em</em>, <i>i</i>, <u>u</u>, <s>s</s>,",
      " <code>code</code>, H<sub>2</sub>O and x<sup>2</sup>.<br>Next line.</p><hr>",
      "<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>",
      "<blockquote><p>Said &amp; done &lt;here&gt; &copy; 2020</p></blockquote>",
      '<p><a href="https://ok.example/a?b=1&amp;c=2" title="T">abs</a> <a href="/local">local</a>',
      ' <a href="#part">anchor</a> <a href="page.html">relative</a> <a href="mailto:a@ok.example">mail</a>',
      ' <a href="tel:+441234567890">phone</a> <a href="//cdn.ok.example/x">protocol-relative</a></p>',
      '<figure><img src="https://img.example/a.png" alt="A" title="T" width="10" height="20">',
      "<figcaption>Caption</figcaption></figure>",
      '<table><caption>C</caption><thead><tr><th scope="col">H</th></tr></thead>',
      '<tbody><tr><td colspan="2" rowspan="1">D</td></tr></tbody><tfoot><tr><td>F</td></tr></tfoot></table>',
      "<pre><code>let x = 1 &lt; 2;</code></pre>",
    ].join("");
    const clean = await sanitizeHtml(html);
    expect(clean).toBe(
      html
        .replace("<h1>Title</h1>", "<h2>Title</h2>")
        .replace('c=2" title="T">', `c=2" rel="${REL}" title="T">`)
        .replace('x">protocol', `x" rel="${REL}">protocol`),
    );
    await expectSafe(clean);
  });

  it("turns h1 into h2 and keeps text and entities as written", async () => {
    expect(await sanitizeHtml("<h1 id=top>Fish &amp; chips &lt; 5 &pound;</h1>")).toBe(
      "<h2>Fish &amp; chips &lt; 5 &pound;</h2>",
    );
    expect(await sanitizeHtml("1 < 2 > 0 & so on")).toBe("1 &lt; 2 &gt; 0 & so on");
  });

  it("adds rel only to absolute links", async () => {
    const clean = await sanitizeHtml(
      '<a href="HTTPS://ok.example/">a</a><a href="/b">b</a><a href="mailto:x@ok.example">c</a>',
    );
    expect(clean).toBe(
      `<a href="HTTPS://ok.example/" rel="${REL}">a</a><a href="/b">b</a><a href="mailto:x@ok.example">c</a>`,
    );
  });

  it("unwraps unknown elements and drops unknown attributes", async () => {
    expect(
      await sanitizeHtml('<div class="x"><span style="color:red">Hi</span> <font>there</font></div>'),
    ).toBe("Hi there");
    expect(await sanitizeHtml('<td colspan="2">cell outside a table</td>')).toBe("cell outside a table");
    // An <li> outside a list would close one in the page around the fragment.
    expect(await sanitizeHtml("<li>item outside a list</li>")).toBe("item outside a list");
  });

  it("closes what is left open and drops stray end tags, as a browser would read them", async () => {
    expect(await sanitizeHtml("<ul><li>a<li>b")).toBe("<ul><li>a</li><li>b</li></ul>");
    expect(await sanitizeHtml("<p>a<p>b</div></article>")).toBe("<p>a</p><p>b</p>");
    expect(await sanitizeHtml("<p>a<ul><li>b</ul>c</p>")).toBe("<p>a</p><ul><li>b</li></ul>c");
    expect(await sanitizeHtml("<h2>a<h3>b")).toBe("<h2>a</h2><h3>b</h3>");
    expect(await sanitizeHtml("<a href=/1>x<a href=/2>y</a>")).toBe('<a href="/1">x</a><a href="/2">y</a>');
    expect(await sanitizeHtml("<table><tr><td>a<td>b<tr><th>c")).toBe(
      "<table><tbody><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></tbody></table>",
    );
  });

  it("gives content loose in a table a cell, where a browser would move it before the table", async () => {
    expect(await sanitizeHtml("<table>\n<tr><td>a</td></tr>b<tr><td>c</td></tr></table>")).toBe(
      "<table>\n<tbody><tr><td>a</td></tr><tr><td>b</td></tr><tr><td>c</td></tr></tbody></table>",
    );
    expect(await sanitizeHtml("<h2>x<table><p>y</p></table>")).toBe(
      "<h2>x<table><tbody><tr><td><p>y</p></td></tr></tbody></table></h2>",
    );
  });
});

describe("sanitizeBody's text, what search indexes", () => {
  const textOfBody = async (html: string) => (await sanitizeBody(html)).text;

  it("is what a reader sees, blocks on lines of their own, inline elements within the words", async () => {
    expect(await textOfBody("<p>First</p><p>Second</p><ul><li>one<li>two</ul><h2>Next</h2>")).toBe(
      "First\nSecond\none\ntwo\nNext",
    );
    expect(await textOfBody("<p>Line<br>break</p><table><tr><td>cell<td>by<th>cell</table>")).toBe(
      "Line\nbreak\ncell\nby\ncell",
    );
    expect(await textOfBody("<p><strong>for</strong>ty <a href=/x>lin</a>ks, H<sub>2</sub>O</p>")).toBe(
      "forty links, H2O",
    );
  });

  it("holds no markup: no attribute, no removed element, no comment", async () => {
    expect(
      await textOfBody(
        '<p><a href="/fund" title="1 > hidden < 2">Give</a><img src="/a.png" alt="picture"> now' +
          "<script>steal()</script><style>p{}</style><!-- note --></p>",
      ),
    ).toBe("Give\n now");
  });

  it("decodes character references, numeric and named, as a browser does", async () => {
    expect(await textOfBody("<p>Fish &amp; chips &lt; 5&nbsp;&pound; at the caf&eacute;</p>")).toBe(
      "Fish & chips < 5\u00a0£ at the café",
    );
    expect(await textOfBody("&#1055;&#x440;&#X438;&#1074;&#1077;&#x442; &#150; &#0; &#x110000; &#65")).toBe(
      "Привет – \uFFFD \uFFFD A",
    );
    // Written as text, it is text: one decoding only.
    expect(await textOfBody("&amp;lt;b&amp;gt;")).toBe("&lt;b&gt;");
    // Names HTML 4 does not have, and a named reference without its semicolon, stay as written.
    expect(await textOfBody("&NotNestedLessLess; &bogus; AT&ampT")).toBe(
      "&NotNestedLessLess; &bogus; AT&ampT",
    );
  });

  it("takes time in proportion to the text, however the references are written", async () => {
    const digits = `&#${"9".repeat(200_000)};`;
    const letters = `&${"a".repeat(200_000)}`;
    const ampersands = "&#".repeat(100_000);
    const { text } = await sanitizeBody(`<p>${digits}</p><p>${letters}</p><p>${ampersands}</p>`);
    expect(text).toBe(`\uFFFD\n${letters}\n${ampersands}`);
  });
});
