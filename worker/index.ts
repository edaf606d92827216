import { app } from "./app";
import { forgetDispatchedEvents } from "./data/events";
import { forgetExpiredSessions } from "./data/sessions";
import { keepRelease } from "./data/widget-releases";
import { dispatcherOf } from "./events/stub";
import { inD1Session } from "./http/d1-session";
import { forgetOldKeys } from "./http/idempotency";
import { builtFile } from "./http/static-file";
import { DEAD_LETTERS_QUEUE, DELIVERIES_QUEUE, deliverBatch, recordGiveUps } from "./webhooks/deliver";

export { EventDispatcher } from "./events/dispatcher";

/** How long dispatched events are kept: a receiver may ask what it missed for a month. */
const EVENTS_KEPT_MS = 30 * 86_400_000;

export default {
  fetch: (request, env, ctx) => inD1Session(request, env, (bindings) => app.fetch(request, bindings, ctx)),
  async scheduled(controller, env) {
    // Each task runs to its end whatever another does; the run fails if any did, so it is logged.
    const outcomes = await Promise.allSettled([
      forgetOldKeys(env.DB, controller.scheduledTime),
      forgetExpiredSessions(env.DB, new Date(controller.scheduledTime).toISOString()),
      forgetDispatchedEvents(env.DB, new Date(controller.scheduledTime - EVENTS_KEPT_MS).toISOString()),
      // An alarm lost with its object (a deploy, an outage) is made good within the hour.
      dispatcherOf(env).wake(),
      // A pinned snippet of this release keeps working after the next deploy, handed out or not.
      keepRelease(env.MEDIA, (path) => builtFile(env.ASSETS, path)),
    ]);
    const failed = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
    if (failed.length > 0) throw new AggregateError(failed, "the hourly upkeep failed in part");
  },
  async queue(batch, env) {
    if (batch.queue === DELIVERIES_QUEUE) return deliverBatch(batch, env);
    if (batch.queue === DEAD_LETTERS_QUEUE) return recordGiveUps(batch, env);
    throw new Error(`no consumer for the queue ${batch.queue}`);
  },
} satisfies ExportedHandler<Env>;
