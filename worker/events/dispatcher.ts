import { DurableObject } from "cloudflare:workers";
import { VERSION_RECHECK_MS } from "../data/cache";
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
 * A widget told of a write refetches at once, but an isolate trusts the
 * content version it last read for VERSION_RECHECK_MS: the notice waits
 * that long after the commit, so no refetch is answered from before it.
 */
const SETTLE_MS = VERSION_RECHECK_MS + 100;

/**
 * The site's one event dispatcher (binding DISPATCHER, name "site"). It tells
 * the world what the outbox (migration 0019) holds, each event at its own
 * instant: a write wakes it, its alarm comes at the next pending instant.
 * It also holds the live widgets' WebSockets (hibernating between notices).
 */
export class EventDispatcher extends DurableObject<Env> {
  #draining?: Promise<void>;
  #again = false;
  /** Counted here, not by listing them on each upgrade: a reconnecting crowd would make that quadratic. */
  #sockets: number;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sockets = ctx.getWebSockets().length;
    // Keep-alives are answered without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  /**
   * Dispatches what is due and re-arms the alarm. `origin` (the site's
   * address, for the URLs events carry) is kept for the alarm and the cron,
   * which have none of their own.
   */
  async wake(origin?: string): Promise<void> {
    await this.#remember(origin);
    await this.#drain();
  }

  /** The site's address: the configured one (SITE_ORIGIN), else the latest a request came to. */
  async #remember(origin: string | undefined): Promise<void> {
    const address = this.env.SITE_ORIGIN || origin;
    if (address && address !== (await this.ctx.storage.get<string>(ORIGIN_KEY))) {
      await this.ctx.storage.put(ORIGIN_KEY, address);
    }
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
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const now = new Date();
        const due = await dueEvents(db, now.toISOString(), BATCH);
        if (due.length === 0) break;
        const events = await siteEvents(db, origin, due, now.getTime());
        const settled = Math.max(...due.map((row) => Date.parse(row.created_at))) + SETTLE_MS;
        const broadcast = (topics: LiveTopic[]) => this.#broadcast(topics, settled);
        await announce({ env: this.env, origin, broadcast }, events);
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

  async #broadcast(topics: LiveTopic[], settled: number): Promise<void> {
    const wait = settled - Date.now();
    if (wait > 0) await scheduler.wait(wait);
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
    if (this.#sockets >= MAX_SOCKETS) {
      return problemResponse(
        503,
        "Too many live connections; poll instead, or retry later.",
        {},
        { "Retry-After": "60" },
      );
    }
    if (!(await this.ctx.storage.get(ORIGIN_KEY))) await this.#remember(new URL(request.url).origin);
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.#sockets += 1;
    return new Response(null, { status: 101, webSocket: client });
  }

  /** The channel only speaks: a client that says more than "ping" is closed. */
  override webSocketMessage(socket: WebSocket): void {
    socket.close(1008, "This channel takes no messages but ping");
  }

  /** Rare, and the runtime may close the socket without a close event: count again. */
  override webSocketError(): void {
    this.#sockets = this.ctx.getWebSockets().length;
  }

  override webSocketClose(socket: WebSocket, code: number): void {
    this.#sockets = Math.max(0, this.#sockets - 1);
    try {
      socket.close(code === 1005 ? 1000 : code, "closed");
    } catch {
      // Already closed by the runtime.
    }
  }
}
