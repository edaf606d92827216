import type { Site } from "../schemas/site";

interface SiteRow {
  name: string;
  time_zone: string;
  locale: string;
  date_format: string;
  clocks: string;
  contacts: string;
}

/** The site's settings; the migration guarantees the row exists. */
export async function readSite(db: D1Database): Promise<Site> {
  const row = await db
    .prepare("SELECT name, time_zone, locale, date_format, clocks, contacts FROM site WHERE id = 1")
    .first<SiteRow>();
  if (!row) throw new Error("site row missing: migrations not applied?");
  return { ...row, clocks: JSON.parse(row.clocks), contacts: JSON.parse(row.contacts) };
}
