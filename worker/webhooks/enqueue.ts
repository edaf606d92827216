import { subscribers } from "../data/webhooks";
import type { SiteEvent } from "../schemas/event";
import type { DeliveryMessage } from "../schemas/webhook";

/** What one `sendBatch` takes: at most 100 messages and 256 KB; a margin is left for the envelope. */
const BATCH_MESSAGES = 100;
const BATCH_BYTES = 200 * 1024;

/**
 * Queues `messages` on the webhooks queue, in as few batches as the
 * platform's limits allow.
 */
export async function sendDeliveries(queue: Queue, messages: DeliveryMessage[]): Promise<void> {
  let batch: MessageSendRequest<DeliveryMessage>[] = [];
  let bytes = 0;
  for (const body of messages) {
    const size = body.payload.length * 3 + 200;
    if (batch.length === BATCH_MESSAGES || (batch.length > 0 && bytes + size > BATCH_BYTES)) {
      await queue.sendBatch(batch);
      batch = [];
      bytes = 0;
    }
    batch.push({ body, contentType: "json" });
    bytes += size;
  }
  if (batch.length > 0) await queue.sendBatch(batch);
}

/** The message that delivers `event` to endpoint `endpointId`; `payload` is the event's JSON text, frozen. */
export const deliveryOf = (
  event: SiteEvent,
  endpointId: number,
  payload = JSON.stringify(event),
): DeliveryMessage => ({
  webhook_id: event.id,
  endpoint_id: endpointId,
  type: event.type,
  payload,
});

/**
 * One Queue message per event and enabled endpoint subscribed to its type.
 * The event's JSON text is frozen here, so every attempt sends the same bytes.
 */
export async function enqueueDeliveries(env: Env, events: SiteEvent[]): Promise<void> {
  if (events.length === 0) return;
  const endpoints = await subscribers(
    env.DB,
    events.map((event) => event.type),
  );
  const messages = events.flatMap((event) => {
    const payload = JSON.stringify(event);
    return endpoints
      .filter((endpoint) => endpoint.type === event.type)
      .map((endpoint) => deliveryOf(event, endpoint.id, payload));
  });
  await sendDeliveries(env.WEBHOOKS, messages);
}
