import { Marked } from "marked";
import { parse as parseYaml, YAMLError } from "yaml";

// Raw HTML passes through here on purpose: every caller sanitizes the result.
const marked = new Marked({ gfm: true, async: false });

/**
 * Markdown to HTML, GitHub-flavoured (tables included). Not safe alone:
 * pass the result through `sanitizeHtml` before storing it.
 * @example renderMarkdown("**Hello**") // "<p><strong>Hello</strong></p>\n"
 */
export function renderMarkdown(markdown: string): string {
  return marked.parse(markdown) as string;
}

// The opening line, the YAML (possibly empty), the closing line; a byte order mark may come first.
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;
const OPENING = /^\uFEFF?---[ \t]*\r?\n/;

/** Where in the file a YAML error is, as "line 3 (`tags: [a`)", for a message an editor can act on. */
function placeOf(text: string, yamlStart: number, error: unknown): string {
  const position = error instanceof YAMLError ? error.pos[0] : -1;
  if (position < 0) return "";
  const offset = Math.min(yamlStart + position, text.length);
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const lineEnd = text.indexOf("\n", offset);
  const line = text.slice(0, offset).split("\n").length;
  const source = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).trim();
  return ` at line ${line}${source ? ` (\`${source.slice(0, 80)}\`)` : ""}`;
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
  const yamlStart = (OPENING.exec(text)?.[0] ?? "").length;
  let data: unknown;
  try {
    // Bare reasons: the line is counted in the whole file, below.
    data = parseYaml(match[1] ?? "", { prettyErrors: false });
  } catch (error) {
    const reason = (error as Error).message.replace(/\s+/g, " ").trim();
    throw new Error(`The front matter is invalid YAML${placeOf(text, yamlStart, error)}: ${reason}`, {
      cause: error,
    });
  }
  if (data !== null && (typeof data !== "object" || Array.isArray(data))) {
    throw new Error(
      "The front matter is invalid: it must be a YAML mapping of fields, such as `title: ...`.",
    );
  }
  return { data: (data ?? {}) as Record<string, unknown>, body: text.slice(match[0].length) };
}
