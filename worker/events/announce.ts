import type { LiveTopic, SiteEvent } from "../schemas/event";
import { enqueueDeliveries } from "../webhooks/enqueue";
import { pingHub } from "../websub";
import { topicOf } from "./site-events";

/** Where events are told: webhooks, the WebSub hub, the live widgets. */
export interface Audience {
  env: Env;
  origin: string;
  /** Tells the live widgets which topics changed. */
  broadcast: (topics: LiveTopic[]) => void;
}

/**
 * Tells everyone who listens, each failure kept to its own channel and
 * logged. Only the webhooks' enqueue makes it throw: receivers are promised
 * every event at least once, so the dispatcher keeps the events pending and
 * tries again; a missed hub ping or live notice is made good by polling.
 */
export async function announce(audience: Audience, events: SiteEvent[]): Promise<void> {
  if (events.length === 0) return;
  const { env, origin, broadcast } = audience;
  const topics = [...new Set(events.map((event) => topicOf(event.type)))];
  const [webhooks, hub, live] = await Promise.allSettled([
    enqueueDeliveries(env, events),
    pingHub(env.DB, origin, events),
    Promise.resolve().then(() => broadcast(topics)),
  ]);
  if (hub.status === "rejected") console.error("WebSub hub not pinged", hub.reason);
  if (live.status === "rejected") console.error("live widgets not told", live.reason);
  if (webhooks.status === "rejected") {
    console.error("webhook deliveries not enqueued", webhooks.reason);
    throw webhooks.reason;
  }
}
