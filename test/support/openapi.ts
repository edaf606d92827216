import { dereference, type Schema, validate } from "@cfworker/json-schema";
import fc from "fast-check";

/**
 * What the contract tests read of an OpenAPI 3.1 document. Pure: it runs in
 * workerd as in Node, and validates without generating code, which workerd forbids.
 */
export type JsonSchema = Record<string, any>;

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  /** `GET /api/v1/publications/{slug}`: how findings and samples name it. */
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> };
  responses: Record<
    string,
    { headers?: Record<string, { required?: boolean }>; content?: Record<string, any> }
  >;
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, any>>;
  components?: Record<string, any>;
}

/** A request as a test states it; `requestOf` turns it into what a client sends. */
export interface Call {
  method: string;
  path: string;
  token?: string;
  headers?: Record<string, string>;
  /** JSON unless a Content-Type says otherwise, or bytes or a form. */
  body?: unknown;
}

let clients = 0;

/**
 * The request a client would send. Each comes from its own address, so the
 * refused tokens some tests present never add up to the sign-in throttle.
 */
export function requestOf({ method, path, token, headers = {}, body }: Call, origin: string): Request {
  const typed = Object.keys(headers).some((name) => name.toLowerCase() === "content-type");
  const raw = typed || body === undefined || body instanceof Uint8Array || body instanceof FormData;
  return new Request(`${origin}${path}`, {
    method,
    redirect: "manual",
    body: raw ? (body as BodyInit | undefined) : JSON.stringify(body),
    headers: {
      "CF-Connecting-IP": `192.0.2.${++clients % 250}`,
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(raw ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
  });
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** Resolves a local `$ref` (`#/components/...`) against the document; anything else is itself. */
export function resolved<T>(document: OpenApiDocument, node: T): T {
  const ref = (node as { $ref?: string } | undefined)?.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return node;
  const target = ref
    .slice(2)
    .split("/")
    .reduce<any>((at, part) => at?.[part.replaceAll("~1", "/").replaceAll("~0", "~")], document);
  return resolved(document, target);
}

/** Every operation of the document, with the path's parameters merged into the operation's. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) => {
    const shared: Parameter[] = (item.parameters ?? []).map((p: Parameter) => resolved(document, p));
    return Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => {
        const own: Parameter[] = (operation.parameters ?? []).map((p: Parameter) => resolved(document, p));
        const names = new Set(own.map((p) => `${p.in} ${p.name}`));
        const responses = Object.fromEntries(
          Object.entries<any>(operation.responses ?? {}).map(([status, r]) => [
            status,
            resolved(document, r),
          ]),
        );
        return {
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          parameters: [...shared.filter((p) => !names.has(`${p.in} ${p.name}`)), ...own],
          requestBody: resolved(document, operation.requestBody),
          responses,
          security: operation.security,
        };
      });
  });
}

/** The document a worker serves, its operations, and its schemas indexed for validation. */
export async function readContract(worker: { fetch(request: Request): Promise<Response> }, origin: string) {
  const document = (await (
    await worker.fetch(new Request(`${origin}/api/openapi.json`))
  ).json()) as OpenApiDocument;
  return { document, operations: operationsOf(document), index: schemaIndex(document) };
}

/** The path with its `{name}` segments filled in, each value percent-encoded. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ""));
}

/** The response the document declares for a status: the exact code, then `4XX`, then `default`. */
function declaredResponse(operation: Operation, status: number) {
  const { responses } = operation;
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

const mediaType = (contentType: string | null) => (contentType ?? "").split(";")[0].trim().toLowerCase();

/** Matches `application/json` against declared keys, `application/*` and `*\/*` included. */
function declaredContent(content: Record<string, any>, type: string) {
  const [family] = type.split("/");
  const key = Object.keys(content).find((declared) => {
    const wanted = declared.toLowerCase();
    return wanted === type || wanted === `${family}/*` || wanted === "*/*";
  });
  return key === undefined ? undefined : content[key];
}

const isJson = (type: string) => /^application\/(?:[\w.+-]+\+)?json$/.test(type);

/** Headers that a client acts on: an answer that carries one must say so in the document. */
export const HEADERS_THAT_MATTER = [
  "ETag",
  "Location",
  "Link",
  "Retry-After",
  "Allow",
  "WWW-Authenticate",
  "Idempotent-Replayed",
];

/**
 * The document's subschemas, indexed once so `$ref`s between them resolve.
 * It marks the document's own objects, so validate with schemas taken from it.
 */
export function schemaIndex(document: OpenApiDocument) {
  return dereference(document as Schema);
}

/**
 * What is wrong with an answer by the document: an undeclared status,
 * Content-Type or header, a missing required header, or a body its schema
 * refuses. An empty list means the answer keeps the contract.
 */
export async function contractBreaches(
  document: OpenApiDocument,
  index: ReturnType<typeof schemaIndex>,
  operation: Operation,
  response: Response,
): Promise<string[]> {
  const declared = declaredResponse(operation, response.status);
  if (!declared) return [`status ${response.status} is not declared`];
  const breaches: string[] = [];
  const headers = Object.keys(declared.headers ?? {}).map((name) => name.toLowerCase());
  for (const name of HEADERS_THAT_MATTER) {
    if (response.headers.has(name) && !headers.includes(name.toLowerCase())) {
      breaches.push(`${response.status}: header ${name} is sent but not declared`);
    }
  }
  for (const [name, header] of Object.entries(declared.headers ?? {})) {
    if (resolved(document, header).required && !response.headers.has(name)) {
      breaches.push(`${response.status}: required header ${name} is missing`);
    }
  }
  const text = await response.text();
  const content = declared.content;
  if (!content || Object.keys(content).length === 0) {
    if (text !== "") breaches.push(`${response.status}: a body is sent but none is declared`);
    return breaches;
  }
  const type = mediaType(response.headers.get("Content-Type"));
  const media = declaredContent(content, type);
  if (!media) {
    return [...breaches, `${response.status}: Content-Type ${type || "(none)"} is not declared`];
  }
  if (!media.schema) return breaches;
  const body = isJson(type) ? parseJsonOrText(text) : text;
  const result = validate(body, media.schema, "2020-12", index, false);
  const errors = result.errors
    .filter((error) => error.keyword !== "properties" && error.keyword !== "items")
    .slice(0, 5)
    .map((error) => `${error.instanceLocation} ${error.error}`);
  if (!result.valid) breaches.push(`${response.status} ${type} body: ${errors.join("; ")}`);
  return breaches;
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** At most this many characters or items in a generated value: enough to probe, quick to send. */
const CAP = 24;

/**
 * fast-check knows no lookaround; generate without it and keep what the
 * full pattern accepts.
 */
function withoutLookaround(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === "\\") {
      out += pattern.slice(i, i + 2);
      i++;
    } else if (/^\(\?<?[=!]/.test(pattern.slice(i))) {
      let depth = 0;
      for (; i < pattern.length; i++) {
        if (pattern[i] === "\\") i++;
        else if (pattern[i] === "(") depth++;
        else if (pattern[i] === ")" && --depth === 0) break;
      }
    } else out += pattern[i];
  }
  return out;
}

function matching(pattern: string): fc.Arbitrary<string> {
  const full = new RegExp(pattern, "u");
  const simpler = withoutLookaround(pattern);
  const strings = fc.stringMatching(new RegExp(simpler, "u"), { size: "small" });
  return simpler === pattern ? strings : strings.filter((s) => full.test(s));
}

const instants = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2060-12-31T23:59:59Z"), noInvalidDate: true })
  .map((date) => date.toISOString());

/** Text in the encoding a schema's `contentEncoding` names (RFC 4648). */
function encoded(text: string, encoding: string | undefined): string {
  if (encoding !== "base64" && encoding !== "base64url") return text;
  const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(text)));
  return encoding === "base64" ? base64 : base64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function stringOf(document: OpenApiDocument, schema: JsonSchema): fc.Arbitrary<string> {
  // An opaque token that is encoded JSON (a cursor) says what it holds with `contentSchema`.
  if (schema.contentSchema && (schema.contentMediaType ?? "application/json").includes("json")) {
    return arbitraryOf(document, schema.contentSchema).map((value) =>
      encoded(JSON.stringify(value), schema.contentEncoding),
    );
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? CAP, CAP));
  const long = (s: string) =>
    s.length >= minLength && s.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY);
  const base: Record<string, fc.Arbitrary<string>> = {
    "date-time": instants,
    date: instants.map((instant) => instant.slice(0, 10)),
    email: fc.emailAddress(),
    uri: fc.webUrl(),
  };
  const formatted = base[schema.format];
  if (formatted) {
    return schema.pattern ? formatted.filter((s) => new RegExp(schema.pattern, "u").test(s)) : formatted;
  }
  if (schema.pattern) return matching(schema.pattern).filter(long);
  return fc.string({ minLength, maxLength });
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const above = schema.exclusiveMinimum ?? schema.minimum ?? -1_000_000;
  const below = schema.exclusiveMaximum ?? schema.maximum ?? 1_000_000;
  const values = integer
    ? fc.integer({ min: Math.ceil(above), max: Math.floor(below) })
    : fc.double({ min: above, max: below, noNaN: true, noDefaultInfinity: true });
  return values.filter(
    (n) =>
      n !== schema.exclusiveMinimum &&
      n !== schema.exclusiveMaximum &&
      (!schema.multipleOf || n % schema.multipleOf === 0),
  );
}

function objectOf(document: OpenApiDocument, schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.fromEntries(
    Object.entries<JsonSchema>(schema.properties ?? {}).map(([name, property]) => [
      name,
      arbitraryOf(document, property),
    ]),
  );
  return fc.record(properties, {
    requiredKeys: (schema.required ?? []).filter((name: string) => name in properties),
  });
}

/**
 * Values the schema accepts, as a user's OpenAPI fuzzer makes them: every
 * keyword the document uses for a field is honoured, nothing more.
 */
export function arbitraryOf(document: OpenApiDocument, node: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const schema = resolved(document, node ?? {});
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives))
    return fc.oneof(...alternatives.map((s: JsonSchema) => arbitraryOf(document, s)));
  if (Array.isArray(schema.allOf)) {
    const merged = Object.assign({}, ...schema.allOf.map((part: JsonSchema) => resolved(document, part)));
    return arbitraryOf(document, { ...merged, ...schema, allOf: undefined });
  }
  if (Array.isArray(schema.type)) {
    return fc.oneof(...schema.type.map((type: string) => arbitraryOf(document, { ...schema, type })));
  }
  switch (schema.type) {
    case "string":
      return stringOf(document, schema);
    case "integer":
      return numberOf(schema, true);
    case "number":
      return numberOf(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      if (Array.isArray(schema.prefixItems)) {
        return fc.tuple(...schema.prefixItems.map((item: JsonSchema) => arbitraryOf(document, item)));
      }
      const items = arbitraryOf(document, schema.items);
      const constraints = {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
      };
      return schema.uniqueItems
        ? fc.uniqueArray(items, { ...constraints, selector: (item) => JSON.stringify(item) })
        : fc.array(items, constraints);
    }
    case "object":
      return objectOf(document, schema);
    default:
      return schema.properties ? objectOf(document, schema) : fc.string({ maxLength: CAP });
  }
}

/**
 * Values the schema refuses, one broken rule at a time (a wrong enum, a
 * number out of range, a pattern not met); undefined when the schema refuses
 * nothing it could be sent. `asText` is for parameters, which travel as
 * text: there `42` is no type error for a string.
 */
export function invalidOf(
  document: OpenApiDocument,
  node: JsonSchema | undefined,
  asText = false,
): fc.Arbitrary<unknown> | undefined {
  const schema = resolved(document, node ?? {});
  if (schema.anyOf || schema.oneOf || schema.allOf || "const" in schema) return undefined;
  const options: fc.Arbitrary<unknown>[] = [];
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (Array.isArray(schema.enum)) options.push(fc.constant("not-one-of-them"));
  else if (types.includes("string")) options.push(...invalidStrings(schema));
  if (types.includes("integer") || types.includes("number")) {
    if (schema.minimum !== undefined) options.push(fc.constant(schema.minimum - 1));
    if (schema.maximum !== undefined) options.push(fc.constant(schema.maximum + 1));
    if (types.includes("integer")) options.push(fc.constant(1.5));
  }
  if (asText) {
    // Text that reads as no number and no boolean.
    if (types.some((type) => type === "integer" || type === "number" || type === "boolean")) {
      options.push(fc.constant("seven"));
    }
    return options.length > 0 ? fc.oneof(...options.map((option) => option.map(String))) : undefined;
  }
  // As JSON, a value of another type: a number where text goes, text anywhere else.
  if (schema.type !== undefined) options.push(fc.constant(types.includes("string") ? 42 : "text"));
  return options.length > 0 ? fc.oneof(...options) : undefined;
}

function invalidStrings(schema: JsonSchema): fc.Arbitrary<string>[] {
  const options: fc.Arbitrary<string>[] = [];
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, "u");
    options.push(fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !pattern.test(s)));
  }
  if (schema.maxLength !== undefined && schema.maxLength < 10_000) {
    options.push(fc.constant("a".repeat(schema.maxLength + 1)));
  }
  if (schema.minLength > 0) options.push(fc.constant(""));
  if (schema.format === "date-time") options.push(fc.constant("2020-02-30T25:00:00Z"));
  if (schema.format === "date") options.push(fc.constant("2020-13-01"));
  if (schema.format === "email") options.push(fc.constant("no at sign"));
  return options;
}

/** An operation needs a credential when each of its ways in names one (an empty `{}` names none). */
export function needsCredential(operation: Pick<Operation, "security">): boolean {
  const ways = operation.security ?? [];
  return ways.length > 0 && ways.every((way) => Object.keys(way).length > 0);
}
