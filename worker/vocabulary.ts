/**
 * The words the worker, the widget, the console and the scripts all spell:
 * the kinds of publication, the statuses one passes through, what a token
 * may do. Plain lists without dependencies, so a browser bundle that
 * imports them takes these words and nothing else; the worker's valibot
 * schemas are built over them.
 */

/** The kinds of publication; a new kind is one more entry here. */
export const KINDS = ["speech", "interview", "article", "statement", "comment", "news", "alert"] as const;

/**
 * How grave a citizen alert is, the most severe first: banners, the alerts
 * API and feeds order alerts by this list.
 */
export const LEVELS = ["emergency", "security", "routine"] as const;

/**
 * Where a publication stands. A draft goes through clearance: `submitted`
 * for review, then `approved` for publishing. `scheduled` is `published`
 * with its instant still ahead; `archived` has left public reads and can be
 * restored.
 */
export const STATUSES = ["draft", "submitted", "approved", "scheduled", "published", "archived"] as const;

/** The statuses an editor asks for: a future instant schedules, and DELETE archives. */
export const REQUESTED_STATUSES = ["draft", "published"] as const satisfies readonly Status[];

/** What an editor writes a body in; it is stored as sanitized HTML either way. */
export const BODY_FORMATS = ["html", "markdown"] as const;

/** What a token may do; `admin` may do everything. */
export const SCOPES = ["publish", "counters", "site", "admin"] as const;

/**
 * What a person may do, each role everything the one before it may:
 * a contributor writes and submits drafts, an editor clears them, a
 * publisher puts them out, an admin keeps the people, the site and counters.
 */
export const ROLES = ["contributor", "editor", "publisher", "admin"] as const;

type Status = (typeof STATUSES)[number];
type Scope = (typeof SCOPES)[number];
type Role = (typeof ROLES)[number];

/**
 * Whether `role` is `needed` or above it.
 * @example atLeast("publisher", "editor") // true
 */
export function atLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/**
 * A role as a sentence names it.
 * @example aRole("editor") // "an editor"
 */
export const aRole = (role: Role) => `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}`;

/** The widest scopes a person of `role` may hold: publications for everyone, the rest for admins. */
export function scopesOf(role: Role): Scope[] {
  return role === "admin" ? [...SCOPES] : ["publish"];
}

/**
 * Whether a token with `scopes` may do what `scope` allows.
 * @example allows(["admin"], "site") // true
 */
export function allows(scopes: readonly Scope[], scope: Scope): boolean {
  return scopes.includes(scope) || scopes.includes("admin");
}

/**
 * The words of a search: runs of Unicode letters, marks and digits; anything
 * else only separates them, so no character a reader types is read as syntax.
 * The console searches only when the worker would find a word to match.
 * @example queryWords('"embassy" AND(visa') // ["embassy", "AND", "visa"]
 */
export function queryWords(text: string): string[] {
  return text.normalize("NFC").match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}
