import type { Context } from "hono";
import { parseFrontMatter } from "../../content/markdown";
import { problem } from "../../http/problem";
import { JSON_TYPE, parseJson } from "./shared";

const MARKDOWN = /^text\/markdown\b/i;

/**
 * An editor's publication as sent: JSON, or Markdown whose front matter
 * carries the fields. Returns the raw text too, for Idempotency-Key checks.
 */
export async function readPublication(c: Context): Promise<{ text: string; value: unknown }> {
  const type = c.req.header("Content-Type") ?? "";
  const text = await c.req.text();
  if (JSON_TYPE.test(type)) return { text, value: parseJson(text) };
  if (MARKDOWN.test(type)) {
    try {
      const { data, body } = parseFrontMatter(text);
      return { text, value: { ...data, body, body_format: "markdown" } };
    } catch (error) {
      throw problem(400, (error as Error).message);
    }
  }
  throw problem(
    415,
    "Send the publication as application/json or as text/markdown with front matter.",
    {},
    {
      "Accept-Post": "application/json, text/markdown",
    },
  );
}
