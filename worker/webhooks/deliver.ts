import * as v from "valibot";
import { type Attempt, deliveryTarget, logAttempt, markDelivered, markFailed } from "../data/webhooks";
import { DeliveryMessage } from "../schemas/webhook";
import { addressRefusal } from "./address";
import { signature } from "./sign";

/** The queue deliveries go through, and the one that takes what it gives up on (wrangler.toml). */
export const DELIVERIES_QUEUE = "chancery-webhooks";
export const DEAD_LETTERS_QUEUE = "chancery-webhooks-dead";

/** How long an endpoint may take to answer. */
const TIMEOUT_MS = 10_000;
/** How much of an answer the log keeps. */
const EXCERPT_CHARS = 500;
/** An endpoint failing for longer than this is disabled. */
const FAILING_MS = 24 * 3600_000;
/** The first retry's delay, doubled at each retry up to the most the platform allows (12 hours). */
const FIRST_DELAY_S = 10;
const MOST_DELAY_S = 43_200;

const USER_AGENT = "chancery-webhooks/1 (Standard Webhooks)";

/** Whether deliveries may reach plain http and private addresses: local development and tests only. */
export const allowsPrivate = (env: { WEBHOOKS_ALLOW_PRIVATE?: string }) =>
  env.WEBHOOKS_ALLOW_PRIVATE === "true";

/** How long to wait before attempt `attempts + 1`: 10 s, 20 s, 40 s, … at most 12 hours. */
export const retryDelay = (attempts: number) => Math.min(FIRST_DELAY_S * 2 ** (attempts - 1), MOST_DELAY_S);

/** The start of an answer's body, reading no more of it than the log keeps. */
async function excerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (text.length < EXCERPT_CHARS) {
    const { done, value } = await reader.read();
    if (done) break;
    text += value;
  }
  await reader.cancel().catch(() => {});
  return text.slice(0, EXCERPT_CHARS) || null;
}

type Sent = Pick<Attempt, "status" | "error" | "latencyMs" | "response">;

/** Sends one signed delivery; a network failure or timeout is told, not thrown. */
async function send(url: string, secret: string, message: DeliveryMessage): Promise<Sent> {
  const timestamp = Math.floor(Date.now() / 1000);
  const started = Date.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": message.webhook_id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": await signature(secret, message.webhook_id, timestamp, message.payload),
      },
      body: message.payload,
      // A redirect could lead anywhere, a private address included: it counts as a failure.
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const answered = await excerpt(response);
    const redirected = response.status >= 300 && response.status < 400;
    return {
      status: response.status,
      error: redirected ? "Redirects are not followed: give the final URL" : null,
      latencyMs: Date.now() - started,
      response: answered,
    };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return {
      status: null,
      error: timedOut
        ? `No answer within ${TIMEOUT_MS / 1000} seconds`
        : `Not reached: ${String(error)}`.slice(0, 500),
      latencyMs: Date.now() - started,
      response: null,
    };
  }
}

/** Reads a message's body; one this worker did not write is dropped with a log line. */
function bodyOf(message: Message): DeliveryMessage | undefined {
  const parsed = v.safeParse(DeliveryMessage, message.body);
  if (parsed.success) return parsed.output;
  console.error("webhook message dropped: not a delivery", message.id, v.flatten(parsed.issues));
  return undefined;
}

/**
 * Delivers one message: acked when delivered, when its endpoint is gone,
 * disabled or not allowed, and retried later with a doubling delay when not.
 */
async function deliverOne(message: Message, env: Env): Promise<void> {
  const body = bodyOf(message);
  const target = body && (await deliveryTarget(env.DB, body.endpoint_id));
  if (!body || !target) return message.ack();
  const at = new Date().toISOString();
  const attempt = {
    endpointId: body.endpoint_id,
    webhookId: body.webhook_id,
    type: body.type,
    payload: body.payload,
    at,
  };
  if (!target.enabled) {
    // Not sent, but logged: once the endpoint is enabled again, its owner can redeliver it.
    const notSent = { status: null, latencyMs: null, response: null };
    const error = "Not sent: the endpoint is disabled.";
    await env.DB.batch(logAttempt(env.DB, { ...attempt, ...notSent, outcome: "gave_up", error }));
    return message.ack();
  }
  const refusal = addressRefusal(target.url, allowsPrivate(env));
  if (refusal) {
    const error = `Not sent: the URL ${refusal}`;
    await env.DB.batch(
      logAttempt(env.DB, {
        ...attempt,
        outcome: "refused",
        status: null,
        error,
        latencyMs: null,
        response: null,
      }),
    );
    return message.ack();
  }
  const sent = await send(target.url, target.secret, body);
  const delivered = sent.status !== null && sent.status >= 200 && sent.status < 300;
  if (delivered) {
    await env.DB.batch([
      ...logAttempt(env.DB, { ...attempt, ...sent, outcome: "delivered" }),
      markDelivered(env.DB, body.endpoint_id),
    ]);
    return message.ack();
  }
  const last = sent.status === null ? `was not answered (${sent.error})` : `answered ${sent.status}`;
  const dayAgo = new Date(Date.parse(at) - FAILING_MS).toISOString();
  const results = await env.DB.batch([
    ...logAttempt(env.DB, { ...attempt, ...sent, outcome: "failed" }),
    markFailed(env.DB, body.endpoint_id, at, dayAgo, last),
    env.DB.prepare("SELECT enabled FROM webhooks WHERE id = ?1").bind(body.endpoint_id),
  ]);
  const still = (results.at(-1)?.results[0] as { enabled: number } | undefined)?.enabled === 1;
  if (!still) return message.ack();
  message.retry({ delaySeconds: retryDelay(message.attempts) });
}

/** The consumer of the deliveries queue: each message on its own, so one slow endpoint holds up no other's log. */
export async function deliverBatch(batch: MessageBatch, env: Env): Promise<void> {
  await Promise.all(
    batch.messages.map((message) =>
      deliverOne(message, env).catch((error) => {
        // The log could not be written: try again later rather than lose the event.
        console.error("webhook delivery failed", message.id, error);
        message.retry({ delaySeconds: retryDelay(message.attempts) });
      }),
    ),
  );
}

/** The consumer of the dead-letter queue: the site gave up on these, and the log says so. */
export async function recordGiveUps(batch: MessageBatch, env: Env): Promise<void> {
  const at = new Date().toISOString();
  const entries = batch.messages.flatMap((message) => {
    const body = bodyOf(message);
    if (!body) return [];
    return logAttempt(env.DB, {
      endpointId: body.endpoint_id,
      webhookId: body.webhook_id,
      type: body.type,
      payload: body.payload,
      outcome: "gave_up",
      status: null,
      error: "Gave up: every retry failed. Redeliver it once the endpoint works.",
      latencyMs: null,
      response: null,
      at,
    });
  });
  if (entries.length > 0) await env.DB.batch(entries);
  batch.ackAll();
}
