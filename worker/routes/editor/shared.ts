import type { Context } from "hono";
import type { Actor } from "../../data/publication-writes";
import type { EditorEnv } from "../../http/editor-auth";
import { type Claim, fingerprint, idempotent, type Saved } from "../../http/idempotency";
import { problem } from "../../http/problem";
import type { Editor } from "../../schemas/editor";
import type { Writer } from "../../writes/commit";

/** How the audit log names a person: by name, and by the token they sent, if any. */
export function actorName(editor: Editor): string {
  return editor.token ? `${editor.name} (token "${editor.token.name}")` : editor.name;
}

/** Who is writing, for the rows they change and so for the audit log. */
export function actorOf(c: Context<EditorEnv>): Actor {
  const { editor } = c.var;
  return {
    name: actorName(editor),
    personId: editor.id,
    role: editor.role,
    requestId: c.var.requestId,
    at: new Date().toISOString(),
  };
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

/**
 * The JSON body of a write, and its text, which an Idempotency-Key is bound
 * to: malformed is a 400, another type a 415.
 */
export async function readJson(c: Context): Promise<{ text: string; value: unknown }> {
  if (!JSON_TYPE.test(c.req.header("Content-Type") ?? "")) {
    throw problem(415, "Send the body as application/json.", {}, { "Accept-Patch": "application/json" });
  }
  const text = await c.req.text();
  return { text, value: parseJson(text) };
}

/**
 * Hands a write to its owner with what the request says (who, If-Match,
 * Idempotency-Key), and turns what it saved into the HTTP answer. `body` is
 * the request's text, which the Idempotency-Key is bound to.
 */
export async function write(
  c: Context<EditorEnv>,
  body: string,
  owner: (writer: Writer) => Promise<Saved>,
): Promise<Response> {
  const ifMatch = c.req.header("If-Match");
  const request = {
    personId: c.var.editor.id,
    key: c.req.header("Idempotency-Key"),
    fingerprint: await fingerprint(c.req.method, c.req.path, ifMatch ?? "", body),
  };
  const writer = (claim?: Claim): Writer => ({ db: c.env.DB, actor: actorOf(c), claim, ifMatch });
  return respond(c, await idempotent(c.env.DB, request, (claim) => owner(writer(claim))));
}

function respond(c: Context, saved: Saved): Response {
  const headers = new Headers({ "Cache-Control": "private, no-store" });
  if (saved.body !== null) headers.set("Content-Type", "application/json");
  if (saved.etag) headers.set("ETag", saved.etag);
  if (saved.location) headers.set("Location", new URL(saved.location, c.req.url).href);
  if (saved.replayed) headers.set("Idempotent-Replayed", "true");
  return new Response(saved.body, { status: saved.status, headers });
}
