import type { Site } from "../schemas/site";
import { type Database, type Read, run } from "./sql";

interface SiteRow {
  name: string;
  time_zone: string;
  locale: string;
  date_format: string;
  clocks: string;
  contacts: string;
  version: number;
}

/** The site's settings; the migration guarantees the row exists. */
export function siteRead(db: Database): Read<Site> {
  return {
    statement: db.prepare(
      "SELECT name, time_zone, locale, date_format, clocks, contacts, version FROM site WHERE id = 1",
    ),
    parse(rows) {
      const row = rows[0] as SiteRow | undefined;
      if (!row) throw new Error("site row missing: migrations not applied?");
      return { ...row, clocks: JSON.parse(row.clocks), contacts: JSON.parse(row.contacts) };
    },
  };
}

export const readSite = (db: Database): Promise<Site> => run(siteRead(db));
