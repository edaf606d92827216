import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../bindings";
import { type CachedEntry, contentVersion, readEntry, writeEntry } from "../data/cache";
import { needs } from "./access";
import { isNotModified } from "./conditional";
import { declaredUrl } from "./declared-url";
import { digest, toBase64Url } from "./digest";
import { authenticate } from "./editor-auth";
import { problem } from "./problem";

/** What a route hands the cache: the answer and until when it holds. */
export interface Fresh {
  /** JSON to send, or the text itself when `contentType` names another type. */
  body: unknown;
  contentType?: string;
  /** Epoch ms when the calendar changes the answer: a scheduled publication, midnight. */
  freshUntil?: number;
  headers?: Record<string, string>;
}

const MAX_AGE_S = 60;
const STALE_IF_ERROR_S = 86_400;

/** A strong ETag from the body's SHA-256. */
export async function entityTag(body: string): Promise<string> {
  return `"${toBase64Url(await digest("SHA-256", body)).slice(0, 22)}"`;
}

/**
 * Shared caches may keep a copy for a minute, never past the instant the
 * calendar changes the answer.
 */
function cacheControl(freshUntil: number, now: number): string {
  const remaining = Math.max(0, Math.floor((freshUntil - now) / 1000));
  const maxAge = Math.min(MAX_AGE_S, remaining);
  const staleWhileRevalidate = Math.min(MAX_AGE_S, remaining - maxAge);
  return `public, max-age=${maxAge}, stale-while-revalidate=${staleWhileRevalidate}, stale-if-error=${STALE_IF_ERROR_S}`;
}

/** `Cache-Control: no-cache` asks for an answer checked against the source. */
function wantsRevalidation(c: Context): boolean {
  const directives = `${c.req.header("Cache-Control") ?? ""},${c.req.header("Pragma") ?? ""}`;
  return /(^|[\s,])no-cache($|[\s,=])/i.test(directives);
}

function respond(c: Context, entry: CachedEntry, now: number): Response {
  const headers = new Headers(entry.headers);
  headers.set("ETag", entry.etag);
  headers.set("Cache-Control", cacheControl(entry.freshUntil, now));
  // Every cached read is typed by us (JSON, HTML, a feed): no browser may guess another type.
  headers.set("X-Content-Type-Options", "nosniff");
  if (isNotModified(c.req.header("If-None-Match"), entry.etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set("Content-Type", entry.contentType);
  return new Response(entry.body, { headers });
}

async function toEntry(fresh: Fresh, version: string): Promise<CachedEntry> {
  const body = fresh.contentType ? String(fresh.body) : JSON.stringify(fresh.body);
  return {
    version,
    body,
    contentType: fresh.contentType ?? "application/json; charset=utf-8",
    etag: await entityTag(body),
    freshUntil: fresh.freshUntil ?? Number.MAX_SAFE_INTEGER,
    headers: fresh.headers ?? {},
  };
}

/**
 * Answers a public read from cache when a copy is current, else from
 * `load`, keeping the result for the next reader. When `load` fails, an
 * older copy is served rather than an error.
 */
export async function cachedRead(c: Context<AppEnv>, load: () => Promise<Fresh>): Promise<Response> {
  const now = Date.now();
  const key = declaredUrl(c).href;
  const version = await contentVersion(c.env.DB);
  const found = await readEntry(key, (entry) => entry.version === version && entry.freshUntil > now);
  if (found.current && !wantsRevalidation(c)) return respond(c, found.current, now);
  let entry: CachedEntry;
  try {
    entry = await toEntry(await load(), version);
  } catch (error) {
    if (error instanceof HTTPException) throw error;
    const fallback = found.current ?? found.stale;
    console.error("read failed", c.req.url, error);
    if (fallback) return respond(c, { ...fallback, freshUntil: now }, now);
    throw problem(
      503,
      "The publication store is unavailable right now; try again shortly.",
      {},
      {
        "Retry-After": "5",
      },
    );
  }
  c.executionCtx.waitUntil(writeEntry(key, entry));
  return respond(c, entry, now);
}

/**
 * A public read, cached and shared; or, when an editor lists by status
 * (drafts, archives), the same read behind a token and never shared.
 */
export async function publicOrEditorRead(
  c: Context<AppEnv>,
  byStatus: boolean,
  load: () => Promise<Fresh>,
): Promise<Response> {
  if (!byStatus) return cachedRead(c, load);
  await authenticate(c, needs("contributor"));
  const { body, headers } = await load();
  return c.json(body, 200, { ...headers, "Cache-Control": "private, no-store" });
}
