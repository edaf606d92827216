import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import type { AppEnv } from "../bindings";

/** A bare answer: the liveness probe, and the ceiling the benchmark measures against. */
export const health = new Hono<AppEnv>().get(
  "/",
  describeRoute({
    summary: "Health",
    description: "Answers at once without touching storage.",
    tags: ["Operations"],
    responses: { 200: { description: "The worker is up" } },
  }),
  (c) => c.json({ status: "ok" }),
);
