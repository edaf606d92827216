/**
 * The live channel: one WebSocket per page and API, shared by every element,
 * on which the API names the reads that changed (`{"changed":["counters"]}`).
 * It is open only while the page is visible and some element listens; after
 * repeated failures it gives up for the page's life, and the elements'
 * polling carries on as before.
 */
import type { LiveTopic } from "../worker/schemas/event";

type Listener = (topics: readonly LiveTopic[]) => void;

const EVERYTHING: readonly LiveTopic[] = ["publications", "counters", "site"];
const GIVE_UP_AFTER = 6;
const PING_MS = 45_000;

interface Hub {
  listeners: Set<Listener>;
  socket?: WebSocket;
  failures: number;
  /** Notices may have been missed while the socket was down: listeners refetch when it is back. */
  missed: boolean;
  retry?: ReturnType<typeof setTimeout>;
}

const hubs = new Map<string, Hub>();

/** The API's origin as WebSocket's scheme names it: what a page's connect-src must allow. */
const wsOrigin = (origin: string) => origin.replace(/^http/, "ws");

const tell = (hub: Hub, topics: readonly LiveTopic[]) => {
  for (const listener of hub.listeners) listener(topics);
};

function topicsOf(data: unknown): LiveTopic[] {
  try {
    const changed = JSON.parse(String(data)).changed;
    return Array.isArray(changed) ? EVERYTHING.filter((topic) => changed.includes(topic)) : [];
  } catch {
    return [];
  }
}

function open(origin: string, hub: Hub): void {
  if (hub.socket || hub.failures >= GIVE_UP_AFTER || hub.listeners.size === 0 || document.hidden) return;
  clearTimeout(hub.retry);
  let socket: WebSocket;
  try {
    socket = new WebSocket(`${wsOrigin(origin)}/api/v1/live`);
  } catch {
    // Refused outright (a page's policy): polling it is, for good.
    hub.failures = GIVE_UP_AFTER;
    return;
  }
  let ping: ReturnType<typeof setInterval>;
  hub.socket = socket;
  socket.onopen = () => {
    hub.failures = 0;
    ping = setInterval(() => socket.send("ping"), PING_MS);
    if (hub.missed) tell(hub, EVERYTHING);
    hub.missed = false;
  };
  socket.onmessage = (event) => {
    const topics = topicsOf(event.data);
    if (topics.length > 0) tell(hub, topics);
  };
  socket.onclose = () => {
    clearInterval(ping);
    if (hub.socket !== socket) return;
    hub.socket = undefined;
    hub.missed = true;
    // Full jitter from the first retry: after a deploy every page loses its socket at once,
    // and they come back spread over seconds, not in the same one.
    const delay = 1000 + Math.random() * Math.min(60_000, 5000 * 2 ** hub.failures++);
    hub.retry = setTimeout(() => open(origin, hub), delay);
  };
}

/** Closed on purpose (the page is hidden, no one listens): what changes meanwhile is read when it reopens. */
function close(hub: Hub): void {
  const socket = hub.socket;
  hub.socket = undefined;
  hub.missed ||= socket !== undefined;
  clearTimeout(hub.retry);
  socket?.close(1000);
}

document.addEventListener("visibilitychange", () => {
  for (const [origin, hub] of hubs) document.hidden ? close(hub) : open(origin, hub);
});

/**
 * Calls `listener` with the topics the API at `apiUrl` says changed; the
 * returned function stops listening.
 * @example const stop = listen("https://embassy.example/api/v1/site", (topics) => topics.includes("site") && reload());
 */
export function listen(apiUrl: string, listener: Listener): () => void {
  const origin = new URL(apiUrl).origin;
  let hub = hubs.get(origin);
  if (!hub) {
    const created: Hub = { listeners: new Set(), failures: 0, missed: false };
    // A page whose policy leaves out the channel (connect-src without wss:) is told once, not on every retry.
    document.addEventListener("securitypolicyviolation", (event) => {
      if (event.blockedURI.startsWith(wsOrigin(origin))) {
        created.failures = GIVE_UP_AFTER;
      }
    });
    hub = created;
    hubs.set(origin, hub);
  }
  const found = hub;
  found.listeners.add(listener);
  open(origin, found);
  return () => {
    found.listeners.delete(listener);
    if (found.listeners.size === 0) close(found);
  };
}
