/**
 * What happened on the site, as webhooks deliver it and the live channel
 * tells embedded widgets: one body shape for every event, the Standard
 * Webhooks one (`type`, `timestamp`, `data`), so a receiver parses one thing.
 */
import * as v from "valibot";
import { Instant } from "./common";

export const EVENT_TYPES = [
  "publication.published",
  "publication.updated",
  "publication.withdrawn",
  "publication.expired",
  "counter.changed",
  "site.changed",
  "webhook.test",
] as const;

export const EventType = v.picklist(EVENT_TYPES, `must be one of: ${EVENT_TYPES.join(", ")}`);
export type EventType = v.InferOutput<typeof EventType>;

/** One event as delivered: `id` is the `webhook-id`, the same on every attempt, for deduplication. */
export const SiteEvent = v.object({
  id: v.pipe(v.string(), v.description("Stable across retries and redeliveries: the webhook-id header")),
  type: EventType,
  timestamp: v.pipe(Instant, v.description("When it took effect: a scheduled publication's own instant")),
  data: v.pipe(
    v.record(v.string(), v.unknown()),
    v.description("What it is about: a publication's summary, a counter, the site"),
  ),
});
export type SiteEvent = v.InferOutput<typeof SiteEvent>;

/** What an embedded widget refetches when told: the live channel names topics, never content. */
export const LIVE_TOPICS = ["publications", "counters", "site"] as const;
export type LiveTopic = (typeof LIVE_TOPICS)[number];
