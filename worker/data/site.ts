import type { Site, SiteTranslations } from "../schemas/site";
import { type Database, type Read, run } from "./sql";

interface SiteRow {
  name: string;
  time_zone: string;
  locale: string;
  date_format: string;
  clocks: string;
  contacts: string;
  languages: string;
  translations: string;
  emblem: string | null;
  version: number;
}

/**
 * The site's settings in its default language, with what editors wrote in
 * its other languages, and where its emblem is served (site-relative: each
 * answer resolves it against its own origin).
 */
export type SiteRecord = Site & { translations: SiteTranslations; emblem: string | null; version: number };

/** The site's settings; the migration guarantees the row exists. */
export function siteRead(db: Database): Read<SiteRecord> {
  return {
    statement: db.prepare(
      `SELECT name, time_zone, locale, date_format, clocks, contacts, languages, translations,
              '/media/' || emblem AS emblem, version
       FROM site WHERE id = 1`,
    ),
    parse(rows) {
      const row = rows[0] as SiteRow | undefined;
      if (!row) throw new Error("site row missing: migrations not applied?");
      return {
        ...row,
        clocks: JSON.parse(row.clocks),
        contacts: JSON.parse(row.contacts),
        languages: JSON.parse(row.languages),
        translations: JSON.parse(row.translations),
      };
    },
  };
}

export const readSite = (db: Database): Promise<SiteRecord> => run(siteRead(db));

/** What the site's feeds announce their changes through: the WebSub hub, or null for none. */
export function hubRead(db: Database): Read<string | null> {
  return {
    statement: db.prepare("SELECT websub_hub FROM site WHERE id = 1"),
    parse: (rows) => (rows[0] as { websub_hub: string | null } | undefined)?.websub_hub ?? null,
  };
}
