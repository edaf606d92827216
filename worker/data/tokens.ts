import type { Editor, Scope } from "../schemas/editor";
import type { Database } from "./sql";

/** The editor whose live (unrevoked) token hashes to `hash`. */
export async function findEditor(db: Database, hash: string): Promise<Editor | undefined> {
  const row = await db
    .prepare("SELECT id, name, scopes FROM tokens WHERE hash = ?1 AND revoked_at IS NULL")
    .bind(hash)
    .first<{ id: number; name: string; scopes: string }>();
  return row ? { id: row.id, name: row.name, scopes: JSON.parse(row.scopes) as Scope[] } : undefined;
}

export async function markTokenUsed(db: Database, id: number, at: string): Promise<void> {
  await db.prepare("UPDATE tokens SET last_used_at = ?2 WHERE id = ?1").bind(id, at).run();
}
