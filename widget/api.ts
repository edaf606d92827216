/**
 * Reading the chancery API from a third-party page: no cookies, a timeout,
 * one request for data several elements share, and the last good answer
 * kept in localStorage for when the API is away.
 */

/** The origin this script was served from: the API's home unless an element says otherwise. */
const scriptOrigin = new URL(import.meta.url).origin;

import { CARRIED_ID } from "./embed-snippet";

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

/** `?a=1&b=2` and `?b=2&a=1` are one answer. */
function sameUrl(url: string): string {
  const parsed = new URL(url, location.href);
  parsed.searchParams.sort();
  return parsed.href;
}

let carried: Map<string, unknown> | undefined;

function readCarried(): Map<string, unknown> {
  try {
    const text = document.getElementById(CARRIED_ID)?.textContent;
    const answers: Record<string, unknown> = text ? JSON.parse(text) : {};
    return new Map(Object.entries(answers).map(([url, json]) => [sameUrl(url), json]));
  } catch {
    return new Map();
  }
}

/**
 * The answer the page itself carries for `url`, once: a page rendered by
 * chancery holds the API's answers it was made from, so the elements take
 * over without asking again; refreshes later go to the network.
 */
function takeCarried(url: string): unknown {
  carried ??= readCarried();
  const key = sameUrl(url);
  const json = carried.get(key);
  carried.delete(key);
  return json;
}

/** The JSON at `url`; elements asking at the same moment share one request. */
export function getJson(url: string): Promise<unknown> {
  let pending = inflight.get(url);
  if (!pending) {
    const json = takeCarried(url);
    pending = (json === undefined ? request(url) : Promise.resolve(json)).finally(() => inflight.delete(url));
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
