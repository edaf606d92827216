/**
 * An allowlist sanitizer for editors' HTML, on the runtime's own HTML parser
 * (HTMLRewriter). What is not allowed is dropped: dangerous elements with
 * their content, other unknown elements keeping their text, and every
 * attribute and URL not on the list.
 */

/** Elements kept, with the attributes each may carry. */
export const ALLOWED: Record<string, readonly string[]> = {
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

/** Elements removed with everything inside them. */
const DROPPED = new Set([
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "form",
  "input",
  "button",
  "select",
  "option",
  "textarea",
  "svg",
  "math",
  "template",
  "noscript",
  "noembed",
  "noframes",
  "base",
  "link",
  "meta",
  "title",
  "head",
  "xmp",
  "plaintext",
  "video",
  "audio",
  "source",
  "track",
  "canvas",
  "portal",
  "slot",
  "dialog",
  "xml",
]);

// A link's raw value must start with a scheme we trust, or be plainly relative;
// an entity or a control character can never hide a scheme in front of that check.
const SAFE_HREF = /^(?:https?:\/\/|mailto:|tel:|\/|#|\.{1,2}\/|[\w.-]+(?:[/?#]|$))[^\s"'<>`\\]*$/i;
const SAFE_SRC = /^(?:https?:\/\/|\/)[^\s"'<>`\\]*$/i;
const HAS_SCHEME = /^[\w+.-]+:/;
const NUMBER = /^\d{1,4}$/;

function safeUrl(name: string, value: string): boolean {
  if (name === "src") return SAFE_SRC.test(value);
  if (!SAFE_HREF.test(value) || value.includes("&#") || /&[a-z]+;?:/i.test(value)) return false;
  return !HAS_SCHEME.test(value) || /^(?:https?|mailto|tel):/i.test(value);
}

function keepAttribute(name: string, value: string): boolean {
  if (name === "href" || name === "src") return safeUrl(name, value);
  if (name === "width" || name === "height" || name === "colspan" || name === "rowspan")
    return NUMBER.test(value);
  if (name === "scope") return /^(?:row|col|rowgroup|colgroup)$/.test(value);
  return true;
}

function clean(element: Element): void {
  const tag = element.tagName.toLowerCase();
  if (DROPPED.has(tag)) {
    element.remove();
    return;
  }
  const name = tag === "h1" ? "h2" : tag;
  const allowed = ALLOWED[name];
  if (!allowed) {
    element.removeAndKeepContent();
    return;
  }
  if (name !== tag) element.tagName = name;
  for (const [attribute, value] of [...element.attributes]) {
    if (!allowed.includes(attribute) || !keepAttribute(attribute, value)) element.removeAttribute(attribute);
  }
  if (name === "a" && /^https?:/i.test(element.getAttribute("href") ?? "")) {
    element.setAttribute("rel", "noopener noreferrer nofollow");
  }
}

/**
 * Editors' HTML made safe to store and show.
 * @example await sanitizeHtml('<p onclick="x()">Hi<script>x()</script></p>') // "<p>Hi</p>"
 */
export async function sanitizeHtml(html: string): Promise<string> {
  const rewritten = new HTMLRewriter()
    .on("*", { element: clean })
    .onDocument({
      comments(comment) {
        comment.remove();
      },
    })
    .transform(new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } }));
  return closeDanglingTag(await rewritten.text());
}

/**
 * The parser passes a tag cut off at the end (`<script`) through as text;
 * inside a page it would swallow the markup that follows, so it is escaped.
 */
function closeDanglingTag(html: string): string {
  const open = html.lastIndexOf("<");
  return open !== -1 && !html.includes(">", open)
    ? `${html.slice(0, open)}&lt;${html.slice(open + 1)}`
    : html;
}
