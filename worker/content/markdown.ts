import { Marked } from "marked";
import { parse as parseYaml } from "yaml";

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

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Splits a Markdown file into its YAML front matter and its body.
 * @example parseFrontMatter("---\ntitle: Hi\n---\nText") // { data: { title: "Hi" }, body: "Text" }
 */
export function parseFrontMatter(text: string): { data: Record<string, unknown>; body: string } {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { data: {}, body: text };
  let data: unknown;
  try {
    data = parseYaml(match[1]);
  } catch (error) {
    throw new Error(`The front matter is not valid YAML: ${(error as Error).message}`);
  }
  if (data !== null && (typeof data !== "object" || Array.isArray(data))) {
    throw new Error("The front matter must be a YAML mapping of fields, such as `title: ...`.");
  }
  return { data: (data ?? {}) as Record<string, unknown>, body: text.slice(match[0].length) };
}
