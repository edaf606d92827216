import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { ValidationTargets } from "hono";
import { validator } from "hono-openapi";
import * as v from "valibot";
import { REFERENCE } from "../schemas/common";
import type { InvalidParam } from "../schemas/problem";
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

const OBJECTS = new Set(["object", "strict_object", "loose_object"]);

/**
 * What an issue says of its field. Valibot gives a missing entry the
 * object's own message (which names unknown fields), so a field left out is
 * said to be required here instead.
 */
function said(issue: { type: string; received: string; path?: unknown[]; message: string }): string {
  const missing = OBJECTS.has(issue.type) && issue.received === "undefined" && (issue.path?.length ?? 0) > 0;
  return missing ? "is required" : issue.message;
}

/** Why a field is bad; a query parameter repeated reaches the schema as a list. */
function reason(
  issue: StandardSchemaV1.Issue,
  name: string,
  target: keyof ValidationTargets,
  input: unknown,
) {
  const given = target === "query" ? (input as Record<string, unknown>)[name] : undefined;
  return Array.isArray(given) ? "must be given only once" : said(issue as v.GenericIssue);
}

/**
 * Parses a request body against `schema`; a bad one is a 422 problem that
 * names each invalid or unknown field by its path.
 * @example const input = parseBody(PublicationInput, await c.req.json());
 */
export function parseBody<Schema extends v.GenericSchema>(
  schema: Schema,
  body: unknown,
): v.InferOutput<Schema> {
  const result = v.safeParse(schema, body, { abortPipeEarly: true });
  if (result.success) return result.output;
  throw invalidParams(fieldIssues(result.issues), 422);
}

/** Each issue named by its field's path (`clocks.0.time_zone`), or `root` when it is about the whole. */
export function fieldIssues(issues: v.GenericIssue[], root = "body"): InvalidParam[] {
  return issues.map((issue) => ({ name: v.getDotPath(issue) ?? root, reason: said(issue) }));
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
          result.error.map((issue) => {
            const name = fieldName(issue, target);
            return { name, reason: reason(issue, name, target, result.data) };
          }),
        );
      }
    },
    // Document what clients send (`kind=a,b` is a string), not what it parses into.
    { options: { ...REFERENCE, typeMode: "input" } },
  );
}
