/**
 * Checks on what the API answers, so garbage never reaches a template. The
 * types come from the worker's valibot schemas; the checks are by hand
 * because the schemas' code would double the bundle.
 */
import type { Counter, Counters } from "../worker/schemas/counter";
import type { PublicationSummary } from "../worker/schemas/publication";
import type { Site } from "../worker/schemas/site";
import { isCalendarDate, isTimeZone } from "./time";

export type SiteInfo = Pick<Site, "time_zone" | "locale" | "date_format" | "clocks">;
export type CounterInfo = Pick<Counter, "slug" | "since" | "template">;
export type CounterBoard = Pick<Counters, "time_zone"> & { counters: CounterInfo[] };
export type EventItem = Pick<PublicationSummary, "slug" | "title" | "lead" | "published_at" | "url">;

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => typeof value === "object" && value !== null;

function hasStrings(value: unknown, keys: string[]): value is Fields {
  return isRecord(value) && keys.every((key) => typeof value[key] === "string");
}

function listOf<T>(value: unknown, check: (item: unknown) => item is T): T[] | undefined {
  return Array.isArray(value) && value.every(check) ? value : undefined;
}

const isClock = (value: unknown): value is SiteInfo["clocks"][number] =>
  hasStrings(value, ["label", "time_zone"]) && isTimeZone(value.time_zone as string);

export function parseSite(json: unknown): SiteInfo | undefined {
  if (!hasStrings(json, ["time_zone", "locale", "date_format"]) || !isTimeZone(json.time_zone as string))
    return;
  const clocks = listOf(json.clocks, isClock);
  return clocks && (json as SiteInfo);
}

const isCounter = (value: unknown): value is CounterInfo =>
  hasStrings(value, ["slug", "since", "template"]) && isCalendarDate(value.since as string);

export function parseCounters(json: unknown): CounterBoard | undefined {
  if (!hasStrings(json, ["time_zone"]) || !isTimeZone(json.time_zone as string)) return;
  const counters = listOf(json.counters, isCounter);
  return counters && { time_zone: json.time_zone as string, counters };
}

const isEvent = (value: unknown): value is EventItem =>
  hasStrings(value, ["slug", "title", "lead", "published_at", "url"]) &&
  !Number.isNaN(Date.parse(value.published_at as string));

export function parseEvents(json: unknown): EventItem[] | undefined {
  return isRecord(json) ? listOf(json.items, isEvent) : undefined;
}
