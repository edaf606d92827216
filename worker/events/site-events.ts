import { countersAt, readCounters } from "../data/counters";
import { type EventRow, publicationsById } from "../data/events";
import { toRecord } from "../data/publications";
import { readSite } from "../data/site";
import type { Database } from "../data/sql";
import { withUrl } from "../routes/publications";
import type { LiveTopic, SiteEvent } from "../schemas/event";

/** The live channel's topic of an event: what an embedded widget refetches. */
export function topicOf(type: SiteEvent["type"]): LiveTopic {
  if (type.startsWith("counter.")) return "counters";
  if (type.startsWith("site.")) return "site";
  return "publications";
}

const subjectId = (subject: string) => subject.slice(subject.indexOf(":") + 1);

/**
 * The events as they go out, their data read now: a publication as the
 * public API gives it (with its `url` and where its lifecycle stands), a
 * counter as `GET /api/v1/counters/{slug}` answers it (or `active: false`
 * once it is gone), the site's name and address. Data frozen in the row
 * (a deleted publication's) is taken as it is.
 */
export async function siteEvents(
  db: Database,
  origin: string,
  rows: EventRow[],
  now: number,
): Promise<SiteEvent[]> {
  const of = (kind: string) => rows.filter((row) => row.payload === null && row.subject.startsWith(kind));
  const ids = of("publication:").map((row) => Number(subjectId(row.subject)));
  const [publications, board, site] = await Promise.all([
    publicationsById(db, ids),
    of("counter:").length > 0 ? readCounters(db) : undefined,
    of("site").length > 0 ? readSite(db) : undefined,
  ]);
  const byId = new Map(publications.map((row) => [String(row.id), row]));
  const counters = board ? countersAt(board, now) : undefined;

  const dataOf = (row: EventRow): Record<string, unknown> => {
    if (row.payload !== null) {
      const frozen = JSON.parse(row.payload);
      return typeof frozen.slug === "string" && !frozen.url ? withUrl(frozen, origin) : frozen;
    }
    const id = subjectId(row.subject);
    if (row.subject.startsWith("publication:")) {
      const found = byId.get(id);
      if (!found) return { id: Number(id), deleted: true };
      const { expires_at, withdrawn_at, withdrawal_reason } = found;
      return { ...withUrl(toRecord(found), origin), expires_at, withdrawn_at, withdrawal_reason };
    }
    if (row.subject.startsWith("counter:")) {
      const counter = counters?.counters.find((item) => item.slug === id);
      return counter
        ? { time_zone: counters?.time_zone, date: counters?.date, ...counter, active: true }
        : { slug: id, active: false };
    }
    return { name: site?.name, url: origin };
  };

  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    timestamp: row.due_at,
    data: dataOf(row),
  }));
}
