import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { ValidationTargets } from "hono";
import { validator } from "hono-openapi";
import * as v from "valibot";
import { invalidParams } from "./problem";

/**
 * Names the field an issue is about: a query or path parameter by its own
 * name (a bad entry of `kind=a,b` is a bad `kind`), a body field by its path.
 */
function fieldName(issue: StandardSchemaV1.Issue, target: keyof ValidationTargets): string {
  const path = (issue.path ?? []).map((segment) =>
    typeof segment === "object" ? String(segment.key) : String(segment),
  );
  if (path.length === 0) return target;
  return target === "query" || target === "param" ? path[0] : path.join(".");
}

/**
 * Validates one part of the request against a valibot schema and answers a
 * bad one with a 400 problem naming every offending field. The schema also
 * feeds the OpenAPI document, so the docs cannot drift from the checks.
 */
export function valid<Target extends keyof ValidationTargets, Schema extends v.GenericSchema>(
  target: Target,
  schema: Schema,
) {
  // One reason per field: the first check a value fails says what is wrong.
  return validator(
    target,
    v.config(schema, { abortPipeEarly: true }),
    (result) => {
      if (!result.success) {
        throw invalidParams(
          result.error.map((issue) => ({ name: fieldName(issue, target), reason: issue.message })),
        );
      }
    },
    // Document what clients send (`kind=a,b` is a string), not what it parses into.
    { options: { typeMode: "input" } },
  );
}
