/**
 * The console speaks to the same write API as any program: JSON in,
 * problem+json back. The session cookie goes along on its own; the CSRF
 * secret goes in a header no other site can set.
 */
import type { Problem } from "../worker/schemas/problem";
import { CSRF_HEADER } from "./contract";
import { readSession } from "./session";

export type { Problem };

export type Answer<T> =
  | { ok: true; status: number; data: T; etag: string | null }
  | { ok: false; status: number; problem: Problem; data?: unknown };

function problemOf(status: number, data: unknown): Problem {
  const problem = data as Partial<Problem> | undefined;
  return {
    type: "about:blank",
    title: problem?.title ?? `Error ${status}`,
    status,
    detail: problem?.detail ?? "The server gave no reason.",
    ...problem,
  } as Problem;
}

async function answerOf<T>(response: Response): Promise<Answer<T>> {
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (response.ok)
    return { ok: true, status: response.status, data: data as T, etag: response.headers.get("ETag") };
  return { ok: false, status: response.status, problem: problemOf(response.status, data), data };
}

/** Calls the API; a network failure becomes a problem too, so callers have one shape to show. */
export async function call<T>(
  method: string,
  path: string,
  options: { json?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  if (method !== "GET") headers[CSRF_HEADER] = readSession().csrf;
  if (options.json !== undefined) headers["Content-Type"] = "application/json";
  try {
    const response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
    });
    return await answerOf<T>(response);
  } catch (error) {
    return {
      ok: false,
      status: 0,
      problem: problemOf(0, { detail: `No answer: ${(error as Error).message}` }),
    };
  }
}

/** Uploads a file with progress (fetch reports none for uploads); resolves with the API's answer. */
export function upload<T>(
  path: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<Answer<T>> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", path);
    request.setRequestHeader(CSRF_HEADER, readSession().csrf);
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const data = request.responseText ? JSON.parse(request.responseText) : undefined;
      const ok = request.status >= 200 && request.status < 300;
      resolve(
        ok
          ? { ok, status: request.status, data, etag: request.getResponseHeader("ETag") }
          : { ok, status: request.status, problem: problemOf(request.status, data), data },
      );
    };
    request.onerror = () =>
      resolve({ ok: false, status: 0, problem: problemOf(0, { detail: "The upload was cut off." }) });
    const form = new FormData();
    form.append("file", file);
    request.send(form);
  });
}
