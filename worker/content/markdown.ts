import { CORE_SCHEMA, loadAll, YAMLException } from "js-yaml";
import MarkdownIt from "markdown-it";

/**
 * Quotes and lists nest at most this many levels (a list level counts two:
 * the list and its item). Far deeper than any article needs; past it the
 * parser would silently drop the rest of the body, so it is refused instead.
 */
export const MAX_MARKDOWN_NESTING = 32;

/**
 * The tags rendered Markdown may hold: about what 500,000 characters of HTML
 * can (`<i></i>`), while `*a*` repeated would make three times as many. The
 * sanitizer's work grows with the tags, so this bounds it as for HTML bodies.
 * A 500,000-character table makes some 70,000.
 */
export const MAX_MARKDOWN_TAGS = 100_000;

/** A body the Markdown parser cannot render whole; the editor is told why. */
export class UnrenderableMarkdown extends Error {}

// markdown-it parses in time linear in the input (marked took 23 s on 100 KB
// of `_a` and overflowed the stack on 3,000 `>`). Its inline nesting cap also
// bounds how far each `[` looks for its label, so it stays small. Raw HTML
// passes through on purpose: every caller sanitizes the result.
const markdown = new MarkdownIt({ html: true, linkify: true, maxNesting: MAX_MARKDOWN_NESTING + 1 });

// Each quote or list item tokenizes its content through here: a block nested
// too deeply is refused on entry, before markdown-it's own cap would drop it unsaid.
const tokenize = markdown.block.tokenize.bind(markdown.block);
markdown.block.tokenize = (state, startLine, endLine) => {
  if (state.level > MAX_MARKDOWN_NESTING) {
    throw new UnrenderableMarkdown(
      `could not be rendered: quotes and lists nest more than ${MAX_MARKDOWN_NESTING} levels deep (a list level counts two).`,
    );
  }
  tokenize(state, startLine, endLine);
};

/** How many tags `html` holds: markdown-it writes every `<` of text as `&lt;`. */
function tagsIn(html: string): number {
  let count = 0;
  for (let at = html.indexOf("<"); at !== -1; at = html.indexOf("<", at + 1)) count++;
  return count;
}

/**
 * Markdown to HTML, GitHub-flavoured (tables, strikethrough, bare links).
 * Not safe alone: pass the result through `sanitizeBody` before storing it.
 * Throws `UnrenderableMarkdown` for a body nested too deeply or making too many tags.
 * @example renderMarkdown("**Hello**") // "<p><strong>Hello</strong></p>\n"
 */
export function renderMarkdown(text: string): string {
  const html = markdown.render(text);
  if (tagsIn(html) > MAX_MARKDOWN_TAGS) {
    throw new UnrenderableMarkdown(
      `could not be rendered: it makes more than ${MAX_MARKDOWN_TAGS.toLocaleString("en")} HTML tags (each paragraph, emphasis, link or table cell takes two).`,
    );
  }
  return html;
}

// The opening line, the YAML (possibly empty), the closing line; a byte order mark may come first.
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;
const OPENING = /^\uFEFF?---[ \t]*\r?\n/;

/** Where in the file a YAML error is, as "line 3 (`tags: [a`)", for a message an editor can act on. */
function placeOf(text: string, yamlStart: number, error: unknown): string {
  const position = error instanceof YAMLException ? error.mark?.position : undefined;
  if (position === undefined || position < 0) return "";
  const offset = Math.min(yamlStart + position, text.length);
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const lineEnd = text.indexOf("\n", offset);
  const line = text.slice(0, offset).split("\n").length;
  const source = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).trim();
  return ` at line ${line}${source ? ` (\`${source.slice(0, 80)}\`)` : ""}`;
}

// A publication's fields take a few kilobytes of YAML even with every
// character escaped; the body goes below the closing line.
const MAX_FRONT_MATTER = 32 * 1024;
// YAML is composed recursively: some two thousand nested `[` overflow the
// stack, and unwinding it takes seconds. Fields nest two levels at most.
const MAX_FRONT_MATTER_NESTING = 32;

// The core schema reads YAML 1.2 as written (a date stays a string). An alias
// repeats a node without its size showing in the text, so a few lines could
// expand past any bound when the fields are read; a publication's fields need none.
const YAML_OPTIONS = { schema: CORE_SCHEMA, maxAliases: 0 };

/**
 * How deeply `yaml` can nest, told in one pass without parsing: a nested
 * block sits further right or after one more `- `, `? ` or `: ` (a list may
 * also start under its key), so a line's leading run of those bounds its
 * block levels to within a factor of two; the flow brackets still open add
 * theirs. Rough, but far below where the parser's stack runs out.
 */
function nestingBound(yaml: string): number {
  let bound = 0;
  let open = 0;
  for (const line of yaml.split("\n")) {
    const indent = /^[\s?:-]*/.exec(line)?.[0].length ?? 0;
    for (const char of line) {
      if (char === "[" || char === "{") open++;
      else if ((char === "]" || char === "}") && open > 0) open--;
      bound = Math.max(bound, indent + open);
    }
  }
  return bound;
}

/** Refuses front matter that would take the YAML parser long, before it starts. */
function assertBounded(yaml: string): void {
  if (yaml.length > MAX_FRONT_MATTER) {
    throw new Error(
      `The front matter is invalid: it is longer than ${MAX_FRONT_MATTER.toLocaleString("en")} characters; the body goes after its closing \`---\` line.`,
    );
  }
  if (nestingBound(yaml) > MAX_FRONT_MATTER_NESTING) {
    throw new Error(
      `The front matter is invalid: it nests or indents more than ${MAX_FRONT_MATTER_NESTING} levels deep.`,
    );
  }
}

/**
 * Splits a Markdown file into its YAML front matter and its body. A file that
 * does not start with a `---` line has none. YAML 1.2 is read as written, so
 * a date stays the string it was (`2020-10-21T10:00:00Z`).
 * @example parseFrontMatter("---\ntitle: Hi\n---\nText") // { data: { title: "Hi" }, body: "Text" }
 */
export function parseFrontMatter(text: string): { data: Record<string, unknown>; body: string } {
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    if (OPENING.test(text)) {
      throw new Error("The front matter is invalid: it opens with `---` but has no closing `---` line.");
    }
    return { data: {}, body: text };
  }
  const yaml = match[1] ?? "";
  assertBounded(yaml);
  const yamlStart = (OPENING.exec(text)?.[0] ?? "").length;
  let documents: unknown[];
  try {
    documents = loadAll(yaml, YAML_OPTIONS);
  } catch (error) {
    // The bare reason: the line is counted in the whole file, not in the YAML alone.
    const reason = (error instanceof YAMLException ? error.reason : (error as Error).message)
      .replace(/\s+/g, " ")
      .trim();
    throw new Error(`The front matter is invalid YAML${placeOf(text, yamlStart, error)}: ${reason}`, {
      cause: error,
    });
  }
  if (documents.length > 1) {
    throw new Error(
      "The front matter is invalid: it holds more than one YAML document (a `...` line ends one).",
    );
  }
  // Empty front matter, or comments only, holds no document.
  const data = documents[0] ?? null;
  if (data !== null && (typeof data !== "object" || Array.isArray(data))) {
    throw new Error(
      "The front matter is invalid: it must be a YAML mapping of fields, such as `title: ...`.",
    );
  }
  return { data: (data ?? {}) as Record<string, unknown>, body: text.slice(match[0].length) };
}
