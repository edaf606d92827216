/**
 * A stand-in webhook receiver for the worker tests: a real HTTP server that
 * checks every delivery with the Standard Webhooks reference library, as a
 * partner's server would. Each test names an endpoint of its own
 * (`<origin>/hooks/<name>`) and tells the receiver its secret, and how many
 * deliveries to answer with a 500 first, with a PUT on that address
 * (`{ "secret": "whsec_…", "fail": 2 }`, -1 for always); a GET on it reads
 * back what arrived and whether each verified.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

interface Setup {
  secret: string;
  fail: number;
}

function bodyOf(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => resolve(body));
    request.on("error", reject);
  });
}

export async function startWebhookReceiver(): Promise<{ origin: string }> {
  const setups = new Map<string, Setup>();
  const received = new Map<string, unknown[]>();
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://receiver").pathname;
    const body = await bodyOf(request);
    if (request.method === "PUT") {
      setups.set(path, JSON.parse(body) as Setup);
      response.writeHead(204).end();
      return;
    }
    if (request.method === "GET") {
      response
        .writeHead(200, { "Content-Type": "application/json" })
        .end(JSON.stringify(received.get(path) ?? []));
      return;
    }
    const setup = setups.get(path);
    const headers = {
      "webhook-id": String(request.headers["webhook-id"]),
      "webhook-timestamp": String(request.headers["webhook-timestamp"]),
      "webhook-signature": String(request.headers["webhook-signature"]),
    };
    let verified: unknown = null;
    let error: string | null = null;
    try {
      if (!setup) throw new Error(`no secret was given for ${path}`);
      verified = new Webhook(setup.secret).verify(body, headers);
    } catch (problem) {
      error = String(problem);
    }
    const failing = setup !== undefined && setup.fail !== 0;
    if (setup && setup.fail > 0) setup.fail -= 1;
    received.set(path, [
      ...(received.get(path) ?? []),
      {
        headers: {
          ...headers,
          "content-type": request.headers["content-type"],
          "user-agent": request.headers["user-agent"],
        },
        body,
        verified,
        error,
        answered: failing ? 500 : 204,
      },
    ]);
    if (failing)
      response.writeHead(500, { "Content-Type": "text/plain" }).end("The receiver is down on cue.");
    else response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // The tests' process may end while it listens.
  server.unref();
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}` };
}
