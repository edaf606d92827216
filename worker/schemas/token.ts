import * as v from "valibot";
import { Instant, wholeNumber } from "./common";
import { Scope } from "./editor";

/** As `npm run token` takes it: the audit log names the token by it, so it stays taken once used. */
export const TokenName = v.pipe(
  v.string(),
  v.regex(
    /^(?! )[\w .-]{1,64}(?<! )$/,
    "must be 1 to 64 letters, digits, spaces, dots, dashes or underscores, with no space at either end",
  ),
  v.description("What the audit log calls the token, e.g. `Press office feed`"),
);

export const TokenInput = v.strictObject(
  {
    name: TokenName,
    scopes: v.pipe(
      v.array(Scope, "must be a list of scopes"),
      v.minLength(1, "must name at least one scope"),
      v.description("What the token may do; no more than the owner's role allows"),
    ),
  },
  "is not a field of a token",
);
export type TokenInput = v.InferOutput<typeof TokenInput>;

/** A token as its owner and admins see it: never the token, nor its hash. */
export const Token = v.object({
  id: v.number(),
  name: v.string(),
  scopes: v.pipe(
    v.array(Scope),
    v.description("What it may do now: its scopes within the owner's role today"),
  ),
  person: v.pipe(v.object({ id: v.number(), name: v.string() }), v.description("Its owner")),
  created_at: Instant,
  last_used_at: v.nullable(Instant),
  revoked_at: v.nullable(Instant),
});
export type Token = v.InferOutput<typeof Token>;

export const TokenList = v.object({
  tokens: v.pipe(v.array(Token), v.description("Live ones first, then by name")),
});

export const TokenCreated = v.object({
  ...Token.entries,
  token: v.pipe(
    v.string(),
    v.description("Send as `Authorization: Bearer <token>`; shown this once, as only its hash is kept"),
  ),
});

export const TokenQuery = v.strictObject(
  {
    person: v.optional(
      v.pipe(
        wholeNumber(1, Number.MAX_SAFE_INTEGER),
        v.description("An admin lists another person's tokens"),
      ),
    ),
  },
  "is not a parameter of this endpoint",
);

export const TokenParam = v.object({
  tokenId: v.pipe(
    v.string(),
    v.regex(/^[1-9]\d{0,15}$/, "must be a token's numeric id"),
    v.transform(Number),
  ),
});
