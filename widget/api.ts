/**
 * Reading the chancery API from a third-party page: no cookies, a timeout,
 * one request for data several elements share, and the last good answer
 * kept in localStorage for when the API is away.
 */

/** The origin this script was served from: the API's home unless an element says otherwise. */
const scriptOrigin = new URL(import.meta.url).origin;

const TIMEOUT_MS = 8000;
const inflight = new Map<string, Promise<unknown>>();

/**
 * `path` on the API, with the parameters of `query` that have a value.
 * @example apiUrl(null, "/api/v1/site", { lang: "ru" }) // "https://embassy.example/api/v1/site?lang=ru"
 */
export function apiUrl(
  base: string | null | undefined,
  path: string,
  query: Record<string, string | number | null | undefined> = {},
): string {
  const url = new URL(path, base || scriptOrigin);
  for (const [key, value] of Object.entries(query)) if (value) url.searchParams.set(key, String(value));
  return url.href;
}

async function request(url: string, fresh: boolean): Promise<unknown> {
  const response = await fetch(url, {
    credentials: "omit",
    // After a change was announced: revalidate (If-None-Match), never the cached copy unasked.
    cache: fresh ? "no-cache" : "default",
    headers: { Accept: "application/json" },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${response.status}`);
  return response.json();
}

/** `?a=1&b=2` and `?b=2&a=1` are one answer. */
function sameUrl(url: string): string {
  const parsed = new URL(url, location.href);
  parsed.searchParams.sort();
  return parsed.href;
}

const carried = new WeakMap<Element, Map<string, unknown>>();

function readCarried(element: Element): Map<string, unknown> {
  try {
    const text = element.querySelector(':scope > script[type="application/json"]')?.textContent;
    const answers: Record<string, unknown> = text ? JSON.parse(text) : {};
    return new Map(Object.entries(answers).map(([url, json]) => [sameUrl(url), json]));
  } catch {
    return new Map();
  }
}

/**
 * The answer `element` carries for `url`, once: a page rendered by chancery
 * puts the API's answers it was made from inside each element, so the
 * element takes over without asking again; refreshes go to the network.
 *
 * Only a `<script type="application/json">` that is the element's own child
 * counts, and only on the API's own origin. A partner's page may hold markup
 * its users wrote (ids included), and a page vouches for no origin but its
 * own: there every answer comes from the network.
 */
export function takeCarried(element: Element, url: string): unknown {
  if (new URL(url).origin !== location.origin) return;
  let answers = carried.get(element);
  if (!answers) {
    answers = readCarried(element);
    carried.set(element, answers);
  }
  const key = sameUrl(url);
  const json = answers.get(key);
  answers.delete(key);
  return json;
}

/** The JSON at `url` (`fresh`: revalidated with the API); elements asking at the same moment share one request. */
export function getJson(url: string, fresh = false): Promise<unknown> {
  const key = fresh ? `fresh ${url}` : url;
  let pending = inflight.get(key);
  if (!pending) {
    pending = request(url, fresh).finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  return pending;
}

export interface Saved {
  json: unknown;
  savedAt: number;
}

/** An instant a Date can hold, so the notice can write it. */
const isSaveTime = (value: unknown): value is number =>
  typeof value === "number" && !Number.isNaN(new Date(value).getTime());

const storageKey = (url: string) => `chancery:${url}`;

// Storage can be missing or refuse (private modes, sandboxed frames): then nothing is kept.
export function save(url: string, json: unknown): void {
  try {
    localStorage.setItem(storageKey(url), JSON.stringify({ json, savedAt: Date.now() }));
  } catch {}
}

/**
 * The copy saved for `url`. Any script on the host page can write storage,
 * so what comes back is checked like an answer from the network: here the
 * time, by the caller the answer.
 */
export function restore(url: string): Saved | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey(url)) ?? "null");
    return isSaveTime(saved?.savedAt) ? saved : undefined;
  } catch {
    return undefined;
  }
}
