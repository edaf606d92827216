import { createHash, randomBytes } from "node:crypto";
import type { Database } from "./worker";

/**
 * Issues a token as `npm run token` does (only its SHA-256 is stored), owned
 * by a person of its own named after it, with `role`.
 */
export async function issueToken(
  db: Database,
  name: string,
  scopes: string[],
  role = scopes.some((scope) => scope !== "publish") ? "admin" : "publisher",
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = new Date().toISOString();
  const person = await db
    .prepare("INSERT INTO people (name, email, role, created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id")
    .bind(name, `${randomBytes(6).toString("hex")}@embassy.example`, role, now)
    .first<{ id: number }>();
  await db
    .prepare("INSERT INTO tokens (name, hash, scopes, created_at, person_id) VALUES (?1, ?2, ?3, ?4, ?5)")
    .bind(name, createHash("sha256").update(token).digest("hex"), JSON.stringify(scopes), now, person?.id)
    .run();
  return token;
}
