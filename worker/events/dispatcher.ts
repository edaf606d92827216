import { DurableObject } from "cloudflare:workers";
import { dueEvents, markDispatched, nextDueAt } from "../data/events";
import { problemResponse } from "../http/problem";
import type { LiveTopic } from "../schemas/event";
import { announce } from "./announce";
import { siteEvents } from "./site-events";
import { MAX_SOCKETS } from "./stub";

/** Events told per round, and rounds per wake: a backlog is drained in steps, the alarm picking up the rest. */
const BATCH = 100;
const ROUNDS = 20;
/** After a failed round (D1 or the queue away), the next try. */
const RETRY_MS = 30_000;
const ORIGIN_KEY = "origin";

/**
 * The site's one event dispatcher (binding DISPATCHER, name "site"). It tells
 * the world what the outbox (migration 0019) holds, each event at its own
 * instant: a write wakes it, its alarm comes at the next pending instant.
 * It also holds the live widgets' WebSockets (hibernating between notices).
 */
export class EventDispatcher extends DurableObject<Env> {
  #draining?: Promise<void>;
  #again = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Keep-alives are answered without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  /**
   * Dispatches what is due and re-arms the alarm. `origin` (the site's
   * address, for the URLs events carry) is kept for the alarm and the cron,
   * which have none of their own.
   */
  async wake(origin?: string): Promise<void> {
    if (origin && origin !== (await this.ctx.storage.get<string>(ORIGIN_KEY))) {
      await this.ctx.storage.put(ORIGIN_KEY, origin);
    }
    await this.#drain();
  }

  override async alarm(): Promise<void> {
    await this.#drain();
  }

  /** One drain at a time: a wake during a drain asks for one more round after it. */
  #drain(): Promise<void> {
    if (this.#draining) {
      this.#again = true;
      return this.#draining;
    }
    this.#draining = (async () => {
      try {
        do {
          this.#again = false;
          await this.#dispatchDue();
        } while (this.#again);
      } finally {
        this.#draining = undefined;
      }
    })();
    return this.#draining;
  }

  async #dispatchDue(): Promise<void> {
    const origin = await this.ctx.storage.get<string>(ORIGIN_KEY);
    // Until a request names the site's address, no event can say where things are.
    if (!origin) return;
    const db = this.env.DB;
    const audience = { env: this.env, origin, broadcast: (topics: LiveTopic[]) => this.#broadcast(topics) };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const now = new Date();
        const due = await dueEvents(db, now.toISOString(), BATCH);
        if (due.length === 0) break;
        const events = await siteEvents(db, origin, due, now.getTime());
        await announce(audience, events);
        await markDispatched(
          db,
          events.map(({ id, data }) => ({ id, data })),
          new Date().toISOString(),
        );
        if (due.length < BATCH) break;
      }
      const next = await nextDueAt(db);
      if (next) await this.ctx.storage.setAlarm(Math.max(Date.parse(next), Date.now()));
      else await this.ctx.storage.deleteAlarm();
    } catch (error) {
      console.error("events not dispatched; retrying", error);
      await this.ctx.storage.setAlarm(Date.now() + RETRY_MS);
    }
  }

  #broadcast(topics: LiveTopic[]): void {
    const notice = JSON.stringify({ changed: topics, at: new Date().toISOString() });
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(notice);
      } catch {
        // A socket closing as we speak is the client's loss; it refetches when it reconnects.
      }
    }
  }

  /** A live widget's WebSocket upgrade, forwarded by `GET /api/v1/live`. */
  override async fetch(request: Request): Promise<Response> {
    if (this.ctx.getWebSockets().length >= MAX_SOCKETS) {
      return problemResponse(
        503,
        "Too many live connections; poll instead, or retry later.",
        {},
        { "Retry-After": "60" },
      );
    }
    if (!(await this.ctx.storage.get(ORIGIN_KEY))) {
      await this.ctx.storage.put(ORIGIN_KEY, new URL(request.url).origin);
    }
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** The channel only speaks: a client that says more than "ping" is closed. */
  override webSocketMessage(socket: WebSocket): void {
    socket.close(1008, "This channel takes no messages but ping");
  }

  override webSocketClose(socket: WebSocket, code: number): void {
    try {
      socket.close(code === 1005 ? 1000 : code, "closed");
    } catch {
      // Already closed by the runtime.
    }
  }
}
