/**
 * Reading the chancery API from a third-party page: no cookies, a timeout,
 * one request for data several elements share, and the last good answer
 * kept in localStorage for when the API is away.
 */

/** The origin this script was served from: the API's home unless an element says otherwise. */
const scriptOrigin = new URL(import.meta.url).origin;

const TIMEOUT_MS = 8000;
const inflight = new Map<string, Promise<unknown>>();

export function apiUrl(base: string | null | undefined, path: string): string {
  return new URL(path, base || scriptOrigin).href;
}

async function request(url: string): Promise<unknown> {
  const response = await fetch(url, {
    credentials: "omit",
    headers: { Accept: "application/json" },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

/** The JSON at `url`; elements asking at the same moment share one request. */
export function getJson(url: string): Promise<unknown> {
  let pending = inflight.get(url);
  if (!pending) {
    pending = request(url).finally(() => inflight.delete(url));
    inflight.set(url, pending);
  }
  return pending;
}

export interface Saved {
  json: unknown;
  savedAt: number;
}

const storageKey = (url: string) => `chancery:${url}`;

// Storage can be missing or refuse (private modes, sandboxed frames): then nothing is kept.
export function save(url: string, json: unknown): void {
  try {
    localStorage.setItem(storageKey(url), JSON.stringify({ json, savedAt: Date.now() }));
  } catch {}
}

export function restore(url: string): Saved | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey(url)) ?? "null");
    return saved && typeof saved.savedAt === "number" ? saved : undefined;
  } catch {
    return undefined;
  }
}
