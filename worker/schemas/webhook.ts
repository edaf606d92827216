import * as v from "valibot";
import { addressRefusal } from "../webhooks/address";
import { Instant, Text, wholeNumber } from "./common";
import { EVENT_TYPES, EventType } from "./event";

/** What an endpoint may subscribe to: every event but the test, which is sent on request only. */
export const SUBSCRIBABLE = EVENT_TYPES.filter((type) => type !== "webhook.test") as Exclude<
  EventType,
  "webhook.test"
>[];

const Subscribable = v.picklist(SUBSCRIBABLE, `must be among: ${SUBSCRIBABLE.join(", ")}`);

const OCTET = "(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)";
const PORT = "(?::(?:[1-9]\\d{0,3}|[1-5]\\d{4}|6[0-4]\\d{3}|65[0-4]\\d{2}|655[0-2]\\d|6553[0-5]))?";
/**
 * An https URL by a name whose last label is not a number (or by an IPv4
 * address), as the API reference can show it whole; what a pattern cannot
 * say (which addresses are private) is checked after it.
 */
const PUBLIC_URL = new RegExp(
  `^https://(?:[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z][A-Za-z0-9-]*|${OCTET}(?:\\.${OCTET}){3})${PORT}(?:[/?#]\\S*)?$`,
);
/** Local development and tests: plain http and any host, still with no credentials. */
const ANY_URL = /^https?:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/;

/**
 * Where deliveries go. `allowPrivate` (WEBHOOKS_ALLOW_PRIVATE, local
 * development only) lets plain http and private addresses through.
 */
export function webhookUrl(allowPrivate: boolean) {
  return v.pipe(
    v.string(),
    v.maxLength(2000, "must be at most 2000 characters"),
    v.regex(
      allowPrivate ? ANY_URL : PUBLIC_URL,
      "must be an https URL with a host name and no user name or password, e.g. https://partner.example/hooks",
    ),
    v.rawCheck(({ dataset, addIssue }) => {
      const refusal = dataset.typed ? addressRefusal(dataset.value, allowPrivate) : undefined;
      if (refusal) addIssue({ message: refusal });
    }),
    v.description(
      "An https URL on the public Internet: no credentials, no localhost, private, loopback or link-local address, no .internal or .local name",
    ),
  );
}

const Events = v.pipe(
  v.array(Subscribable, "must be a list of event types"),
  v.minLength(1, "must name at least one event type"),
  v.description("The event types it receives"),
);

const Description = v.nullable(Text(200));

const UNKNOWN = "is not a field of a webhook";

/** An endpoint an admin adds. */
export function webhookInput(allowPrivate: boolean) {
  return v.strictObject(
    { url: webhookUrl(allowPrivate), events: Events, description: v.optional(Description) },
    UNKNOWN,
  );
}
export type WebhookInput = v.InferOutput<ReturnType<typeof webhookInput>>;

/** What an admin changes of an endpoint: any subset, at least one. */
export function webhookPatch(allowPrivate: boolean) {
  return v.pipe(
    v.strictObject(
      {
        url: v.optional(webhookUrl(allowPrivate)),
        events: v.optional(Events),
        description: v.optional(Description),
        enabled: v.optional(
          v.pipe(
            v.boolean("must be true or false"),
            v.description("False stops deliveries; true starts them again and clears why it was disabled"),
          ),
        ),
      },
      UNKNOWN,
    ),
    v.minEntries(1, "must change at least one of: url, events, description, enabled"),
  );
}
export type WebhookPatch = v.InferOutput<ReturnType<typeof webhookPatch>>;

const Outcome = v.pipe(
  v.picklist(["delivered", "failed", "refused", "gave_up"]),
  v.description(
    "`delivered` (a 2xx), `failed` (retried later), `refused` (the address is not allowed now: not sent), `gave_up` (no retries left)",
  ),
);

/** One attempt to deliver an event to an endpoint. */
export const Delivery = v.object({
  id: v.number(),
  webhook_id: v.pipe(
    v.string(),
    v.description("The event's id, sent as `webhook-id`; the same on every attempt"),
  ),
  type: EventType,
  attempt: v.pipe(v.number(), v.description("1 for the first attempt of this event to this endpoint")),
  outcome: Outcome,
  status: v.pipe(
    v.nullable(v.number()),
    v.description("The endpoint's HTTP status; none if it was not reached"),
  ),
  error: v.pipe(v.nullable(v.string()), v.description("Why it was not reached, or why it was not sent")),
  latency_ms: v.nullable(v.number()),
  response: v.pipe(
    v.nullable(v.string()),
    v.description("The start of the endpoint's answer, at most 500 characters"),
  ),
  at: Instant,
});
export type Delivery = v.InferOutput<typeof Delivery>;

/** An endpoint as admins see it: never its secret. */
export const Webhook = v.object({
  id: v.number(),
  url: v.string(),
  events: v.array(Subscribable),
  description: v.nullable(v.string()),
  enabled: v.boolean(),
  disabled_reason: v.pipe(
    v.nullable(v.string()),
    v.description("Why the site disabled it (it failed for a day); none when enabled or disabled by hand"),
  ),
  failing_since: v.pipe(v.nullable(Instant), v.description("The first failure since the last success")),
  created_at: Instant,
  updated_at: Instant,
  last_delivery: v.nullable(
    v.object({
      at: Instant,
      outcome: Outcome,
      status: v.nullable(v.number()),
      error: v.nullable(v.string()),
    }),
  ),
});
export type Webhook = v.InferOutput<typeof Webhook>;

export const WebhookList = v.object({
  webhooks: v.pipe(v.array(Webhook), v.description("Oldest first")),
  event_types: v.pipe(v.array(Subscribable), v.description("Every event type an endpoint may receive")),
});

/** The answer to adding an endpoint or rotating its secret: the secret, this once. */
export const WebhookCreated = v.object({
  ...Webhook.entries,
  secret: v.pipe(
    v.string(),
    v.description(
      "`whsec_` and base64: verify each delivery's `webhook-signature` with it (Standard Webhooks). Shown this once",
    ),
  ),
});

export const WebhookParam = v.object({
  id: v.pipe(v.string(), v.regex(/^[1-9]\d{0,15}$/, "must be a webhook's numeric id"), v.transform(Number)),
});

export const DeliveryParam = v.object({
  ...WebhookParam.entries,
  delivery: v.pipe(
    v.string(),
    v.regex(/^[1-9]\d{0,15}$/, "must be a delivery's numeric id"),
    v.transform(Number),
  ),
});

export const DeliveryQuery = v.strictObject(
  {
    limit: v.optional(wholeNumber(1, 200), "50"),
    before: v.optional(wholeNumber(1, Number.MAX_SAFE_INTEGER)),
  },
  "is not a parameter of this endpoint",
);

export const DeliveryPage = v.object({
  deliveries: v.pipe(v.array(Delivery), v.description("Newest first; the newest 200 are kept")),
  next_before: v.pipe(
    v.nullable(v.number()),
    v.description("Pass as `before` for the next page; none at the end"),
  ),
});

/** The answer to sending a test event or a redelivery: what was queued. */
export const Queued = v.object({
  webhook_id: v.pipe(v.string(), v.description("The `webhook-id` the delivery carries")),
  type: EventType,
});

/** A message on the `chancery-webhooks` queue: one event for one endpoint. */
export const DeliveryMessage = v.object({
  webhook_id: v.string(),
  endpoint_id: v.number(),
  type: EventType,
  payload: v.pipe(v.string(), v.description("The event's JSON text, sent byte for byte on every attempt")),
});
export type DeliveryMessage = v.InferOutput<typeof DeliveryMessage>;
