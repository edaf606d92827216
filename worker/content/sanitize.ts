import { decodeReferences } from "./character-references";

/**
 * An allowlist sanitizer for editors' HTML, on the runtime's own HTML parser
 * (HTMLRewriter). The parser only reads: the output is written afresh from
 * what it reports, so nothing the parser passes through untouched (a tag cut
 * off at the end, a stray end tag, text joined up around a removed element)
 * can reach the page. What is not allowed is dropped: dangerous elements with
 * their content, other unknown elements keeping their text, and every
 * attribute and URL not on the list. Tags are closed where a browser would
 * close them, so a browser builds the same tree and nothing reaches into the
 * markup around the fragment. From the same tree it writes the fragment's
 * plain text, which is what search indexes.
 */

/** Elements kept, with the attributes each may carry; `h1` is kept as `h2`. */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  p: [],
  br: [],
  hr: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  ul: [],
  ol: [],
  li: [],
  blockquote: [],
  a: ["href", "title"],
  img: ["src", "alt", "title", "width", "height"],
  table: [],
  thead: [],
  tbody: [],
  tfoot: [],
  tr: [],
  th: ["colspan", "rowspan", "scope"],
  td: ["colspan", "rowspan"],
  caption: [],
  strong: [],
  b: [],
  em: [],
  i: [],
  u: [],
  s: [],
  code: [],
  pre: [],
  sub: [],
  sup: [],
  figure: [],
  figcaption: [],
};

/** Elements removed with everything inside them: code, embedded content, forms, document parts. */
export const REMOVED_WITH_CONTENT: ReadonlySet<string> = new Set([
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "param",
  "form",
  "input",
  "button",
  "select",
  "option",
  "optgroup",
  "datalist",
  "textarea",
  "output",
  "keygen",
  "svg",
  "math",
  "template",
  "noscript",
  "noembed",
  "noframes",
  "xmp",
  "plaintext",
  "base",
  "link",
  "meta",
  "title",
  "head",
  "video",
  "audio",
  "source",
  "track",
  "canvas",
  "portal",
  "fencedframe",
  "slot",
  "dialog",
  "xml",
  "bgsound",
  "isindex",
]);

// Far deeper than any article needs; the cap bounds the work each tag costs.
const MAX_DEPTH = 100;
const HTML_NAMESPACE = "http://www.w3.org/1999/xhtml";
const VOID = new Set(["br", "hr", "img"]);
// Their text runs on into the text around them (`<strong>for</strong>ty` is
// "forty"); every other element is a boundary between words.
const INLINE = new Set(["a", "b", "code", "em", "i", "s", "strong", "sub", "sup", "u"]);
const HEADINGS = new Set(["h2", "h3", "h4", "h5", "h6"]);
const SECTIONS = new Set(["thead", "tbody", "tfoot"]);
const TABLE_PARTS = new Set(["caption", "thead", "tbody", "tfoot", "tr", "td", "th"]);
// The innermost of these tells how a browser reads what follows inside a table;
// outside cells (and captions) only table parts belong.
const TABLE_MODES = new Set(["td", "th", "caption", "tr", "thead", "tbody", "tfoot", "table"]);
const OUTSIDE_CELLS = new Set(["table", "thead", "tbody", "tfoot", "tr"]);
// WHATWG "in body": start tags that close an open <p>, and where the search for it stops.
const CLOSES_P = new Set([
  "p",
  "ul",
  "ol",
  "li",
  "blockquote",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "pre",
  "hr",
  "table",
  "figure",
  "figcaption",
]);
const BUTTON_SCOPE = new Set(["table", "td", "th", "caption"]);
// A new <li> closes an earlier one only across elements that are not "special" (p aside).
const SPECIAL = new Set([...CLOSES_P, ...TABLE_PARTS].filter((tag) => tag !== "p"));
// Cells and captions start a fresh list of formatting elements, so an <a> outside does not count.
const FORMATTING_MARKERS = new Set(["td", "th", "caption"]);

const NUMBER = /^\d{1,4}$/;
const SCOPE = /^(?:row|col|rowgroup|colgroup)$/i;
// Browsers skip whitespace and control characters inside a URL, and a backslash
// stands for a slash; a URL that needs them is never needed, so it is refused.
const PLAIN_URL = /^[^\p{Cc}\s\\]+$/u;
const ABSOLUTE = /^(?:https?:|\/\/)/i;

/**
 * Whether a link target is safe. Only what precedes the first `/`, `?` or `#`
 * can name a scheme; it must hold no character reference (`&#106;`,
 * `&colon;` could spell `javascript:` once decoded), and a scheme there must
 * be one we trust.
 */
function safeHref(value: string): boolean {
  if (!PLAIN_URL.test(value)) return false;
  const head = value.split(/[/?#]/, 1)[0];
  if (head.includes("&")) return false;
  return !head.includes(":") || /^(?:https?:\/\/|mailto:|tel:)/i.test(value);
}

/** Images come only from the web or from this site. */
function safeSrc(value: string): boolean {
  return PLAIN_URL.test(value) && /^(?:https?:\/\/|\/)/i.test(value);
}

function keepAttribute(name: string, value: string): boolean {
  if (name === "href") return safeHref(value);
  if (name === "src") return safeSrc(value);
  if (name === "width" || name === "height" || name === "colspan" || name === "rowspan") {
    return NUMBER.test(value);
  }
  if (name === "scope") return SCOPE.test(value);
  return true;
}

/**
 * A value as written (character references included), which a browser reads
 * the same in double quotes once the quote is escaped. `<` and `>` are
 * escaped too, so that in stored HTML every `<` starts a tag and every `>`
 * ends one: a page can then find its first image in one linear scan.
 */
function escapeAttribute(value: string): string {
  return value.replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** The allowed attributes of a kept element, written in double quotes. */
function attributesOf(tag: string, element: Element): string {
  const seen = new Set<string>();
  let written = "";
  for (const [name, value] of element.attributes) {
    // A browser keeps the first of repeated attributes and ignores the rest.
    if (seen.has(name)) continue;
    seen.add(name);
    if (!ALLOWED[tag].includes(name) || !keepAttribute(name, value)) continue;
    written += ` ${name}="${escapeAttribute(value)}"`;
    if (tag === "a" && name === "href" && ABSOLUTE.test(value)) {
      written += ' rel="noopener noreferrer nofollow"';
    }
  }
  return written;
}

/** Text as written, but a `<` or `>` can never start or end a tag. */
function escapeText(text: string): string {
  return text.replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * An element of the sanitized fragment: its tag, its attributes as written,
 * and its content (text as written, character references included).
 */
interface Node {
  tag: string;
  attributes: string;
  children: (Node | string)[];
}

/** A sanitized body: the HTML to store and show, and its plain text for search. */
export interface SanitizedBody {
  html: string;
  text: string;
}

/**
 * The sanitized fragment written out in one walk: as HTML, and as the plain
 * text a reader sees, with a line break at the edges of each block.
 */
class Output {
  private readonly html: string[] = [];
  private readonly text: string[] = [];

  write(nodes: (Node | string)[]): this {
    for (const node of nodes) {
      if (typeof node === "string") {
        this.html.push(escapeText(node));
        this.text.push(decodeReferences(node));
        continue;
      }
      const block = !INLINE.has(node.tag);
      this.html.push(`<${node.tag}${node.attributes}>`);
      if (block) this.breakLine();
      if (VOID.has(node.tag)) continue;
      this.write(node.children);
      this.html.push(`</${node.tag}>`);
      if (block) this.breakLine();
    }
    return this;
  }

  finish(): SanitizedBody {
    return { html: this.html.join(""), text: this.text.join("").trim() };
  }

  // The words on either side of a block's edge stay apart; one break is enough.
  private breakLine(): void {
    if (this.text.length > 0 && this.text.at(-1) !== "\n") this.text.push("\n");
  }
}

/**
 * The sanitized fragment as a browser's tree builder would build it (WHATWG
 * "in body" and "in table" rules, for the allowed elements only): it closes
 * what a browser closes on its own and adds the `tbody` and `tr` a browser
 * adds. Written out with every end tag, it reads back as the same tree.
 */
class Fragment {
  private readonly root: Node = { tag: "", attributes: "", children: [] };
  private readonly open: Node[] = [];
  // Text waits for the next tag, to be placed as one run, as a browser places it.
  private text = "";

  /** Opens `tag` where a browser would put it; undefined when it is void or left out. */
  start(tag: string, attributes: string): Node | undefined {
    this.flushText();
    // Deeper elements keep their content without their tags, which bounds the work per tag.
    if (this.open.length >= MAX_DEPTH && !VOID.has(tag)) return undefined;
    if (TABLE_PARTS.has(tag)) {
      if (!this.placeInTable(tag)) return undefined;
    } else if (tag === "li" && this.find((open) => open === "ul" || open === "ol") === -1) {
      // Outside a list a browser would look for an <li> to close in the page around the fragment.
      return undefined;
    } else {
      if (tag !== "table") this.enterCell();
      this.closeImplied(tag);
    }
    return this.insert(tag, attributes);
  }

  /** Closes `node` and whatever is still open inside it. */
  end(node: Node): void {
    this.flushText();
    const index = this.open.lastIndexOf(node);
    if (index !== -1) this.open.length = index;
  }

  addText(text: string): void {
    this.text += text;
  }

  finish(): SanitizedBody {
    this.flushText();
    return new Output().write(this.root.children).finish();
  }

  private flushText(): void {
    if (this.text === "") return;
    const text = this.text;
    this.text = "";
    // Whitespace may sit between rows; other text needs a cell.
    if (/[^\t\n\f\r ]/.test(text)) this.enterCell();
    this.current().children.push(text);
  }

  private current(): Node {
    return this.open.at(-1) ?? this.root;
  }

  private insert(tag: string, attributes = ""): Node | undefined {
    const node: Node = { tag, attributes, children: [] };
    this.current().children.push(node);
    if (VOID.has(tag)) return undefined;
    this.open.push(node);
    return node;
  }

  /**
   * Content inside a table but outside any cell: a browser would move it out
   * in front of the table, where it would read differently once written
   * out, so it gets a cell of its own instead.
   */
  private enterCell(): void {
    if (!OUTSIDE_CELLS.has(this.current().tag)) return;
    this.placeInTable("td");
    this.insert("td");
  }

  private closeFrom(index: number): void {
    this.open.length = Math.min(this.open.length, index);
  }

  /** The index of the innermost open element `matches` accepts, searching no further than `stop`. */
  private find(matches: (tag: string) => boolean, stop: (tag: string) => boolean = () => false): number {
    for (let index = this.open.length - 1; index >= 0; index--) {
      const tag = this.open[index].tag;
      if (matches(tag)) return index;
      if (stop(tag)) return -1;
    }
    return -1;
  }

  /** What a browser closes before it opens `tag` ("in body", and `<table>` "in table"). */
  private closeImplied(tag: string): void {
    if (tag === "table") {
      const mode = this.find((open) => TABLE_MODES.has(open));
      if (mode !== -1 && OUTSIDE_CELLS.has(this.open[mode].tag)) {
        this.closeFrom(this.find((open) => open === "table"));
      }
    }
    if (tag === "li") {
      const li = this.find(
        (open) => open === "li",
        (open) => SPECIAL.has(open),
      );
      if (li !== -1) this.closeFrom(li);
    }
    if (CLOSES_P.has(tag)) {
      const p = this.find(
        (open) => open === "p",
        (open) => BUTTON_SCOPE.has(open),
      );
      if (p !== -1) this.closeFrom(p);
    }
    const current = this.open.length - 1;
    if (HEADINGS.has(tag) && HEADINGS.has(this.open[current]?.tag)) this.closeFrom(current);
    if (tag === "a") {
      const a = this.find(
        (open) => open === "a",
        (open) => FORMATTING_MARKERS.has(open),
      );
      if (a !== -1) this.closeFrom(a);
    }
  }

  /**
   * Makes room for a table part in the innermost open table, adding the
   * `tbody` and `tr` a browser would add. Outside a table a browser ignores
   * these tags, and so does this: their content is kept without them.
   */
  private placeInTable(tag: string): boolean {
    const table = this.find((open) => open === "table");
    if (table === -1) return false;
    if (tag === "caption" || SECTIONS.has(tag)) {
      this.closeFrom(table + 1);
      return true;
    }
    const section = table + 1;
    if (!SECTIONS.has(this.open[section]?.tag)) {
      this.closeFrom(table + 1);
      this.insert("tbody");
    }
    if (tag === "tr") {
      this.closeFrom(section + 1);
      return true;
    }
    const row = section + 1;
    if (this.open[row]?.tag === "tr") {
      this.closeFrom(row + 1);
    } else {
      this.closeFrom(section + 1);
      this.insert("tr");
    }
    return true;
  }
}

/**
 * The streaming parser gives up on some markup no editor means to send: ten
 * thousand elements left open inside one another, or a `<style>` or
 * `<textarea>` inside `<select>`, `<frameset>`, SVG or MathML, where it cannot
 * tell text from markup. Nothing is stored then; the editor is told why.
 */
export class UnreadableHtml extends Error {}

function unreadable(error: unknown): UnreadableHtml {
  const message = String((error as Error)?.message ?? error);
  const tag = /text content tag \(`(<\w+>)`\)/.exec(message)?.[1];
  const reason = /memory limit/i.test(message)
    ? "elements are nested too deeply."
    : tag
      ? `${tag} sits where browsers disagree on whether it starts text or markup (as inside <select>); remove it.`
      : message.replace(/^Parser error: /, "").split(/(?<=\.)\s/, 1)[0];
  return new UnreadableHtml(`could not be sanitized: ${reason}`);
}

type Handling = "keep" | "unwrap" | "remove";

function handlingOf(element: Element, tag: string): Handling {
  if (element.namespaceURI !== HTML_NAMESPACE || REMOVED_WITH_CONTENT.has(tag)) return "remove";
  // Own keys only: `<constructor>` must not find Object.prototype's.
  return Object.hasOwn(ALLOWED, tag) ? "keep" : "unwrap";
}

/** An element the parser has open, as it reports them. */
interface Parsed {
  handling: Handling;
  node: Node | undefined;
}

/**
 * Editors' HTML made safe to store and show, with its plain text. The HTML
 * is balanced and meant to sit inside a block container such as `<div>` or
 * `<article>`; the text is what a reader sees of it, blocks on lines of
 * their own.
 * @example await sanitizeBody("<p>Fish &amp; chips</p><p>Peas</p>") // { html: "<p>Fish &amp; chips</p><p>Peas</p>", text: "Fish & chips\nPeas" }
 */
export async function sanitizeBody(html: string): Promise<SanitizedBody> {
  const fragment = new Fragment();
  const parsed: Parsed[] = [];
  let removing = 0;

  // The parser reports the end of an element, or of several at once when an
  // end tag closes them together; a removed element hides all it contains.
  function close(entry: Parsed): void {
    if (parsed.lastIndexOf(entry) === -1) return;
    while (parsed.length > 0) {
      const last = parsed.pop() as Parsed;
      if (last.handling === "remove") removing--;
      if (last.node) fragment.end(last.node);
      if (last === entry) return;
    }
  }

  const reader = new HTMLRewriter()
    .on("*", {
      element(element) {
        const tag = element.tagName.toLowerCase();
        const name = tag === "h1" ? "h2" : tag;
        const handling = handlingOf(element, name);
        const entry: Parsed = { handling, node: undefined };
        if (removing === 0 && handling === "keep") {
          entry.node = fragment.start(name, attributesOf(name, element));
        }
        try {
          element.onEndTag(() => close(entry));
        } catch {
          // A void element (`<img>`, `<br/>` in SVG) has no end tag and no content.
          return;
        }
        parsed.push(entry);
        if (handling === "remove") removing++;
      },
    })
    .onDocument({
      text(chunk) {
        if (removing === 0) fragment.addText(chunk.text);
      },
    });
  try {
    // Only the handlers matter: comments, doctypes and anything else unreported are left out.
    await reader
      .transform(new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } }))
      .arrayBuffer();
  } catch (error) {
    throw unreadable(error);
  }
  return fragment.finish();
}

/**
 * Editors' HTML made safe to show, when its text is not needed.
 * @example await sanitizeHtml('<p onclick="x()">Hi<script>x()</script>') // "<p>Hi</p>"
 */
export async function sanitizeHtml(html: string): Promise<string> {
  return (await sanitizeBody(html)).html;
}
