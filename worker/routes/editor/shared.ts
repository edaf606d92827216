import type { Context } from "hono";
import type { Actor } from "../../data/publication-writes";
import type { EditorEnv } from "../../http/editor-auth";
import { problem } from "../../http/problem";

/** Who is writing, for the rows they change and so for the audit log. */
export function actorOf(c: Context<EditorEnv>): Actor {
  return { name: c.var.editor.name, requestId: c.var.requestId, at: new Date().toISOString() };
}

/** `application/json` and its `+json` kin. */
export const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/** A write's body as JSON; malformed is a 400 that says where. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw problem(400, `The body is not valid JSON: ${(error as Error).message}.`);
  }
}

/** The JSON body of a write: malformed is a 400, another type a 415. */
export async function readJson(c: Context): Promise<unknown> {
  if (!JSON_TYPE.test(c.req.header("Content-Type") ?? "")) {
    throw problem(415, "Send the body as application/json.", {}, { "Accept-Patch": "application/json" });
  }
  return parseJson(await c.req.text());
}

/** How the API reference files every editors' operation. */
export const editorDoc = { tags: ["Editors"], security: [{ bearer: [] }] };
