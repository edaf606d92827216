/**
 * The content version and the stores of cached reads.
 *
 * Every cached read is filed under the content version, a number in D1 that
 * triggers move on in the same transaction as any write to what readers see
 * (migration 0007). Once an isolate reads a newer version, no older copy
 * matches: the next read goes to D1. Old copies are kept as a fallback for
 * when D1 fails.
 */

import type { Database } from "./sql";

// How long an isolate trusts the version it last read: other isolates see a
// write at most this much later than the database does.
export const VERSION_RECHECK_MS = 1000;
// A Worker has 128 MB; the isolate's copies may take a small, fixed share of it.
const MEMORY_BYTES = 8 * 1024 * 1024;
// A larger answer is kept only in the Cache API, so a few big pages cannot evict every small one.
const MEMORY_ENTRY_BYTES = 1024 * 1024;
// How long the Cache API keeps a copy; freshness is decided by version and `freshUntil`.
const EDGE_RETENTION_S = 7 * 86_400;

/** A cached answer: the JSON text and what decides whether it is still true. */
export interface CachedEntry {
  version: string;
  body: string;
  contentType: string;
  etag: string;
  /** Epoch ms after which the calendar may have changed the answer. */
  freshUntil: number;
  headers: Record<string, string>;
}

// Only plain values live across requests: the runtime forbids one request
// awaiting I/O that another started, so no pending promise is ever shared.
let known: { version: string; checkedAt: number } | undefined;
const memory = new Map<string, CachedEntry>();
let memoryBytes = 0;

/**
 * The current content version, re-read from D1 at most once a second per
 * isolate; requests that overlap a re-read each make their own.
 */
export async function contentVersion(db: Database): Promise<string> {
  if (known && Date.now() - known.checkedAt < VERSION_RECHECK_MS) return known.version;
  try {
    const row = await db
      .prepare("SELECT epoch || '-' || version AS version FROM content_version WHERE id = 1")
      .first<{ version: string }>();
    const version = row?.version ?? "none";
    known = { version, checkedAt: Date.now() };
    return version;
  } catch (error) {
    // D1 trouble must not take cached reads down: serve them under the last version seen.
    console.error("content version unreadable", error);
    return known?.version ?? "unknown";
  }
}

/**
 * Stops trusting the version last read, so this isolate's next read asks D1:
 * after a write, the writer's own location sees the change at once.
 */
export function forgetContentVersion(): void {
  known = undefined;
}

function edgeKey(key: string): Request {
  return new Request(key);
}

function toEdgeResponse(entry: CachedEntry): Response {
  return new Response(entry.body, {
    headers: {
      "Cache-Control": `public, max-age=${EDGE_RETENTION_S}`,
      "X-Entry": JSON.stringify({ ...entry, body: undefined }),
    },
  });
}

async function fromEdgeResponse(response: Response): Promise<CachedEntry | undefined> {
  const meta = response.headers.get("X-Entry");
  if (!meta) return undefined;
  return { ...JSON.parse(meta), body: await response.text() };
}

/** What the caches hold for a key: a copy still good to serve, or only an old one. */
export interface Lookup {
  current?: CachedEntry;
  stale?: CachedEntry;
}

/**
 * Looks in this isolate's memory, then in the Cache API, for a copy that
 * `isCurrent` accepts; an older copy is handed back as `stale`.
 */
export async function readEntry(key: string, isCurrent: (entry: CachedEntry) => boolean): Promise<Lookup> {
  const remembered = memory.get(key);
  if (remembered && isCurrent(remembered)) {
    // Read again, so kept longer: the bound evicts the least recently used first.
    memory.delete(key);
    memory.set(key, remembered);
    return { current: remembered };
  }
  const stored = await caches.default.match(edgeKey(key));
  const entry = stored && (await fromEdgeResponse(stored));
  if (entry && isCurrent(entry)) {
    remember(key, entry);
    return { current: entry };
  }
  return { stale: remembered ?? entry };
}

/** What an entry costs the isolate: strings are two bytes a code unit. */
function sizeOf(key: string, entry: CachedEntry): number {
  return 2 * (key.length + entry.body.length + JSON.stringify(entry.headers).length) + 256;
}

function forget(key: string): void {
  const entry = memory.get(key);
  if (!entry) return;
  memory.delete(key);
  memoryBytes -= sizeOf(key, entry);
}

function remember(key: string, entry: CachedEntry): void {
  forget(key);
  const size = sizeOf(key, entry);
  if (size > MEMORY_ENTRY_BYTES) return;
  memory.set(key, entry);
  memoryBytes += size;
  // A Map iterates in insertion order, so the first key is the least recently stored.
  while (memoryBytes > MEMORY_BYTES) forget(memory.keys().next().value as string);
}

/** How much the isolate's copies hold, against the bound they are kept under. */
export function memoryFootprint(): { entries: number; bytes: number; limit: number } {
  return { entries: memory.size, bytes: memoryBytes, limit: MEMORY_BYTES };
}

/** Files `entry` under `key`; the returned promise is the Cache API write. */
export function writeEntry(key: string, entry: CachedEntry): Promise<void> {
  remember(key, entry);
  return caches.default.put(edgeKey(key), toEdgeResponse(entry));
}
