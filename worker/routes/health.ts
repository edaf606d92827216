import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import type { AppEnv } from "../bindings";
import { json, publicRead } from "../http/operations";

const Health = v.object({ status: v.literal("ok") });

/** A bare answer: the liveness probe, and the ceiling the benchmark measures against. */
export const health = new Hono<AppEnv>().get(
  "/",
  describeRoute(
    publicRead({
      summary: "Health",
      description: "Answers at once without touching storage.",
      tags: ["Operations"],
      answer: { description: "The worker is up", content: json(Health) },
      fromCache: false,
      unversioned: true,
    }),
  ),
  (c) => c.json({ status: "ok" }),
);
