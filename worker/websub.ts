/**
 * WebSub publishing (https://www.w3.org/TR/websub/): the feeds name the
 * site's hub, and when their content changes the worker tells the hub,
 * which fetches them and pushes them to its subscribers. Feed readers then
 * hear of a statement when it goes out, not when they next poll.
 */
import { hubRead, siteRead } from "./data/site";
import { type Database, runAll } from "./data/sql";
import { FEED_PATHS } from "./routes/feeds";
import type { SiteEvent } from "./schemas/event";

/** A hub that does not answer within this long is left; its subscribers still poll. */
const PING_TIMEOUT_MS = 5000;

/**
 * What a feed lists: publications (one version of each text per language,
 * so a text in any language can show in every language's feed) and the
 * site's words. Counters are in no feed.
 */
const changesFeeds = (event: SiteEvent) =>
  event.type.startsWith("publication.") || event.type === "site.changed";

/**
 * Every feed's address: each format bare (the default language's) and
 * after each of the site's language prefixes, as the feed routes serve them.
 * @example feedUrls("https://embassy.example", ["en", "ru"]) // …/feed.xml, …/en/feed.xml, …/ru/atom.xml, …
 */
export function feedUrls(origin: string, languages: string[]): string[] {
  const prefixes = ["", ...languages.map((lang) => `/${lang.toLowerCase()}`)];
  return prefixes.flatMap((prefix) => FEED_PATHS.map((path) => `${origin}${prefix}${path}`));
}

async function ping(hub: string, topic: string): Promise<void> {
  try {
    const response = await fetch(hub, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ "hub.mode": "publish", "hub.url": topic }).toString(),
      signal: AbortSignal.timeout(PING_TIMEOUT_MS),
    });
    // The body is of no use, but left unread it would hold the connection.
    await response.body?.cancel();
    if (!response.ok) console.error("websub: the hub refused a ping", hub, topic, response.status);
  } catch (error) {
    console.error("websub: the hub could not be reached", hub, topic, String(error));
  }
}

/**
 * Tells the site's hub which feeds changed with `events`: one publish
 * notification per feed (`hub.mode=publish`, `hub.url` its address), all at
 * once. Nothing happens without a hub or without an event a feed shows.
 * Never throws: a hub that is down costs its subscribers only the wait.
 */
export async function pingHub(db: Database, origin: string, events: SiteEvent[]): Promise<void> {
  if (!events.some(changesFeeds)) return;
  try {
    const [site, hub] = await runAll(db, [siteRead(db), hubRead(db)]);
    if (!hub) return;
    await Promise.all(feedUrls(origin, site.languages).map((topic) => ping(hub, topic)));
  } catch (error) {
    console.error("websub: the site's hub could not be read", error);
  }
}
