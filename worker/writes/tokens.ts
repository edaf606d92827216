import { insertToken, revokeToken, tokenAnswer } from "../data/tokens";
import { randomSecret, tokenHash } from "../http/editor-auth";
import type { Saved } from "../http/idempotency";
import { invalidParams, problem } from "../http/problem";
import type { Editor } from "../schemas/editor";
import type { TokenInput } from "../schemas/token";
import { scopesOf } from "../vocabulary";
import { commit, type Writer } from "./commit";

/** Tokens are for programs: a person makes their own, within their role, and they or an admin revoke it. */

/** Makes a token for `owner` with `input.scopes`, which must be within what the owner's role allows. */
export async function createToken(writer: Writer, owner: Editor, input: TokenInput): Promise<Saved> {
  const allowed = scopesOf(owner.role);
  const beyond = [...new Set(input.scopes)].filter((scope) => !allowed.includes(scope));
  if (beyond.length > 0) {
    const reason = `goes beyond what a ${owner.role} may give a token (${allowed.join(", ")}): ${beyond.join(", ")}`;
    throw invalidParams([{ name: "scopes", reason }], 422);
  }
  const token = randomSecret();
  const hash = await tokenHash(token);
  const scopes = [...new Set(input.scopes)];
  const saved = await commit(writer, {
    statements: insertToken(writer.db, { personId: owner.id, name: input.name, hash, scopes }, writer.actor),
    answer: tokenAnswer(hash, token),
    status: 201,
    clash: {
      on: "tokens.name",
      detail: `A token is named "${input.name}" already; names stay taken, so the audit log names one token. Choose another.`,
    },
  });
  if (!saved) throw new Error("a token just made was not found");
  return saved;
}

/** Revokes token `id`: the owner's or, for an admin, anyone's. Anyone else's is not found. */
export async function revoke(writer: Writer, by: Editor, id: number): Promise<Saved> {
  const write = revokeToken(writer.db, id, { personId: by.id, admin: by.role === "admin" }, writer.actor);
  const saved = await commit(writer, { ...write, status: 204 });
  if (!saved) throw problem(404, `You have no token with the id ${id}.`);
  return saved;
}
