import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Database } from "./worker";

/**
 * Splits SQL into statements on `;` outside quotes and comments. A trigger
 * body holds `;` of its own, so a trigger ends only at `END;`.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = "";
  let quote: string | undefined;
  for (let i = 0; i < sql.length; i++) {
    const char = sql[i];
    if (quote) {
      current += char;
      if (char === quote) quote = undefined;
    } else if (char === "-" && sql[i + 1] === "-") {
      i = skipTo(sql, "\n", i) - 1;
    } else if (char === "/" && sql[i + 1] === "*") {
      i = skipTo(sql, "*/", i) + 1;
    } else if (char === ";" && !insideTrigger(current)) {
      statements.push(current.trim());
      current = "";
    } else {
      if (char === "'" || char === '"' || char === "`") quote = char;
      current += char;
    }
  }
  statements.push(current.trim());
  return statements.filter((statement) => statement.length > 0);
}

function skipTo(sql: string, marker: string, from: number): number {
  const end = sql.indexOf(marker, from + 2);
  return end === -1 ? sql.length : end;
}

function insideTrigger(statement: string): boolean {
  return /^\s*CREATE\s+(TEMP\w*\s+)?TRIGGER\b/i.test(statement) && !/\bEND\s*$/i.test(statement);
}

/** Runs `migrations/*.sql` in name order, each file as one atomic batch. */
export async function applyMigrations(db: Database, dir: string): Promise<void> {
  const files = (await readdir(dir)).filter((name) => name.endsWith(".sql")).sort();
  for (const file of files) {
    const statements = splitStatements(await readFile(join(dir, file), "utf8"));
    await db.batch(statements.map((statement) => db.prepare(statement)));
  }
}
