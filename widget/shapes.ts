/**
 * Checks on every answer the elements draw, whether it came from the API,
 * from the page or from localStorage (which any script on the host page can
 * write), so garbage never reaches a template. Each check rebuilds the value
 * from the fields it checked: nothing unchecked comes along. The types come
 * from the worker's valibot schemas; the checks are by hand because the
 * schemas' code would double the bundle.
 */
import type { Counter, Counters } from "../worker/schemas/counter";
import type { PublicationSummary } from "../worker/schemas/publication";
import type { Site } from "../worker/schemas/site";
import { canonical } from "./language-tag";
import { isCalendarDate, isTimeZone } from "./time";

export type SiteInfo = Pick<Site, "time_zone" | "locale" | "date_format" | "clocks">;
export type CounterInfo = Pick<Counter, "slug" | "since" | "lang" | "forms">;
export type CounterBoard = Pick<Counters, "time_zone"> & { counters: CounterInfo[] };
export type EventItem = Pick<PublicationSummary, "slug" | "lang" | "title" | "lead" | "published_at" | "url">;

type Clock = SiteInfo["clocks"][number];

type Fields = Record<string, unknown>;

export const isRecord = (value: unknown): value is Fields => typeof value === "object" && value !== null;

/**
 * The fields `keys` of `value`, alone in a new object, when each is a
 * string; undefined when one is not.
 * @example strings({ a: "x", b: 1, c: "y" }, ["a", "c"]) // { a: "x", c: "y" }
 */
export function strings<K extends string>(value: unknown, keys: readonly K[]): Record<K, string> | undefined {
  if (isRecord(value) && keys.every((key) => typeof value[key] === "string")) {
    return Object.fromEntries(keys.map((key) => [key, value[key]])) as Record<K, string>;
  }
}

/**
 * The entries of `list` that `check` accepts. A list that is none, or that
 * had entries and kept none, refuses the whole answer: the API never sends
 * that, so it is not the API's answer.
 */
export function validEntries<T>(list: unknown, check: (entry: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(list)) return;
  const kept = list.map(check).filter((entry) => entry !== undefined);
  return kept.length > 0 || list.length === 0 ? kept : undefined;
}

// Intl throws on a malformed tag, and a throw inside a template would break the element.
export const isLocale = (tag: string) => canonical(tag) !== undefined;

/** ISO 8601 with a zone, as the API writes instants; Date.parse alone takes much else. */
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/;

export const isInstant = (text: string) => INSTANT.test(text) && !Number.isNaN(Date.parse(text));

/**
 * `url` made absolute against `base` when it leads to a web page; any other
 * scheme (`javascript:`, `data:`, …, however spelt) is no link. The URL
 * parser reads the scheme as a browser would, tabs and case included.
 */
function webUrl(url: string, base: string): string | undefined {
  try {
    const { protocol, href } = new URL(url, base);
    return protocol === "https:" || protocol === "http:" ? href : undefined;
  } catch {
    return undefined;
  }
}

const clock = (value: unknown): Clock | undefined => {
  const found = strings(value, ["label", "time_zone"]);
  return found && isTimeZone(found.time_zone) ? found : undefined;
};

export function parseSite(json: unknown): SiteInfo | undefined {
  const site = strings(json, ["time_zone", "locale", "date_format"]);
  if (!site || !isTimeZone(site.time_zone) || !isLocale(site.locale)) return;
  const clocks = validEntries((json as Fields).clocks, clock);
  return clocks && { ...site, clocks };
}

// Only the forms that are text come along: the sentence reads any other missing as `other`.
function counter(value: unknown): CounterInfo | undefined {
  const found = strings(value, ["slug", "since", "lang"]);
  const forms = isRecord(value) && value.forms;
  if (
    !found ||
    !isCalendarDate(found.since) ||
    !isLocale(found.lang) ||
    !isRecord(forms) ||
    typeof forms.other !== "string"
  )
    return;
  const text = Object.entries(forms).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string",
  );
  return { ...found, forms: Object.fromEntries(text) };
}

export function parseCounters(json: unknown): CounterBoard | undefined {
  const board = strings(json, ["time_zone"]);
  const counters = board && isTimeZone(board.time_zone) && validEntries((json as Fields).counters, counter);
  return counters ? { ...board, counters } : undefined;
}

/** The list's items, their links resolved against `from`, the URL the list was read from. */
export function parseEvents(json: unknown, from: string): EventItem[] | undefined {
  const event = (value: unknown): EventItem | undefined => {
    const item = strings(value, ["slug", "lang", "title", "lead", "published_at", "url"]);
    if (!item || !isInstant(item.published_at) || !isLocale(item.lang)) return;
    const url = webUrl(item.url, from);
    return url ? { ...item, url } : undefined;
  };
  return isRecord(json) ? validEntries(json.items, event) : undefined;
}
