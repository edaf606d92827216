import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { app } from "../../worker/app";
import worker from "../../worker/index";
import type { SiteEvent } from "../../worker/schemas/event";
import { addressRefusal } from "../../worker/webhooks/address";
import { deliverBatch, retryDelay } from "../../worker/webhooks/deliver";
import { enqueueDeliveries } from "../../worker/webhooks/enqueue";
import { createPerson, createSession, inSession, json, type Session, send } from "./editor-fixtures";

/** What the receiver (test/support/webhook-receiver.ts) saw of one delivery. */
interface Received {
  headers: Record<string, string>;
  body: string;
  /** The payload as `Webhook.verify` of the `standardwebhooks` package returned it; null when it threw. */
  verified: SiteEvent | null;
  error: string | null;
  answered: number;
}

const unique = () => crypto.randomUUID().slice(0, 8);

async function admin(): Promise<Session> {
  return createSession(await createPerson(`Webhook admin ${unique()}`, "admin"));
}

/** An address of the receiver of its own. */
const receiverUrl = () => `${env.TEST_WEBHOOK_RECEIVER}/hooks/${unique()}`;

/** Tells the receiver the secret of `url` and how many deliveries to refuse first (-1: all). */
async function tellReceiver(url: string, secret: string, fail = 0): Promise<void> {
  const response = await fetch(url, { method: "PUT", body: JSON.stringify({ secret, fail }) });
  expect(response.status).toBe(204);
}

async function received(url: string): Promise<Received[]> {
  return (await fetch(url)).json<Received[]>();
}

/** The receiver's deliveries at `url`, once there are `count` of them (the real queue takes a moment). */
async function receivedSoon(url: string, count: number): Promise<Received[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const seen = await received(url);
    if (seen.length >= count || Date.now() > deadline) return seen;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Adds a webhook to a fresh receiver address and tells the receiver its secret. */
async function addWebhook(session: Session, events: string[], fail = 0) {
  const url = receiverUrl();
  const made = await json(await send("POST", "/api/v1/webhooks", { session }, { url, events }), 201);
  await tellReceiver(url, made.secret, fail);
  return { id: made.id as number, url, secret: made.secret as string, at: `/api/v1/webhooks/${made.id}` };
}

async function deliveries(session: Session, at: string) {
  return (await json(await send("GET", `${at}/deliveries`, { session }), 200)).deliveries;
}

/** A queue message as enqueueDeliveries makes it. */
function message(endpointId: number, type = "site.changed", id = `evt_${unique()}`) {
  const event: SiteEvent = {
    id,
    type: type as SiteEvent["type"],
    timestamp: new Date().toISOString(),
    data: { n: 1 },
  };
  return { webhook_id: id, endpoint_id: endpointId, type, payload: JSON.stringify(event) };
}

/**
 * Hands the consumer a batch as the queue would, on its `attempts`-th
 * delivery: what it acked or retried, and the delay it asked for (which
 * getQueueResult leaves out).
 */
async function consume(
  body: ReturnType<typeof message>,
  attempts: number,
  queue = "chancery-webhooks",
  bindings: Env = env,
) {
  const batch = createMessageBatch(queue, [{ id: `msg-${unique()}`, timestamp: new Date(), attempts, body }]);
  const retry = vi.spyOn(batch.messages[0], "retry");
  const ctx = createExecutionContext();
  if (bindings === env) await worker.queue(batch, bindings);
  else await deliverBatch(batch, bindings);
  return {
    ...(await getQueueResult(batch, ctx)),
    delays: retry.mock.calls.map(([options]) => options?.delaySeconds),
  };
}

describe("where webhooks may go", () => {
  it("refuses private, loopback, link-local, CGNAT and local names, unless the setting allows them", () => {
    const refused = [
      "http://hooks.example.com/in",
      "https://user:pass@hooks.example.com/in",
      "https://localhost/in",
      "https://api.localhost/in",
      "https://127.0.0.1/in",
      "https://2130706433/in",
      "https://10.1.2.3/in",
      "https://172.20.0.1/in",
      "https://192.168.1.1/in",
      "https://169.254.169.254/latest/meta-data",
      "https://100.64.0.1/in",
      "https://0.0.0.0/in",
      "https://[::1]/in",
      "https://[::]/in",
      "https://[fd00::1]/in",
      "https://[fe80::1]/in",
      "https://[::ffff:127.0.0.1]/in",
      "https://[::ffff:8.8.8.8]/in",
      "https://metadata.google.internal/in",
      "https://printer.local/in",
      "https://intranet/in",
      "not a url",
    ];
    for (const url of refused) expect(addressRefusal(url, false), url).toEqual(expect.any(String));
    const allowed = ["https://hooks.example.com/in", "https://8.8.8.8/in", "https://[2606:4700::1111]/in"];
    for (const url of allowed) expect(addressRefusal(url, false), url).toBeUndefined();
    expect(addressRefusal("http://127.0.0.1:8080/in", true)).toBeUndefined();
    expect(addressRefusal("ftp://127.0.0.1/in", true)).toBe("must start with https://");
    expect(addressRefusal("http://a:b@127.0.0.1/in", true)).toBe("must carry no user name or password");
  });

  it("answers an admin who adds a private address with a 422 naming url and why", async () => {
    const session = await admin();
    const request = new Request("https://embassy.example/api/v1/webhooks", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...inSession(session) },
      body: JSON.stringify({ url: "https://10.0.0.7/hooks", events: ["publication.published"] }),
    });
    // The site as deployed: the setting that lets tests reach their local receiver is off.
    const deployed = { ...env, WEBHOOKS_ALLOW_PRIVATE: "false" } as Env;
    const response = await app.fetch(request, deployed, createExecutionContext());
    const refusal = await json(response, 422);
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    expect(refusal["invalid-params"]).toEqual([
      { name: "url", reason: "must not be a private, loopback or link-local IPv4 address" },
    ]);
    expect(
      await env.DB.prepare("SELECT COUNT(*) AS n FROM webhooks WHERE url = ?1")
        .bind("https://10.0.0.7/hooks")
        .first("n"),
    ).toBe(0);
  });
});

describe("managing webhooks", () => {
  it("shows the secret once, and never again in any answer or the audit log", async () => {
    const session = await admin();
    const url = receiverUrl();
    const response = await send(
      "POST",
      "/api/v1/webhooks",
      { session },
      {
        url,
        events: ["publication.published", "publication.published", "counter.changed"],
        description: "Partner",
      },
    );
    const made = await json(response, 201);
    expect(made).toEqual({
      id: expect.any(Number),
      url,
      events: ["publication.published", "counter.changed"],
      description: "Partner",
      enabled: true,
      disabled_reason: null,
      failing_since: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      last_delivery: null,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    expect(new URL(response.headers.get("Location") ?? "").pathname).toBe(`/api/v1/webhooks/${made.id}`);
    const { secret, ...shown } = made;

    const read = await json(await send("GET", `/api/v1/webhooks/${made.id}`, { session }), 200);
    expect(read).toEqual(shown);
    const list = await json(await send("GET", "/api/v1/webhooks", { session }), 200);
    expect(list.webhooks).toContainEqual(shown);
    expect(list.event_types).not.toContain("webhook.test");
    const changed = await json(
      await send(
        "PATCH",
        `/api/v1/webhooks/${made.id}`,
        { session },
        { events: ["site.changed"], description: null },
      ),
      200,
    );
    expect(changed).toMatchObject({ events: ["site.changed"], description: null, url });
    const rotated = await json(await send("POST", `/api/v1/webhooks/${made.id}/secret`, { session }), 200);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(secret);

    const texts = [JSON.stringify([read, list, changed])];
    for (const table of ["audit_log", "idempotency_keys"]) {
      texts.push(JSON.stringify((await env.DB.prepare(`SELECT * FROM ${table}`).all()).results));
    }
    for (const text of texts) {
      expect(text).not.toContain(secret.slice(6));
      expect(text).not.toContain(rotated.secret.slice(6));
    }
    const { results: audit } = await env.DB.prepare(
      "SELECT action FROM audit_log WHERE subject = ?1 ORDER BY id",
    )
      .bind(`webhook:${made.id}`)
      .all<{ action: string }>();
    expect(audit.map((entry) => entry.action)).toEqual([
      "webhook.create",
      "webhook.update",
      "webhook.rotate_secret",
    ]);

    await json(await send("DELETE", `/api/v1/webhooks/${made.id}`, { session }), 204);
    await json(await send("GET", `/api/v1/webhooks/${made.id}`, { session }), 404);
    await json(await send("DELETE", `/api/v1/webhooks/${made.id}`, { session }), 404);
  });

  it("is for admins only, and names the field that is wrong", async () => {
    const publisher = await createSession(await createPerson(`Publisher ${unique()}`, "publisher"));
    await json(await send("GET", "/api/v1/webhooks", { session: publisher }), 403);
    const body = { url: receiverUrl(), events: ["publication.published"] };
    await json(await send("POST", "/api/v1/webhooks", { session: publisher }, body), 403);
    const session = await admin();
    const bad = await json(
      await send("POST", "/api/v1/webhooks", { session }, { ...body, events: ["webhook.test"] }),
      422,
    );
    expect(bad["invalid-params"].map((param: { name: string }) => param.name)).toEqual(["events.0"]);
    const empty = await json(
      await send("POST", "/api/v1/webhooks", { session }, { ...body, events: [] }),
      422,
    );
    expect(empty["invalid-params"]).toEqual([
      { name: "events", reason: "must name at least one event type" },
    ]);
  });
});

describe("delivering", () => {
  it("sends a test event through the real queue, signed so that standardwebhooks verifies it", async () => {
    const session = await admin();
    const hook = await addWebhook(session, ["publication.published"]);
    const queued = await json(await send("POST", `${hook.at}/test`, { session }), 200);
    expect(queued).toEqual({ webhook_id: expect.stringMatching(/^evt_[0-9a-f]{32}$/), type: "webhook.test" });

    const [delivery] = await receivedSoon(hook.url, 1);
    expect(delivery.error).toBeNull();
    expect(delivery.verified).toMatchObject({
      id: queued.webhook_id,
      type: "webhook.test",
      data: { webhook: { id: hook.id } },
    });
    expect(delivery.headers["webhook-id"]).toBe(queued.webhook_id);
    expect(delivery.headers["content-type"]).toBe("application/json");
    expect(delivery.headers["user-agent"]).toMatch(/chancery/);

    const [logged] = await deliveries(session, hook.at);
    expect(logged).toMatchObject({
      webhook_id: queued.webhook_id,
      attempt: 1,
      outcome: "delivered",
      status: 204,
    });
    expect(logged.latency_ms).toEqual(expect.any(Number));
    const read = await json(await send("GET", hook.at, { session }), 200);
    expect(read.last_delivery).toMatchObject({ outcome: "delivered", status: 204 });
  });

  it("queues each event for the enabled endpoints subscribed to its type only", async () => {
    const session = await admin();
    const wanting = await addWebhook(session, ["publication.updated"]);
    const other = await addWebhook(session, ["counter.changed"]);
    const disabled = await addWebhook(session, ["publication.updated"]);
    await json(await send("PATCH", disabled.at, { session }, { enabled: false }), 200);
    const event: SiteEvent = {
      id: `evt_${unique()}`,
      type: "publication.updated",
      timestamp: "2026-05-01T09:00:00.000Z",
      data: { slug: "founding" },
    };
    await enqueueDeliveries(env, [event]);
    const [delivery] = await receivedSoon(wanting.url, 1);
    expect(delivery.verified).toEqual(event);
    expect(JSON.parse(delivery.body)).toEqual(event);
    expect(await received(other.url)).toEqual([]);
    expect(await received(disabled.url)).toEqual([]);
  });

  it("retries a failing endpoint with the same webhook-id, backing off, until the dead-letter queue gives up", async () => {
    const session = await admin();
    const hook = await addWebhook(session, ["site.changed"], -1);
    const body = message(hook.id);
    for (const [attempts, delay] of [
      [1, 10],
      [2, 20],
      [15, 43_200],
    ]) {
      const result = await consume(body, attempts);
      expect(result.retryMessages).toHaveLength(1);
      expect(result.delays).toEqual([delay]);
    }
    // Fifteen retries (wrangler.toml's max_retries) span more than a day before the dead-letter queue.
    const span = Array.from({ length: 15 }, (_, i) => retryDelay(i + 1)).reduce((sum, delay) => sum + delay);
    expect(span).toBeGreaterThan(86_400);

    const seen = await received(hook.url);
    expect(seen).toHaveLength(3);
    for (const delivery of seen) {
      expect(delivery.headers["webhook-id"]).toBe(body.webhook_id);
      expect(delivery.body).toBe(body.payload);
      expect(delivery.verified).toEqual(JSON.parse(body.payload));
    }
    const failing = await json(await send("GET", hook.at, { session }), 200);
    expect(failing).toMatchObject({ enabled: true, failing_since: expect.any(String) });

    const gaveUp = await consume(body, 16, "chancery-webhooks-dead");
    expect(gaveUp.ackAll).toBe(true);
    const log = await deliveries(session, hook.at);
    expect(log.map((entry: { outcome: string; attempt: number }) => [entry.outcome, entry.attempt])).toEqual([
      ["gave_up", 3],
      ["failed", 3],
      ["failed", 2],
      ["failed", 1],
    ]);
    expect(log[1]).toMatchObject({
      status: 500,
      response: "The receiver is down on cue.",
      webhook_id: body.webhook_id,
    });

    // The endpoint is mended; its owner redelivers what the site gave up on.
    await tellReceiver(hook.url, hook.secret, 0);
    const redelivered = await json(
      await send("POST", `${hook.at}/deliveries/${log[0].id}/redeliver`, { session }),
      200,
    );
    expect(redelivered).toEqual({ webhook_id: body.webhook_id, type: "site.changed" });
    const again = await receivedSoon(hook.url, 4);
    expect(again[3]).toMatchObject({ body: body.payload, answered: 204, verified: JSON.parse(body.payload) });
    expect(again[3].headers["webhook-id"]).toBe(body.webhook_id);
    const [latest] = await deliveries(session, hook.at);
    expect(latest).toMatchObject({ outcome: "delivered", attempt: 4, webhook_id: body.webhook_id });
    expect((await json(await send("GET", hook.at, { session }), 200)).failing_since).toBeNull();
  });

  it("disables an endpoint failing for more than a day, says why, and sends it nothing more", async () => {
    const session = await admin();
    const hook = await addWebhook(session, ["site.changed"], -1);
    const since = new Date(Date.now() - 25 * 3600_000).toISOString();
    await env.DB.prepare("UPDATE webhooks SET failing_since = ?2 WHERE id = ?1").bind(hook.id, since).run();

    const result = await consume(message(hook.id), 9);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);
    const disabled = await json(await send("GET", hook.at, { session }), 200);
    expect(disabled.enabled).toBe(false);
    expect(disabled.disabled_reason).toContain(since);
    expect(disabled.disabled_reason).toContain("answered 500");

    const missed = message(hook.id);
    expect((await consume(missed, 1)).explicitAcks).toHaveLength(1);
    expect(await received(hook.url)).toHaveLength(1);
    // What it missed while disabled is in its log, for its owner to redeliver once it is mended.
    const [notSent] = await deliveries(session, hook.at);
    expect(notSent).toMatchObject({ outcome: "gave_up", webhook_id: missed.webhook_id, status: null });
    expect(notSent.error).toContain("disabled");
    await json(await send("POST", `${hook.at}/test`, { session }), 409);

    const enabled = await json(await send("PATCH", hook.at, { session }, { enabled: true }), 200);
    expect(enabled).toMatchObject({ enabled: true, disabled_reason: null, failing_since: null });
  });

  it("drops a deleted endpoint's messages, and refuses at delivery an address the setting no longer allows", async () => {
    const session = await admin();
    const gone = await addWebhook(session, ["site.changed"]);
    await json(await send("DELETE", gone.at, { session }), 204);
    expect((await consume(message(gone.id), 1)).explicitAcks).toHaveLength(1);
    expect(await received(gone.url)).toEqual([]);

    const hook = await addWebhook(session, ["site.changed"]);
    const deployed = { ...env, WEBHOOKS_ALLOW_PRIVATE: "false" } as Env;
    expect((await consume(message(hook.id), 1, "chancery-webhooks", deployed)).explicitAcks).toHaveLength(1);
    expect(await received(hook.url)).toEqual([]);
    const [logged] = await deliveries(session, hook.at);
    expect(logged).toMatchObject({
      outcome: "refused",
      status: null,
      error: "Not sent: the URL must start with https://",
    });
  });

  it("keeps the newest 200 attempts of an endpoint", async () => {
    const session = await admin();
    const hook = await addWebhook(session, ["site.changed"]);
    const at = new Date().toISOString();
    const insert = env.DB.prepare(
      `INSERT INTO webhook_deliveries (endpoint_id, webhook_id, type, payload, attempt, outcome, status, at)
       VALUES (?1, ?2, 'site.changed', '{}', 1, 'delivered', 204, ?3)`,
    );
    await env.DB.batch(Array.from({ length: 205 }, (_, i) => insert.bind(hook.id, `evt_old_${i}`, at)));
    const body = message(hook.id);
    expect((await consume(body, 1)).explicitAcks).toHaveLength(1);
    const kept = await env.DB.prepare("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE endpoint_id = ?1")
      .bind(hook.id)
      .first<{ n: number }>();
    expect(kept?.n).toBe(200);
    const [newest] = await deliveries(session, hook.at);
    expect(newest.webhook_id).toBe(body.webhook_id);
    const page = await json(await send("GET", `${hook.at}/deliveries?limit=150`, { session }), 200);
    const rest = await json(
      await send("GET", `${hook.at}/deliveries?before=${page.next_before}&limit=100`, { session }),
      200,
    );
    expect(page.deliveries.length + rest.deliveries.length).toBe(200);
    expect(rest.next_before).toBeNull();
  });

  it("tells a subscribed endpoint when a publication is published through the API", async () => {
    const session = await admin();
    const hook = await addWebhook(session, ["publication.published"]);
    const slug = `webhooked-${unique()}`;
    const publication = {
      slug,
      kind: "news",
      lang: "en",
      title: "Consular hours extended",
      body: "<p>From Monday.</p>",
      status: "published",
      without_approval: "Cleared by phone with the ambassador",
    };
    await json(await send("POST", "/api/v1/publications", { session }, publication), 201);
    const seen = await receivedSoon(hook.url, 1);
    const published = seen.find((delivery) => delivery.verified?.type === "publication.published");
    expect(published?.error).toBeNull();
    expect(JSON.stringify(published?.verified?.data)).toContain(slug);
  });

  it("signs with the new secret once it is rotated", async () => {
    const session = await admin();
    const hook = await addWebhook(session, ["site.changed"]);
    const rotated = await json(await send("POST", `${hook.at}/secret`, { session }), 200);
    await tellReceiver(hook.url, rotated.secret);
    await json(await send("POST", `${hook.at}/test`, { session }), 200);
    const [delivery] = await receivedSoon(hook.url, 1);
    expect(delivery.error).toBeNull();
    expect(delivery.verified?.type).toBe("webhook.test");
  });
});
