import type { Editor, Role, Scope } from "../schemas/editor";
import type { Token } from "../schemas/token";
import { scopesOf } from "../vocabulary";
import type { Actor } from "./publication-writes";
import type { Database } from "./sql";

interface TokenRow {
  token_id: number;
  token_name: string;
  scopes: string;
  id: number;
  name: string;
  email: string;
  role: Role;
}

/** "Last used" is kept to the minute: a token sent many times a second writes once a minute, not each time. */
const USE_PRECISION_MS = 60_000;

/** What a token may do now: its scopes, cut down to what its owner's role allows today. */
function editorOfToken(row: TokenRow): Editor {
  const allowed = scopesOf(row.role);
  const scopes = (JSON.parse(row.scopes) as Scope[]).filter((scope) => allowed.includes(scope));
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    scopes,
    token: { id: row.token_id, name: row.token_name },
  };
}

/**
 * The person whose live token hashes to `hash` (the token unrevoked, the
 * person not disabled), and whether its "last used" is a minute or more old.
 */
export async function findEditor(
  db: Database,
  hash: string,
  now: Date,
): Promise<{ editor: Editor; staleUse: boolean } | undefined> {
  const row = await db
    .prepare(
      `SELECT t.id AS token_id, t.name AS token_name, t.scopes, t.last_used_at, p.id, p.name, p.email, p.role
         FROM tokens t JOIN people p ON p.id = t.person_id
        WHERE t.hash = ?1 AND t.revoked_at IS NULL AND p.disabled_at IS NULL`,
    )
    .bind(hash)
    .first<TokenRow & { last_used_at: string | null }>();
  if (!row) return undefined;
  const lastUsed = row.last_used_at ? Date.parse(row.last_used_at) : Number.NEGATIVE_INFINITY;
  return { editor: editorOfToken(row), staleUse: now.getTime() - lastUsed >= USE_PRECISION_MS };
}

export async function markTokenUsed(db: Database, id: number, at: string): Promise<void> {
  await db.prepare("UPDATE tokens SET last_used_at = ?2 WHERE id = ?1").bind(id, at).run();
}

// A token as its owner sees it, as one JSON value made by SQL; `t` is the
// token, `p` its owner. Never the hash.
const TOKEN_JSON = `json_object('id', t.id, 'name', t.name, 'scopes', json(t.scopes),
  'person', json_object('id', p.id, 'name', p.name), 'created_at', t.created_at,
  'last_used_at', t.last_used_at, 'revoked_at', t.revoked_at)`;

/** Cuts a listed token's scopes to what its owner's role allows today, as a request with it is cut. */
function effective(token: Token, role: Role): Token {
  const allowed = scopesOf(role);
  return { ...token, scopes: token.scopes.filter((scope) => allowed.includes(scope)) };
}

/** Person `personId`'s tokens: live ones first, then by name. */
export async function listTokens(db: Database, personId: number): Promise<Token[]> {
  const { results } = await db
    .prepare(
      `SELECT ${TOKEN_JSON} AS json, p.role FROM tokens t JOIN people p ON p.id = t.person_id
        WHERE t.person_id = ?1 ORDER BY t.revoked_at IS NOT NULL, t.name`,
    )
    .bind(personId)
    .all<{ json: string; role: Role }>();
  return results.map((row) => effective(JSON.parse(row.json) as Token, row.role));
}

/** A new token of `personId`, stored as its hash; the audit log records it without either. */
export function insertToken(
  db: Database,
  token: { personId: number; name: string; hash: string; scopes: Scope[] },
  actor: Actor,
): D1PreparedStatement[] {
  return [
    db
      .prepare("INSERT INTO tokens (name, hash, scopes, created_at, person_id) VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(token.name, token.hash, JSON.stringify(token.scopes), actor.at, token.personId),
    db
      .prepare(
        `INSERT INTO audit_log (at, actor, action, subject, request_id, change)
         SELECT ?2, ?3, 'token.create', 'token:' || id, ?4,
           json_object('after', json_object('name', name, 'scopes', json(scopes), 'person_id', person_id))
         FROM tokens WHERE hash = ?1`,
      )
      .bind(token.hash, actor.at, actor.name, actor.requestId),
  ];
}

/** The answer to making a token: it, with the token itself, which is shown this once and kept nowhere. */
export function tokenAnswer(hash: string, token: string) {
  return {
    sql: `SELECT json_set(${TOKEN_JSON}, '$.token', ?2) AS body, NULL AS etag, NULL AS location
          FROM tokens t JOIN people p ON p.id = t.person_id WHERE t.hash = ?1`,
    params: [hash, token],
  };
}

/**
 * Revokes token `id` if `by` owns it or is an admin; revoking it again keeps
 * the first instant. The empty answer is found only if the token was theirs.
 */
export function revokeToken(
  db: Database,
  id: number,
  by: { personId: number; admin: boolean },
  actor: Actor,
): { statements: D1PreparedStatement[]; answer: { sql: string; params: unknown[] } } {
  const theirs = "id = ?1 AND (person_id = ?2 OR ?3 = 1)";
  const admin = Number(by.admin);
  return {
    statements: [
      db
        .prepare(
          `INSERT INTO audit_log (at, actor, action, subject, request_id, change)
           SELECT ?4, ?5, 'token.revoke', 'token:' || id, ?6,
             json_object('after', json_object('name', name, 'revoked_at', ?4))
           FROM tokens WHERE ${theirs} AND revoked_at IS NULL`,
        )
        .bind(id, by.personId, admin, actor.at, actor.name, actor.requestId),
      db
        .prepare(`UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?4) WHERE ${theirs}`)
        .bind(id, by.personId, admin, actor.at),
    ],
    answer: {
      sql: `SELECT NULL AS body, NULL AS etag, NULL AS location FROM tokens WHERE ${theirs}`,
      params: [id, by.personId, admin],
    },
  };
}
