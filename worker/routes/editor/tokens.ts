import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { findPerson } from "../../data/people";
import { listTokens } from "../../data/tokens";
import { limitBody } from "../../http/body-limit";
import type { EditorEnv } from "../../http/editor-auth";
import { editorRead, editorWrite, json } from "../../http/operations";
import { problem } from "../../http/problem";
import { parseBody, valid } from "../../http/validate";
import { TokenCreated, TokenInput, TokenList, TokenParam, TokenQuery } from "../../schemas/token";
import { createToken, revoke } from "../../writes/tokens";
import { readJson, write } from "./shared";
import { refuseRetryKey, shownOnce } from "./shown-once";

const TOKEN_BYTES = 4 * 1024;
const SESSION = "From the console only, signed in as yourself: a token cannot make or revoke tokens.";

/** A person's tokens, for the programs that write for them. */
export const tokens = new Hono<EditorEnv>()
  .get(
    "/",
    describeRoute(
      editorRead({
        summary: "List your tokens",
        description: `${SESSION} Never the tokens themselves, nor their hashes. An admin may pass \`person\` to list someone else's.`,
        answer: { description: "The tokens", content: json(TokenList) },
        problems: {
          403: "A token asked, or `person` names someone else and you are not an admin",
          404: "No person has this id",
        },
      }),
    ),
    valid("query", TokenQuery),
    async (c) => {
      const { editor } = c.var;
      const personId = c.req.valid("query").person ?? editor.id;
      if (personId !== editor.id) {
        if (editor.role !== "admin") throw problem(403, "Only an admin lists someone else's tokens.");
        if (!(await findPerson(c.env.DB, personId))) throw problem(404, `No person has the id ${personId}.`);
      }
      c.header("Cache-Control", "private, no-store");
      return c.json({ tokens: await listTokens(c.env.DB, personId) });
    },
  )
  .post(
    "/",
    describeRoute(
      shownOnce(
        editorWrite({
          summary: "Make a token",
          description:
            `${SESSION} Scopes no wider than your role allows (\`publish\`; an admin any). The token is in the ` +
            "answer this once; only its hash is kept, so it takes no `Idempotency-Key`.",
          status: 201,
          body: json(TokenInput),
          answer: {
            description: "Made: send `token` as `Authorization: Bearer <token>`",
            content: json(TokenCreated),
          },
          problems: { 409: "A token has this name already", 413: "The body is larger than 4 KB" },
        }),
      ),
    ),
    limitBody(TOKEN_BYTES),
    async (c) => {
      refuseRetryKey(c);
      const { text, value } = await readJson(c);
      const input = parseBody(TokenInput, value);
      return write(c, text, (writer) => createToken(writer, c.var.editor, input));
    },
  )
  .delete(
    "/:tokenId{[0-9]+}",
    describeRoute(
      editorWrite({
        summary: "Revoke a token",
        description: `${SESSION} Your own, or, for an admin, anyone's. Requests with it are refused from now on.`,
        status: 204,
        answer: { description: "Revoked" },
        problems: { 404: "You have no token with this id" },
      }),
    ),
    valid("param", TokenParam),
    (c) => write(c, "", (writer) => revoke(writer, c.var.editor, c.req.valid("param").tokenId)),
  );
