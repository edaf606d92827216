import { env, exports } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, beforeEach, describe, it } from "vitest";
import { PNG } from "../support/bodies";
import {
  arbitraryOf,
  type Call,
  contractBreaches,
  fillPath,
  invalidOf,
  type Operation,
  type Parameter,
  readContract,
  requestOf,
  resolved,
} from "../support/openapi";
import { accessedOperations, createPerson, createSession, createToken, inSession } from "./editor-fixtures";
import { addCounters, addPublications, resetContent } from "./fixtures";

/**
 * What a user's OpenAPI fuzzer does: requests made from the document alone.
 * Whatever it calls valid the server must take (never 400 or 422), and
 * whatever it calls invalid the server must refuse, naming the field.
 */
const ORIGIN = "https://embassy.example";
const SEED = 20261202;
const VALID_RUNS = 10;
const INVALID_RUNS = 15;

// Read once, at collection, so every operation the document lists gets its own property.
const { document, operations, index } = await readContract(exports.default, ORIGIN);

let admin: string;
/** A console session, for what is done from the console only; fresh for each operation, as one signs itself out. */
let consoleSession: { cookie: string; csrf: string };
const SESSION_ONLY = accessedOperations((rule) => rule === "session");

const send = (call: Call) => exports.default.fetch(requestOf(call, ORIGIN));

/** Values as a parameter carries them: text, a list as repeated entries. */
const asText = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value)]);

/** The parameters' values: each required one always, each optional one now and then. */
function parameterValues(parameters: Parameter[]): fc.Arbitrary<Record<string, unknown>> {
  const model = Object.fromEntries(parameters.map((p) => [p.name, arbitraryOf(document, p.schema)]));
  const requiredKeys = parameters.filter((p) => p.required || p.in === "path").map((p) => p.name);
  return fc.record(model, { requiredKeys });
}

const where = (operation: Operation, place: Parameter["in"]) =>
  operation.parameters.filter((p) => p.in === place && p.name.toLowerCase() !== "authorization");

/** A request from its parts, with the admin's token so no scope stands in the way. */
function callOf(
  operation: Operation,
  parts: { path: Record<string, unknown>; query: Record<string, unknown>; headers: Record<string, unknown> },
  body?: { type: string; value: unknown },
): Call {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parts.query)) {
    for (const text of asText(value)) search.append(name, text);
  }
  const path = fillPath(
    operation.path,
    Object.fromEntries(Object.entries(parts.path).map(([name, value]) => [name, String(value)])),
  );
  const headers = Object.fromEntries(
    Object.entries(parts.headers).map(([name, value]) => [name, String(value)]),
  );
  return {
    method: operation.method,
    path: search.size > 0 ? `${path}?${search}` : path,
    ...(SESSION_ONLY.has(operation.key)
      ? { headers: { ...inSession(consoleSession), ...headers, ...(body && { "Content-Type": body.type }) } }
      : { token: admin, headers: body ? { ...headers, "Content-Type": body.type } : headers }),
    body: body && (body.type === "application/json" ? JSON.stringify(body.value) : body.value),
  };
}

/** The JSON body's schema, if the operation takes one. */
function jsonBodySchema(operation: Operation) {
  const schema = operation.requestBody?.content["application/json"]?.schema;
  return schema && resolved(document, schema);
}

/**
 * Bodies the document calls valid: JSON from its schema; otherwise the
 * first type it takes, text or bytes. Only a JSON body says enough for the
 * server to owe it a yes; the others are checked for declared answers only.
 */
/**
 * What JSON Schema cannot state, and the document says in words: an expiry
 * comes after the publication instant (the stored one, or now, when none is given), and a
 * change note goes only with a non-minor edit of a text that is out, and a
 * reason to publish without approval only with a request that publishes a
 * text no one approved, which depend on what is stored; and a level goes
 * with an alert alone, which needs one and an expiry (kind and level may
 * each be stored already). The contract tests and alerts.test.ts send those.
 */
function keepsCrossFieldRules(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  const fields = value as {
    expires_at?: unknown;
    published_at?: unknown;
    status?: unknown;
    kind?: unknown;
    level?: unknown;
  };
  if (fields.kind === "alert" || (fields.level !== undefined && fields.level !== null)) return false;
  if ("change_note" in fields || "without_approval" in fields || fields.status === "published") return false;
  if (typeof fields.expires_at !== "string") return true;
  // Without published_at, the expiry is held to the stored instant, or now: unknown here.
  return (
    typeof fields.published_at === "string" && Date.parse(fields.expires_at) > Date.parse(fields.published_at)
  );
}

/**
 * What JSON Schema cannot state either: a counter's sentences are in the
 * site's languages, the default one's among them, with a form for each
 * plural category Intl gives each language. Generated ones are swapped for
 * sentences that keep those rules on the site under test (English only);
 * test/worker/plural-counters.test.ts sends the ones that break them.
 */
function keepsSiteSentences(value: unknown): unknown {
  if (typeof value !== "object" || value === null || !("sentences" in value)) return value;
  return { ...value, sentences: { en: { one: "{days} day", other: "{days} days" } } };
}

/** The image uploaded before the calls, which an emblem may name. */
const EMBLEM = "0123456789abcdef0123456789abcdef.png";

/**
 * What JSON Schema cannot state either, as it depends on what is stored: a
 * translation is into one of the site's languages, and an emblem names an
 * uploaded image. Generated ones are swapped for ones the site under test
 * has; test/worker/translations.test.ts and emblem.test.ts send the others.
 */
function keepsStoredReferences(operation: Operation, value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (operation.path.endsWith("/translations") && "lang" in value) return { ...value, lang: "ru" };
  if (operation.path === "/api/v1/site/emblem" && "key" in value) return { ...value, key: EMBLEM };
  return value;
}

function bodies(operation: Operation): fc.Arbitrary<{ type: string; value: unknown } | undefined> {
  const content = operation.requestBody?.content ?? {};
  const [type] = "application/json" in content ? ["application/json"] : Object.keys(content);
  if (!type) return fc.constant(undefined);
  const schema = resolved(document, content[type].schema ?? {});
  const values =
    schema.format === "binary"
      ? fc.uint8Array({ minLength: 1, maxLength: 64 })
      : arbitraryOf(document, schema);
  const body = values
    .filter(keepsCrossFieldRules)
    .map((value) => ({ type, value: keepsStoredReferences(operation, keepsSiteSentences(value)) }));
  return operation.requestBody?.required ? body : fc.option(body, { nil: undefined });
}

/**
 * An Idempotency-Key promises a new request, so each generated request gets
 * a key of its own: one reused with another body is rightly refused.
 */
function withFreshKey(call: Call): Call {
  const headers = Object.entries(call.headers ?? {}).map(([name, value]) => [
    name,
    name.toLowerCase() === "idempotency-key" ? crypto.randomUUID() : value,
  ]);
  return { ...call, headers: Object.fromEntries(headers) };
}

function validCalls(operation: Operation): fc.Arbitrary<Call> {
  return fc
    .record({
      path: parameterValues(where(operation, "path")),
      query: parameterValues(where(operation, "query")),
      headers: parameterValues(where(operation, "header")),
      body: bodies(operation),
    })
    .map(({ body, ...parts }) => withFreshKey(callOf(operation, parts, body)));
}

/** One field of a valid request broken: which field, and where the server should say it is. */
interface Broken {
  call: Call;
  field: string;
  statuses: number[];
}

const PART = { path: "path", query: "query", header: "headers" } as const;

/**
 * Requests with one parameter broken, the rest valid. A path that no route
 * matches may also answer 404: the document's template is then no address at all.
 */
function invalidParameters(operation: Operation, place: "path" | "query" | "header"): fc.Arbitrary<Broken>[] {
  const body = operation.requestBody?.required ? bodies(operation) : fc.constant(undefined);
  return where(operation, place).flatMap((parameter) => {
    const invalid = invalidOf(document, parameter.schema, true);
    if (!invalid) return [];
    // What the client's URL and Headers would rewrite never reaches the server as generated: a
    // header's value is trimmed, and a path segment `.` or `..` is resolved away.
    const arrives = (value: unknown) =>
      place === "header" ? String(value) === String(value).trim() : !/^\.{1,2}$/.test(String(value));
    const wrong = invalid.filter(arrives);
    const calls = fc
      .record({
        path: parameterValues(where(operation, "path")),
        query: parameterValues(where(operation, "query")),
        headers: parameterValues(where(operation, "header")),
        body,
        wrong,
      })
      .map(({ body, wrong, ...parts }) => {
        const part = PART[place];
        const call = callOf(
          operation,
          { ...parts, [part]: { ...parts[part], [parameter.name]: wrong } },
          body,
        );
        // A broken Idempotency-Key must reach the server as generated.
        return parameter.name.toLowerCase() === "idempotency-key" ? call : withFreshKey(call);
      });
    const statuses = place === "path" ? [400, 404] : [400];
    return [calls.map((call) => ({ call, field: parameter.name, statuses }))];
  });
}

function invalidBodies(operation: Operation): fc.Arbitrary<Broken>[] {
  const schema = jsonBodySchema(operation);
  if (!schema?.properties) return [];
  const valid = arbitraryOf(document, schema) as fc.Arbitrary<Record<string, unknown>>;
  const broken = (
    field: string,
    change: fc.Arbitrary<(body: Record<string, unknown>) => Record<string, unknown>>,
  ) =>
    fc
      .record({ path: parameterValues(where(operation, "path")), body: valid, change })
      .map(({ path, body, change }) => ({
        call: callOf(
          operation,
          { path, query: {}, headers: {} },
          { type: "application/json", value: change(body) },
        ),
        field,
        statuses: [422],
      }));
  const wrongValues = Object.entries<any>(schema.properties).flatMap(([name, property]) => {
    const wrong = invalidOf(document, property);
    return wrong
      ? [
          broken(
            name,
            wrong.map((value) => (body) => ({ ...body, [name]: value })),
          ),
        ]
      : [];
  });
  const missing = (schema.required ?? []).map((name: string) =>
    broken(
      name,
      fc.constant(({ [name]: _, ...rest }) => rest),
    ),
  );
  const unknown =
    schema.additionalProperties === false
      ? [
          broken(
            "unexpected_field",
            fc.constant((body) => ({ ...body, unexpected_field: 1 })),
          ),
        ]
      : [];
  return [...wrongValues, ...missing, ...unknown];
}

async function readProblem(response: Response): Promise<{ names: string[]; text: string }> {
  const text = await response.clone().text();
  try {
    const problem = JSON.parse(text);
    return { names: (problem["invalid-params"] ?? []).map((p: { name: string }) => p.name), text };
  } catch {
    return { names: [], text };
  }
}

const shown = (call: Call) =>
  `${call.method} ${call.path} ${JSON.stringify(call.headers)} ${String(call.body ?? "")}`;

describe("requests made from the OpenAPI document alone", () => {
  beforeAll(async () => {
    await resetContent();
    await addPublications({ slug: "founding", published_at: "2020-10-20T09:00:00.000Z" });
    await addCounters({ slug: "founding", since: "2020-01-01" });
    await env.MEDIA.put(EMBLEM, PNG, { httpMetadata: { contentType: "image/png" } });
  });

  // Fresh for each operation: a sign-out among the calls of one ends what it used, and no more.
  beforeEach(async () => {
    admin = await createToken(`Fuzzer ${crypto.randomUUID()}`, ["admin"]);
    consoleSession = await createSession(await createPerson("Fuzzer at the console", "admin"));
  });

  for (const operation of operations) {
    it(`${operation.key}: what the document allows is taken, with a declared answer`, {
      timeout: 60_000,
    }, async () => {
      const owesYes = !operation.requestBody || "application/json" in operation.requestBody.content;
      await fc.assert(
        fc.asyncProperty(validCalls(operation), async (call) => {
          const response = await send(call);
          const { text } = await readProblem(response);
          const found = await contractBreaches(document, index, operation, response);
          if (response.status >= 500) found.push(`server error ${response.status}`);
          if (owesYes && (response.status === 400 || response.status === 422)) {
            found.push(`refused with ${response.status}, though the document allows it: ${text}`);
          }
          if (found.length > 0) throw new Error(`${shown(call)}\n  ${found.join("\n  ")}`);
        }),
        { seed: SEED, numRuns: VALID_RUNS, includeErrorInReport: true },
      );
    });
  }

  for (const operation of operations) {
    const broken = [
      ...invalidParameters(operation, "path"),
      ...invalidParameters(operation, "query"),
      ...invalidParameters(operation, "header"),
      ...invalidBodies(operation),
    ];
    if (broken.length === 0) continue;
    it(`${operation.key}: what the document refuses is refused, naming the field`, {
      timeout: 60_000,
    }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(...broken), async ({ call, field, statuses }) => {
          const response = await send(call);
          const { names, text } = await readProblem(response);
          const type = response.headers.get("Content-Type");
          const named =
            response.status === 404 || names.some((name) => name.toLowerCase() === field.toLowerCase());
          if (!statuses.includes(response.status) || type !== "application/problem+json" || !named) {
            throw new Error(
              `${shown(call)}\n  expected ${statuses.join(" or ")} naming "${field}", got ${response.status}: ${text}`,
            );
          }
        }),
        { seed: SEED, numRuns: INVALID_RUNS, includeErrorInReport: true },
      );
    });
  }
});
