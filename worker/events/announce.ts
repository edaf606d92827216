import type { LiveTopic, SiteEvent } from "../schemas/event";
import { enqueueDeliveries } from "../webhooks/enqueue";
import { pingHub } from "../websub";
import { topicOf } from "./site-events";

/** Where events are told: webhooks, the WebSub hub, the live widgets. */
export interface Audience {
  env: Env;
  origin: string;
  /** Tells the live widgets which topics changed. */
  broadcast: (topics: LiveTopic[]) => void | Promise<void>;
}

/**
 * Tells everyone who listens. The webhooks' enqueue goes first and alone
 * makes it throw: receivers are promised every event at least once, so the
 * dispatcher keeps the events pending and tries again, and the hub and the
 * widgets hear of them once, after. Those two are told best effort, each
 * failure logged: a missed ping or notice is made good by polling.
 */
export async function announce(audience: Audience, events: SiteEvent[]): Promise<void> {
  if (events.length === 0) return;
  const { env, origin, broadcast } = audience;
  try {
    await enqueueDeliveries(env, events);
  } catch (error) {
    console.error("webhook deliveries not enqueued", error);
    throw error;
  }
  const topics = [...new Set(events.map((event) => topicOf(event.type)))];
  const [hub, live] = await Promise.allSettled([
    pingHub(env.DB, origin, events),
    Promise.resolve().then(() => broadcast(topics)),
  ]);
  if (hub.status === "rejected") console.error("WebSub hub not pinged", hub.reason);
  if (live.status === "rejected") console.error("live widgets not told", live.reason);
}
