import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import type { AppEnv } from "../bindings";
import { dispatcherOf, MAX_SOCKETS } from "../events/stub";
import { problem } from "../http/problem";

const problemContent = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };

/**
 * The live channel: embedded widgets hold one WebSocket per page and hear
 * which topics changed, then refetch those reads themselves. The socket is
 * held by the site's dispatcher (worker/events/dispatcher.ts).
 */
export const live = new Hono<AppEnv>().get(
  "/",
  describeRoute({
    summary: "Live change notices",
    description:
      "A WebSocket (send `Upgrade: websocket`) on which the server says, in JSON, which public reads changed " +
      '(`{"changed":["publications"],"at":"2026-12-02T14:00:00.000Z"}`; topics `publications`, `counters`, ' +
      "`site`) as soon as a write commits or a scheduled publication's instant comes. It carries no content: " +
      "refetch what it names. Send `ping` to be answered `pong`; anything else closes the socket (1008). " +
      `Open to any origin, no credential. At most ${MAX_SOCKETS} connections at once.`,
    tags: ["Site"],
    security: [],
    responses: {
      101: { description: "Switched to the WebSocket protocol: notices follow as text frames" },
      426: {
        description: "Not a WebSocket upgrade: this address speaks only WebSocket",
        headers: { Upgrade: { description: "`websocket`", schema: { type: "string" } } },
        content: problemContent,
      },
      503: {
        description: "Too many live connections: keep polling, or retry after `Retry-After` seconds",
        headers: { "Retry-After": { $ref: "#/components/headers/Retry-After" } },
        content: problemContent,
      },
    },
  }),
  async (c) => {
    if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
      throw problem(
        426,
        "This address speaks WebSocket only: send `Upgrade: websocket`.",
        { title: "Upgrade Required" },
        { Upgrade: "websocket" },
      );
    }
    const answer = await dispatcherOf(c.env).fetch(c.req.raw);
    // The object's answer has headers no one may change; the app's middleware adds its own.
    if (!answer.webSocket) return new Response(answer.body, answer);
    return new Response(null, { status: 101, webSocket: answer.webSocket });
  },
);
