import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needsCredential } from "../support/openapi";
import { type ReferenceWorker, startReferenceWorker } from "../support/reference-worker";
import { soak } from "../support/soak";
import { issueToken } from "../support/tokens";

// A one-pixel PNG, so the media route has a real file to serve.
const PIXEL = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
  (char) => char.charCodeAt(0),
);

/** Reads the document does not list as operations: the site's own files and pages. */
const UNDOCUMENTED = [
  "/publications/event-1",
  "/widget.js",
  "/site.css",
  "/embed",
  "/api/docs",
  "/api/openapi.json",
];

let reference: ReferenceWorker;

beforeAll(async () => {
  reference = await startReferenceWorker();
});

afterAll(async () => {
  await reference?.stop();
});

/** An editor's write, answered with `status`; its JSON answer. */
async function write<T>(
  token: string,
  path: string,
  body: BodyInit,
  type: string,
  status: number,
  method = "POST",
): Promise<T> {
  const response = await fetch(new URL(path, reference.worker.url), {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": type },
    body,
  });
  expect(response.status, path).toBe(status);
  return (await response.json()) as T;
}

/** A draft's preview link, as someone without an account would open it: its token. */
async function previewOfDraft(token: string): Promise<string> {
  const draft = { kind: "news", lang: "en", title: "Not out yet", status: "draft" };
  const { id } = await write<{ id: number }>(
    token,
    "/api/v1/publications",
    JSON.stringify(draft),
    "application/json",
    201,
  );
  const link = await write<{ url: string }>(
    token,
    `/api/v1/publications/by-id/${id}/previews`,
    "{}",
    "application/json",
    201,
  );
  return new URL(link.url).pathname.split("/").pop() ?? "";
}

/** Every public read: each GET the OpenAPI document lists without a token, its parameters filled in. */
async function publicReads(): Promise<string[]> {
  const token = await issueToken(reference.worker.db, "Soak", ["publish"]);
  const key = (await write<{ key: string }>(token, "/api/v1/media", PIXEL, "image/png", 201)).key;
  // With an emblem, /favicon.ico leads to it rather than answering 404.
  const admin = await issueToken(reference.worker.db, "Soak admin", ["admin"]);
  await write(admin, "/api/v1/site/emblem", JSON.stringify({ key }), "application/json", 200, "PUT");
  const samples: Record<string, string> = {
    slug: "event-1",
    key,
    q: "event",
    lang: "en",
    url: new URL("/publications/event-1", reference.worker.url).href,
    token: await previewOfDraft(token),
  };
  const sample = (name: string, path: string) => {
    // The counters' slugs are their own.
    const value = name === "slug" && path.startsWith("/api/v1/counters") ? "charter" : samples[name];
    if (!value) throw new Error(`No sample value for ${name} in ${path}`);
    return value;
  };
  const document = (await (await fetch(new URL("/api/openapi.json", reference.worker.url))).json()) as any;
  const documented = Object.entries<any>(document.paths)
    // An upgrade to a WebSocket is no read: test/e2e/live-widget.test.ts takes the live channel.
    .filter(([, item]) => item.get && !needsCredential(item.get) && !item.get.responses?.["101"])
    .map(([path, item]) => {
      const url = new URL(
        path.replace(/\{(\w+)\}/g, (_, name) => sample(name, path)),
        reference.worker.url,
      );
      for (const parameter of item.get.parameters ?? []) {
        if (parameter.in === "query" && parameter.required) {
          url.searchParams.set(parameter.name, sample(parameter.name, path));
        }
      }
      return url.href;
    });
  return [...documented, ...UNDOCUMENTED.map((path) => new URL(path, reference.worker.url).href)];
}

describe("under load", () => {
  // Sixty-four readers for thirty seconds span thirty re-reads of the content
  // version, each overlapped by dozens of requests: any state one request
  // leaves for another to await shows here as a hung or failed answer.
  it("answers every public read, with no error, to 64 concurrent connections for 30 s", async () => {
    const urls = await publicReads();
    expect(urls.length).toBeGreaterThan(15);
    const result = await soak(urls, { connections: 64, seconds: 30 });
    expect(result.failures).toEqual({});
    expect(result.requests).toBeGreaterThan(1000);
  }, 90_000);
});
