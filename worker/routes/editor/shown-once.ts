import type { Context } from "hono";
import type { DescribeRouteOptions } from "hono-openapi";
import { invalidParams } from "../../http/problem";

/**
 * Writes whose answer holds a secret shown once (a token, an invitation
 * link) take no `Idempotency-Key`: replaying the answer would mean keeping
 * the secret, and only its hash is ever kept. A retry makes a new one.
 */
export function shownOnce(operation: DescribeRouteOptions): DescribeRouteOptions {
  const parameters = (operation.parameters ?? []).filter(
    (parameter) => !("$ref" in parameter && parameter.$ref.endsWith("/Idempotency-Key")),
  );
  return { ...operation, parameters };
}

/** Refuses an `Idempotency-Key` on such a write, rather than let a client believe a retry is safe. */
export function refuseRetryKey(c: Context): void {
  if (c.req.header("Idempotency-Key") === undefined) return;
  throw invalidParams([
    {
      name: "Idempotency-Key",
      reason:
        "is not taken here: the answer holds a secret shown once and kept nowhere, so it cannot be replayed",
    },
  ]);
}
