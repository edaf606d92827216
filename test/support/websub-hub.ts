/**
 * A stand-in WebSub hub for the worker tests: a real HTTP server that
 * records each publish notification it receives, by path, so every test
 * names a hub of its own (`<origin>/<anything>`) and reads back, with a GET
 * on the same address, the pings it got. Any path under `/refusing/`
 * answers 500, as a hub that is down.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

interface Ping {
  contentType: string;
  /** The form's fields, each with its values in order. */
  form: Record<string, string[]>;
}

export async function startWebsubHub(): Promise<{ origin: string }> {
  const pings = new Map<string, Ping[]>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://hub").pathname;
    if (request.method === "GET") {
      response
        .writeHead(200, { "Content-Type": "application/json" })
        .end(JSON.stringify(pings.get(path) ?? []));
      return;
    }
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => {
      const fields = new URLSearchParams(body);
      const form = Object.fromEntries([...fields.keys()].map((key) => [key, fields.getAll(key)]));
      pings.set(path, [
        ...(pings.get(path) ?? []),
        { contentType: request.headers["content-type"] ?? "", form },
      ]);
      response.writeHead(path.startsWith("/refusing/") ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // The tests' process may end while it listens.
  server.unref();
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}` };
}
