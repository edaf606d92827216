import { createHash, randomBytes } from "node:crypto";
import type { Database } from "./worker";

/** Issues an editor token as `npm run token` does: only its SHA-256 is stored. */
export async function issueToken(db: Database, name: string, scopes: string[]): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db
    .prepare("INSERT INTO tokens (name, hash, scopes, created_at) VALUES (?1, ?2, ?3, ?4)")
    .bind(
      name,
      createHash("sha256").update(token).digest("hex"),
      JSON.stringify(scopes),
      new Date().toISOString(),
    )
    .run();
  return token;
}
