import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { launchChromium } from "./chromium";
import { type ReferenceWorker, startReferenceWorker } from "./reference-worker";

export interface Site {
  origin: string;
  /** Serves `html` at `path` under `csp`. */
  page(path: string, html: string, csp?: string): void;
  close(): Promise<void>;
}

async function listen(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * A strict policy: scripts from the worker only, data from it and `apis`
 * (their live channel too, as the README asks: `ws:` is not covered by `http:`), no inline anything.
 */
export function strictCsp(workerOrigin: string, ...apis: string[]): string {
  const origins = [workerOrigin, ...apis];
  return [
    "default-src 'none'",
    `script-src ${workerOrigin}`,
    `connect-src ${[...origins, ...origins.map((origin) => origin.replace(/^http/, "ws"))].join(" ")}`,
    "style-src 'self'",
    "base-uri 'none'",
  ].join("; ");
}

/** A partner's page that loads the widget from `workerOrigin` and holds `body`. */
export function partnerPage(workerOrigin: string, body: string, head = ""): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>
    <script type="module" src="${workerOrigin}/widget.js"></script>${head}</head><body>${body}</body></html>`;
}

/** A partner's site on another origin (127.0.0.1 while the worker is on localhost). */
export async function startThirdPartySite(): Promise<Site> {
  const pages = new Map<string, { html: string; csp?: string }>();
  const { server, origin } = await listen((request, response) => {
    const page = pages.get(new URL(request.url ?? "/", "http://x").pathname);
    if (!page) return void response.writeHead(404).end();
    response.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      ...(page.csp ? { "Content-Security-Policy": page.csp } : {}),
    });
    response.end(page.html);
  });
  return {
    origin,
    page: (path, html, csp) => void pages.set(path, { html, csp }),
    close: () => closeServer(server),
  };
}

export type ApiMode = "up" | "down" | "garbage" | "held";

export interface FlakyApi {
  origin: string;
  mode: ApiMode;
  /** Lets every request held so far through, and the mode back to "up". */
  release(): void;
  /** The Cookie header of every request received, "" when none came. */
  cookies: string[];
  close(): Promise<void>;
}

/**
 * A real HTTP hop in front of the worker that can drop connections or
 * answer garbage, for the widget's behaviour when its API fails.
 */
export async function startFlakyApi(upstream: string): Promise<FlakyApi> {
  let held: (() => void)[] = [];
  const api: FlakyApi = {
    origin: "",
    mode: "up",
    release() {
      api.mode = "up";
      for (const resume of held) resume();
      held = [];
    },
    close: async () => {},
    cookies: [],
  };
  const { server, origin } = await listen(async (request, response) => {
    api.cookies.push(request.headers.cookie ?? "");
    if (api.mode === "held") await new Promise<void>((resume) => held.push(resume));
    if (api.mode === "down") return void request.socket.destroy();
    if (api.mode === "garbage") {
      response.writeHead(200, { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*" });
      return void response.end('{"items": "<html>not what you expected</html>"');
    }
    const answer = await fetch(new URL(request.url ?? "/", upstream));
    const headers = Object.fromEntries(answer.headers);
    // fetch() has already decoded the body.
    delete headers["content-encoding"];
    delete headers["content-length"];
    // The browser must ask again on every visit, or a failure would never show.
    headers["cache-control"] = "no-store";
    response.writeHead(answer.status, headers);
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  // A plain HTTP hop, as many proxies are: it speaks no WebSocket, so widgets behind it keep polling.
  server.on("upgrade", (_request, socket) => socket.destroy());
  api.origin = origin;
  api.close = () => closeServer(server);
  return api;
}

/** What every widget test runs against: the worker, a flaky proxy of its API, a partner's site, Chromium. */
export interface WidgetStage {
  reference: ReferenceWorker;
  api: FlakyApi;
  site: Site;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startWidgetStage(vars: Record<string, string> = {}): Promise<WidgetStage> {
  const reference = await startReferenceWorker(vars);
  const api = await startFlakyApi(reference.origin);
  const site = await startThirdPartySite();
  const browser = await launchChromium();
  return {
    reference,
    api,
    site,
    browser,
    async stop() {
      await browser.close();
      await Promise.all([site.close(), api.close(), reference.stop()]);
    },
  };
}
