import { createScheduledController, runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { EventDispatcher } from "../../worker/events/dispatcher";
import { dispatcherOf } from "../../worker/events/stub";
import worker from "../../worker/index";
import { createToken, sendAs } from "./editor-fixtures";
import { addCounters, addPublications, resetContent } from "./fixtures";

const ORIGIN = "https://embassy.example";

interface Row {
  id: string;
  type: string;
  subject: string;
  due_at: string;
  dispatched_at: string | null;
  payload: string | null;
}

/** The outbox, oldest first. */
async function outbox(): Promise<Row[]> {
  const { results } = await env.DB.prepare("SELECT * FROM events ORDER BY due_at, rowid").all<Row>();
  return results;
}

const pending = async () => (await outbox()).filter((row) => row.dispatched_at === null);
const kinds = (rows: Row[]) => rows.map((row) => `${row.type} ${row.subject}`);
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

async function idOf(slug: string): Promise<number> {
  const row = await env.DB.prepare("SELECT id FROM publications WHERE slug = ?1")
    .bind(slug)
    .first<{ id: number }>();
  return row?.id as number;
}

const update = (slug: string, set: string, ...values: unknown[]) =>
  env.DB.prepare(`UPDATE publications SET ${set}, version = version + 1 WHERE slug = ?1`)
    .bind(slug, ...values)
    .run();

/** A live connection, as a widget opens one; `notices` collects what it is told. */
async function connect() {
  const response = await exports.default.fetch(
    new Request(`${ORIGIN}/api/v1/live`, { headers: { Upgrade: "websocket" } }),
  );
  expect(response.status).toBe(101);
  const socket = response.webSocket as WebSocket;
  socket.accept();
  const notices: { changed: string[]; at: string }[] = [];
  const waiters: (() => void)[] = [];
  socket.addEventListener("message", (event) => {
    if (event.data !== "pong") notices.push(JSON.parse(event.data as string));
    for (const wake of waiters.splice(0)) wake();
  });
  /** Resolves when a notice naming `topic` has arrived, with when it did. */
  const noticeOf = (topic: string, timeoutMs = 10_000) =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no notice of ${topic}`)), timeoutMs);
      const check = () => {
        if (notices.some((notice) => notice.changed.includes(topic))) {
          clearTimeout(timer);
          resolve(Date.now());
        } else waiters.push(check);
      };
      check();
    });
  return { socket, notices, noticeOf };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeEach(async () => {
  await resetContent();
  await env.DB.prepare("DELETE FROM events").run();
});

describe("the outbox triggers", () => {
  it("announce a scheduled publication at its instant, and a past one now", async () => {
    const ahead = "2099-01-01T09:00:00.000Z";
    const before = new Date().toISOString();
    await addPublications(
      { slug: "ahead", published_at: ahead, status: "scheduled" },
      { slug: "past", published_at: "2020-10-20T09:00:00.000Z" },
      { slug: "draft", published_at: "2020-10-20T09:00:00.000Z", status: "draft" },
    );
    const rows = await pending();
    expect(kinds(rows)).toEqual([
      `publication.published publication:${await idOf("past")}`,
      `publication.published publication:${await idOf("ahead")}`,
    ]);
    expect(rows[0].due_at >= before).toBe(true);
    expect(rows[1].due_at).toBe(ahead);
    expect(rows.every((row) => /^evt_[0-9a-f]{32}$/.test(row.id))).toBe(true);
  });

  it("re-arm a reschedule and drop an unscheduled one", async () => {
    await addPublications({ slug: "visit", published_at: "2099-01-01T09:00:00.000Z", status: "scheduled" });
    await update("visit", "published_at = ?2", "2099-02-01T09:00:00.000Z");
    expect((await pending()).map((row) => [row.type, row.due_at])).toEqual([
      ["publication.published", "2099-02-01T09:00:00.000Z"],
    ]);
    // Clearance steps and other writes that readers cannot see leave it alone.
    await update("visit", "review = NULL");
    expect(await pending()).toHaveLength(1);
    await update("visit", "status = 'draft'");
    expect(await pending()).toEqual([]);
    await update("visit", "status = 'scheduled'");
    expect((await pending()).map((row) => row.due_at)).toEqual(["2099-02-01T09:00:00.000Z"]);
    await update("visit", "status = 'archived'");
    expect(await outbox()).toEqual([]);
  });

  it("tell an edit of one that is out, once per burst, and nothing of one not out yet", async () => {
    await addPublications(
      { slug: "out", published_at: "2020-10-20T09:00:00.000Z" },
      { slug: "later", published_at: "2099-01-01T09:00:00.000Z", status: "scheduled" },
    );
    await env.DB.prepare("UPDATE events SET dispatched_at = due_at").run();
    await update("out", "title = 'Corrected'");
    await update("out", "lead = 'Corrected too'");
    await update("later", "title = 'Not out yet'");
    expect(kinds(await pending())).toEqual([`publication.updated publication:${await idOf("out")}`]);
  });

  it("tell a withdrawal, an archiving and a deletion of one that was out", async () => {
    await addPublications(
      { slug: "withdrawn", published_at: "2020-10-20T09:00:00.000Z" },
      { slug: "archived", published_at: "2020-10-20T09:00:00.000Z" },
      { slug: "deleted", published_at: "2020-10-20T09:00:00.000Z" },
    );
    const deleted = await idOf("deleted");
    await env.DB.prepare("UPDATE events SET dispatched_at = due_at").run();
    await update(
      "withdrawn",
      "withdrawn_at = ?2, withdrawal_reason = 'Wrong date'",
      new Date().toISOString(),
    );
    await update("archived", "status = 'archived'");
    await env.DB.prepare("DELETE FROM publications WHERE slug = 'deleted'").run();
    const rows = await pending();
    expect(rows.map((row) => row.type)).toEqual(Array(3).fill("publication.withdrawn"));
    // The deleted row cannot be read at dispatch: its summary was kept.
    const frozen = JSON.parse(rows.find((row) => row.subject === `publication:${deleted}`)?.payload ?? "{}");
    expect(frozen).toMatchObject({ id: deleted, slug: "deleted", deleted: true });
  });

  it("arm the expiry at expires_at, move it, and drop it when cleared, telling each move once", async () => {
    await addPublications({ slug: "notice", published_at: "2020-10-20T09:00:00.000Z" });
    await env.DB.prepare("UPDATE events SET dispatched_at = due_at").run();
    await update("notice", "expires_at = ?2", "2099-03-01T00:00:00.000Z");
    await update("notice", "expires_at = ?2", "2099-04-01T00:00:00.000Z");
    const expiries = async () =>
      (await pending()).filter((row) => row.type === "publication.expired").map((row) => row.due_at);
    const updates = async () => (await pending()).filter((row) => row.type === "publication.updated");
    expect(await expiries()).toEqual(["2099-04-01T00:00:00.000Z"]);
    // A partner's alert banner must learn the new end before the old one comes.
    const [told] = await updates();
    expect(await updates()).toHaveLength(1);
    await update("notice", "expires_at = NULL");
    expect(await expiries()).toEqual([]);
    // The burst of saves is one notice, under a new webhook-id: the one being sent may miss the last save.
    const [retold, ...more] = await updates();
    expect(more).toEqual([]);
    expect(retold.id).not.toBe(told.id);
  });

  it("tell counter and site changes readers see, and not the actor stamp before a delete", async () => {
    await addCounters({ slug: "days", since: "2020-01-01" });
    expect(kinds(await pending())).toEqual(["counter.changed counter:days"]);
    await env.DB.prepare("UPDATE events SET dispatched_at = due_at").run();
    await env.DB.prepare("UPDATE counters SET changed_by = 'someone' WHERE slug = 'days'").run();
    await env.DB.prepare("UPDATE site SET changed_by = 'someone' WHERE id = 1").run();
    expect(await pending()).toEqual([]);
    await env.DB.prepare("DELETE FROM counters WHERE slug = 'days'").run();
    await env.DB.prepare("UPDATE site SET name = 'Embassy in London' WHERE id = 1").run();
    expect(kinds(await pending())).toEqual(["counter.changed counter:days", "site.changed site"]);
  });
});

describe("the dispatcher", () => {
  let token: string;
  beforeAll(async () => {
    token = await createToken("events", ["publish", "counters", "site"]);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("tells a scheduled publication at its own instant, by its alarm", async () => {
    const { noticeOf, socket } = await connect();
    const instant = inMs(1500);
    await addPublications({ slug: "on-time", published_at: instant, status: "scheduled" });
    const stub = dispatcherOf(env);
    await stub.wake(ORIGIN);
    const alarm = await runInDurableObject(stub, (_, state: DurableObjectState) => state.storage.getAlarm());
    expect(alarm).toBe(Date.parse(instant));
    const heard = await noticeOf("publications");
    expect(heard).toBeGreaterThanOrEqual(Date.parse(instant));
    expect(heard - Date.parse(instant)).toBeLessThan(1000);
    const [row] = await until(outbox, (rows) => rows[0]?.dispatched_at !== null);
    expect(row.dispatched_at).not.toBeNull();
    expect(JSON.parse(row.payload ?? "{}")).toMatchObject({
      slug: "on-time",
      url: `${ORIGIN}/publications/on-time`,
      published_at: instant,
    });
    socket.close();
  });

  it("is woken once per successful write, and not by a refused one", async () => {
    const wake = vi.spyOn(EventDispatcher.prototype, "wake");
    const ok = await sendAs(token, "POST", "/api/v1/counters", {
      slug: "woken",
      since: "2020-01-01",
      sentences: { en: { one: "{days} day", other: "{days} days" } },
    });
    expect(ok.status, await ok.clone().text()).toBe(201);
    const refused = await sendAs(token, "POST", "/api/v1/counters", { slug: "Not a slug" });
    expect(refused.status).toBe(422);
    await until(
      async () => wake.mock.calls.length,
      (calls) => calls > 0,
    );
    expect(wake.mock.calls).toEqual([[ORIGIN]]);
  });

  it("tells live widgets of a write, and the outbox keeps what went out", async () => {
    const { noticeOf, socket } = await connect();
    const write = await sendAs(token, "POST", "/api/v1/counters", {
      slug: "live",
      since: "2020-01-01",
      sentences: { en: { one: "{days} day since the opening", other: "{days} days since the opening" } },
    });
    expect(write.status).toBe(201);
    await noticeOf("counters");
    const [row] = await until(outbox, (rows) => rows[0]?.dispatched_at !== null);
    expect(row.type).toBe("counter.changed");
    expect(JSON.parse(row.payload ?? "{}")).toMatchObject({ slug: "live", active: true });
    socket.close();
  });
});

describe("the hourly upkeep", () => {
  it("forgets events dispatched over thirty days ago, and keeps every pending one", async () => {
    const old = new Date(Date.now() - 31 * 86_400_000).toISOString();
    const recent = new Date(Date.now() - 86_400_000).toISOString();
    await env.DB.prepare(
      `INSERT INTO events (id, type, subject, due_at, created_at, dispatched_at) VALUES
        ('evt_old', 'site.changed', 'site', ?1, ?1, ?1),
        ('evt_recent', 'site.changed', 'site', ?2, ?2, ?2),
        ('evt_pending', 'publication.expired', 'publication:1', '2099-01-01T00:00:00.000Z', ?1, NULL)`,
    )
      .bind(old, recent)
      .run();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "17 * * * *" }), env);
    expect((await outbox()).map((row) => row.id)).toEqual(["evt_recent", "evt_pending"]);
  });
});

describe("GET /api/v1/live", () => {
  it("answers a plain request 426 as a problem", async () => {
    const response = await exports.default.fetch(new Request(`${ORIGIN}/api/v1/live`));
    expect(response.status).toBe(426);
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    expect(response.headers.get("Upgrade")).toBe("websocket");
    expect(await response.json()).toMatchObject({ status: 426, title: "Upgrade Required" });
  });

  it("answers ping with pong and closes on anything else", async () => {
    const { socket } = await connect();
    const pong = new Promise((resolve) => socket.addEventListener("message", (event) => resolve(event.data)));
    socket.send("ping");
    expect(await pong).toBe("pong");
    const closed = new Promise<number>((resolve) =>
      socket.addEventListener("close", (event) => resolve(event.code)),
    );
    socket.send("hello");
    expect(await closed).toBe(1008);
  });
});
