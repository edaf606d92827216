import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { findWebhook, listDeliveries, listWebhooks, loggedEvent } from "../../data/webhooks";
import { limitBody } from "../../http/body-limit";
import { toHex } from "../../http/digest";
import type { EditorEnv } from "../../http/editor-auth";
import { editorRead, editorWrite, json } from "../../http/operations";
import { problem } from "../../http/problem";
import { parseBody, valid } from "../../http/validate";
import type { SiteEvent } from "../../schemas/event";
import {
  DeliveryPage,
  DeliveryParam,
  DeliveryQuery,
  Queued,
  SUBSCRIBABLE,
  Webhook,
  WebhookCreated,
  WebhookList,
  WebhookParam,
  webhookInput,
  webhookPatch,
} from "../../schemas/webhook";
import { allowsPrivate } from "../../webhooks/deliver";
import { deliveryOf, sendDeliveries } from "../../webhooks/enqueue";
import { createWebhook, editWebhook, removeWebhook, rotateSecret } from "../../writes/webhooks";
import { readJson, write } from "./shared";
import { refuseRetryKey, shownOnce } from "./shown-once";

const WEBHOOK_BYTES = 8 * 1024;
const ADMINS = "For admins (a token needs the `site` scope).";
const NO_WEBHOOK = { 404: "No webhook has this id" } as const;
const SIGNED =
  "Each delivery is a POST of the event's JSON, signed as the Standard Webhooks spec says " +
  "(`webhook-id`, `webhook-timestamp`, `webhook-signature`).";
/** The documented shape of what is taken; each request is checked against the site's own setting. */
const DOCUMENTED = { input: webhookInput(false), patch: webhookPatch(false) };

/**
 * An endpoint that exists and is enabled, or the problem saying why not:
 * a disabled endpoint is sent nothing, so a test or redelivery would be lost.
 */
async function enabledWebhook(db: EditorEnv["Bindings"]["DB"], id: number): Promise<Webhook> {
  const webhook = await findWebhook(db, id);
  if (!webhook) throw problem(404, `No webhook has the id ${id}.`);
  if (!webhook.enabled)
    throw problem(409, `Webhook ${id} is disabled, so it is sent nothing: enable it first.`);
  return webhook;
}

/**
 * Queues one delivery and writes nothing, so it takes no `Idempotency-Key`:
 * a repeated redelivery carries the same `webhook-id`, which receivers
 * deduplicate by.
 */
function queuedAction(summary: string, description: string) {
  return describeRoute(
    shownOnce(
      editorWrite({
        summary,
        description: `${ADMINS} ${description} Takes no \`Idempotency-Key\`: it writes nothing, only queues a delivery.`,
        status: 200,
        answer: { description: "Queued: it is delivered within seconds", content: json(Queued) },
        problems: { ...NO_WEBHOOK, 409: "The webhook is disabled: enable it first" },
      }),
    ),
  );
}

/** Endpoints that hear of what happens on the site: signed deliveries through a queue, retried for two days. */
export const webhooks = new Hono<EditorEnv>()
  .get(
    "/",
    describeRoute(
      editorRead({
        summary: "List webhooks",
        description: `${ADMINS} Never their secrets. With each, whether it is enabled (and why not, if the site disabled it) and its latest delivery.`,
        answer: {
          description: "Webhooks, oldest first, and the event types there are",
          content: json(WebhookList),
        },
      }),
    ),
    async (c) => {
      c.header("Cache-Control", "private, no-store");
      return c.json({ webhooks: await listWebhooks(c.env.DB), event_types: SUBSCRIBABLE });
    },
  )
  .post(
    "/",
    describeRoute(
      shownOnce(
        editorWrite({
          summary: "Add a webhook",
          description:
            `${ADMINS} ${SIGNED} The answer holds the signing secret this once; it is kept to sign with but ` +
            "never shown again (rotate it to get a new one), so this takes no `Idempotency-Key`. The URL must be " +
            "https on the public Internet.",
          status: 201,
          body: json(DOCUMENTED.input),
          answer: { description: "Added, with its secret", content: json(WebhookCreated) },
          problems: { 413: "The body is larger than 8 KB" },
        }),
      ),
    ),
    limitBody(WEBHOOK_BYTES),
    async (c) => {
      refuseRetryKey(c);
      const { text, value } = await readJson(c);
      const input = parseBody(webhookInput(allowsPrivate(c.env)), value);
      return write(c, text, (writer) => createWebhook(writer, input));
    },
  )
  .get(
    "/:id{[0-9]+}",
    describeRoute(
      editorRead({
        summary: "Read a webhook",
        description: `${ADMINS} Never its secret.`,
        answer: { description: "The webhook", content: json(Webhook) },
        problems: NO_WEBHOOK,
      }),
    ),
    valid("param", WebhookParam),
    async (c) => {
      const { id } = c.req.valid("param");
      const webhook = await findWebhook(c.env.DB, id);
      if (!webhook) throw problem(404, `No webhook has the id ${id}.`);
      c.header("Cache-Control", "private, no-store");
      return c.json(webhook);
    },
  )
  .patch(
    "/:id{[0-9]+}",
    describeRoute(
      editorWrite({
        summary: "Change a webhook",
        description:
          `${ADMINS} Any of \`url\`, \`events\`, \`description\`, \`enabled\`. Enabling it again clears why the ` +
          "site disabled it; deliveries queued while it was disabled were dropped.",
        status: 200,
        body: json(DOCUMENTED.patch),
        answer: { description: "Saved", content: json(Webhook) },
        problems: { ...NO_WEBHOOK, 413: "The body is larger than 8 KB" },
      }),
    ),
    valid("param", WebhookParam),
    limitBody(WEBHOOK_BYTES),
    async (c) => {
      const { text, value } = await readJson(c);
      const patch = parseBody(webhookPatch(allowsPrivate(c.env)), value);
      return write(c, text, (writer) => editWebhook(writer, c.req.valid("param").id, patch));
    },
  )
  .delete(
    "/:id{[0-9]+}",
    describeRoute(
      editorWrite({
        summary: "Delete a webhook",
        description: `${ADMINS} With its delivery log; deliveries still queued for it are dropped.`,
        status: 204,
        answer: { description: "Deleted" },
        problems: NO_WEBHOOK,
      }),
    ),
    valid("param", WebhookParam),
    (c) => write(c, "", (writer) => removeWebhook(writer, c.req.valid("param").id)),
  )
  .post(
    "/:id{[0-9]+}/secret",
    describeRoute(
      shownOnce(
        editorWrite({
          summary: "Rotate a webhook's secret",
          description:
            `${ADMINS} A new signing secret, shown this once; deliveries are signed with it from now on, ` +
            "retries of earlier events too. Takes no `Idempotency-Key`.",
          status: 200,
          answer: { description: "The webhook with its new secret", content: json(WebhookCreated) },
          problems: NO_WEBHOOK,
        }),
      ),
    ),
    valid("param", WebhookParam),
    (c) => {
      refuseRetryKey(c);
      return write(c, "", (writer) => rotateSecret(writer, c.req.valid("param").id));
    },
  )
  .post(
    "/:id{[0-9]+}/test",
    queuedAction(
      "Send a test event",
      "Queues a `webhook.test` event to this webhook, whatever it subscribes to.",
    ),
    valid("param", WebhookParam),
    async (c) => {
      const webhook = await enabledWebhook(c.env.DB, c.req.valid("param").id);
      const event: SiteEvent = {
        id: `evt_${toHex(crypto.getRandomValues(new Uint8Array(16)))}`,
        type: "webhook.test",
        timestamp: new Date().toISOString(),
        // Nothing about who asked: the body leaves the site.
        data: { webhook: { id: webhook.id, url: webhook.url } },
      };
      await sendDeliveries(c.env.WEBHOOKS, [deliveryOf(event, webhook.id)]);
      c.header("Cache-Control", "private, no-store");
      return c.json({ webhook_id: event.id, type: event.type });
    },
  )
  .get(
    "/:id{[0-9]+}/deliveries",
    describeRoute(
      editorRead({
        summary: "Read a webhook's delivery log",
        description:
          `${ADMINS} Every attempt, newest first: the status or why it was not reached, how long it took and ` +
          "the start of the answer. The newest 200 are kept. Page with `before` (the last id seen).",
        answer: { description: "Attempts, newest first", content: json(DeliveryPage) },
        problems: NO_WEBHOOK,
      }),
    ),
    valid("param", WebhookParam),
    valid("query", DeliveryQuery),
    async (c) => {
      const { id } = c.req.valid("param");
      const query = c.req.valid("query");
      if (!(await findWebhook(c.env.DB, id))) throw problem(404, `No webhook has the id ${id}.`);
      const deliveries = await listDeliveries(c.env.DB, id, query);
      c.header("Cache-Control", "private, no-store");
      return c.json({
        deliveries,
        next_before: deliveries.length === query.limit ? (deliveries.at(-1)?.id ?? null) : null,
      });
    },
  )
  .post(
    "/:id{[0-9]+}/deliveries/:delivery{[0-9]+}/redeliver",
    queuedAction(
      "Redeliver an event",
      "Sends the event of this attempt again, as a new attempt: the same `webhook-id` and the same body, signed anew.",
    ),
    valid("param", DeliveryParam),
    async (c) => {
      const { id, delivery } = c.req.valid("param");
      await enabledWebhook(c.env.DB, id);
      const event = await loggedEvent(c.env.DB, id, delivery);
      if (!event) throw problem(404, `Webhook ${id} has no delivery with the id ${delivery}.`);
      await sendDeliveries(c.env.WEBHOOKS, [{ ...event, endpoint_id: id }]);
      c.header("Cache-Control", "private, no-store");
      return c.json({ webhook_id: event.webhook_id, type: event.type });
    },
  );
