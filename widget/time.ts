/**
 * Calendar and clock helpers shared by the worker and the widget, so a page
 * rendered at the edge and the live widget never disagree about a date, a
 * clock or a day count. Zones are IANA names, resolved only through `Intl`.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type CalendarDate = string;

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

// Formatters are costly to build and immutable, so each is kept: only under
// its zone's canonical name, since a zone's spellings ("europe/LONDON") are
// endless and each would otherwise take a place.
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, options);
    if (cached.resolvedOptions().timeZone === options.timeZone) formatters.set(key, cached);
  }
  return cached;
}

/** A date's parts in ASCII digits whatever the page's locale, for `dateInZone` to read. */
const dateFormatter = (timeZone: string) =>
  formatter("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });

/** Whether `timeZone` is an IANA zone name this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  // Intl also takes offsets such as "+03:00"; those are not zones and are refused.
  if (!/^[A-Za-z]/.test(timeZone)) return false;
  try {
    dateFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar date of `instant` on the wall calendars of `timeZone`.
 * @example dateInZone(Date.parse("2020-10-25T00:06:00Z"), "Europe/Moscow") // "2020-10-25"
 */
export function dateInZone(instant: number, timeZone: string): CalendarDate {
  const parts = dateFormatter(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}

/** Days since the epoch of a calendar date, free of any zone. */
function dayNumber(date: CalendarDate): number {
  const [year, month, day] = date.split("-").map(Number);
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/**
 * Whole calendar days from `since` to `today`; negative while `since` is ahead.
 * @example daysBetween("2018-03-04", "2020-10-25") // 966
 */
export function daysBetween(since: CalendarDate, today: CalendarDate): number {
  return dayNumber(today) - dayNumber(since);
}

/** Whether `date` names a day that exists on the calendar. */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const [year, month, day] = date.split("-").map(Number);
  const utc = new Date(Date.UTC(year, month - 1, day));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

/**
 * The first instant after `instant` whose date in `timeZone` is a later day:
 * the next midnight, or whatever wall time a zone jumps to when it skips one.
 * Found by bisection over `dateInZone`, so it needs no offset arithmetic.
 */
export function nextMidnight(instant: number, timeZone: string): number {
  const today = dateInZone(instant, timeZone);
  let before = instant;
  // Two days of span covers any zone's day plus the largest DST shift.
  let after = instant + 2 * DAY_MS;
  while (after - before > 1000) {
    const middle = before + Math.floor((after - before) / 2);
    if (dateInZone(middle, timeZone) > today) after = middle;
    else before = middle;
  }
  // Whole seconds: the bisection may land up to a second past the boundary.
  return after - (after % 1000);
}

/**
 * A calendar date in a site's pattern of DD, D, MM, M, YYYY and YY.
 * @example formatDate("2020-10-25", "DD.MM.YYYY") // "25.10.2020"
 */
export function formatDate(date: CalendarDate, pattern: string): string {
  const [year, month, day] = date.split("-");
  const tokens: Record<string, string> = {
    YYYY: year,
    YY: year.slice(-2),
    MM: month,
    M: String(Number(month)),
    DD: day,
    D: String(Number(day)),
  };
  return pattern.replace(/YYYY|YY|MM?|DD?/g, (token) => tokens[token]);
}

export interface ClockFace {
  /** 12-hour clock with a day period; 24-hour otherwise. */
  hour12?: boolean;
  seconds?: boolean;
}

/**
 * The wall time in `timeZone` at `instant`.
 * @example wallTime(Date.parse("2020-10-25T00:06:00Z"), "Europe/Moscow") // "03:06"
 */
export function wallTime(instant: number, timeZone: string, face: ClockFace = {}, locale = "en-GB"): string {
  return formatter(locale, {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    second: face.seconds ? "2-digit" : undefined,
    hourCycle: face.hour12 ? "h12" : "h23",
  }).format(instant);
}

/**
 * The date at `instant` in `timeZone`, written out in `locale`.
 * @example longDate(Date.parse("2020-10-25T00:06:00Z"), "Europe/London", "en-GB") // "25 October 2020"
 */
export function longDate(instant: number, timeZone: string, locale = "en-GB"): string {
  return formatter(locale, { timeZone, day: "numeric", month: "long", year: "numeric" }).format(instant);
}

/**
 * The date and wall time at `instant` in `timeZone`, written out in `locale`:
 * when an alert was issued and until when it holds.
 * @example dateTime(Date.parse("2020-10-25T00:06:00Z"), "Europe/Moscow", "en-GB") // "25 October 2020 at 03:06"
 */
export function dateTime(instant: number, timeZone: string, locale = "en-GB"): string {
  return formatter(locale, {
    timeZone,
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(instant);
}
