import { toJsonSchema } from "@valibot/to-json-schema";
import { type DescribeRouteOptions, resolver } from "hono-openapi";
import type { OpenAPIV3_1 } from "openapi-types";
import type * as v from "valibot";
import { REFERENCE } from "../schemas/common";
import { Problem } from "../schemas/problem";
import { IdempotencyKey, IfMatch } from "../schemas/write-headers";
import { BOOKMARK, BOOKMARK_HEADER } from "./d1-session";

/**
 * What each kind of operation can answer, for the OpenAPI document. Routes
 * describe themselves through these, so an operation cannot leave out a
 * status that its middleware (access, validation, limits, the write path)
 * may give.
 */

/** The problem statuses an operation may answer. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 410 | 412 | 413 | 415 | 422 | 428 | 429 | 503;

const ref = (path: string) => ({ $ref: `#/components/${path}` });

const headersOf = (...names: string[]) =>
  Object.fromEntries(names.map((name) => [name, ref(`headers/${name}`)]));

const problemContent = { "application/problem+json": { schema: ref("schemas/Problem") } };

const WHEN: Record<ProblemStatus, string> = {
  400: "A parameter or header is invalid, or the body cannot be read: `invalid-params` names each bad one",
  401: "No editor credential, or one that is not valid",
  403: "The credential lacks the scope this operation needs, or the write came from another origin",
  404: "Nothing is there",
  409: "A request with this `Idempotency-Key` is still in progress, or the write clashes with what is stored",
  410: "It was here and has expired: it is gone for good",
  412: "`If-Match` names an older version: `current_version` and the `ETag` header give the current one",
  413: "The body is larger than this operation takes",
  415: "The body's `Content-Type` is not one this operation takes",
  422: "The body's fields are invalid (`invalid-params` names each), or the `Idempotency-Key` was used with another request",
  428: "`If-Match` is required, so that no edit is made blind",
  429: "Too many refused credentials from this client; retry after `Retry-After` seconds",
  503: "The database did not answer, and nothing was saved; retry after `Retry-After` seconds",
};

/** The headers a problem carries that a client acts on. */
const PROBLEM_HEADERS: Partial<Record<ProblemStatus, string>> = {
  401: "WWW-Authenticate",
  412: "ETag",
  429: "Retry-After",
  503: "Retry-After",
};

function problemAnswer(status: ProblemStatus, description: string, schema?: v.GenericSchema) {
  const name = PROBLEM_HEADERS[status];
  const content = schema ? { "application/problem+json": { schema: resolver(schema) } } : problemContent;
  return { description, content, ...(name && { headers: headersOf(name) }) };
}

/**
 * The problem answers for `statuses` and those `operation` adds, each with
 * the reason it is given (the operation's own wording first) and the body
 * it carries (a richer problem where the operation says so).
 */
function problems(statuses: ProblemStatus[], operation: Pick<Operation, "problems" | "refusals">) {
  const why = operation.problems ?? {};
  const all = new Set([...statuses, ...(Object.keys(why).map(Number) as ProblemStatus[])]);
  return Object.fromEntries(
    [...all].map((status) => [
      status,
      problemAnswer(status, why[status] ?? WHEN[status], operation.refusals?.[status]),
    ]),
  );
}

/** The schema of a header's value: text, perhaps of a pattern, or a count. */
type HeaderValue = { type: "string"; pattern?: string } | { type: "integer"; minimum: number };

const header = (description: string, schema: HeaderValue = { type: "string" }) => ({
  description,
  schema,
});

const parameter = (name: string, description: string, schema: HeaderValue) => ({
  in: "header" as const,
  name,
  description,
  schema,
});

/**
 * A header parameter as its valibot schema checks it. Routes declare it when
 * they load, but only the build reads its description and schema (when it
 * writes the document), so the converter runs there and is left out of the
 * worker (wrangler.toml `[alias]`).
 */
function headerParameter(name: string, schema: v.GenericSchema, required?: true) {
  const converted = () => withoutDialect(toJsonSchema(schema) as OpenAPIV3_1.SchemaObject);
  return {
    in: "header" as const,
    name,
    get description() {
      return converted().description ?? name;
    },
    get schema() {
      const { description: _, ...value } = converted();
      return value as HeaderValue;
    },
    ...(required && { required }),
  };
}

/**
 * Shared pieces the operations below refer to; the document's `components`,
 * made by the build only (see `headerParameter`).
 */
export const components = (): OpenAPIV3_1.ComponentsObject => ({
  schemas: {
    Problem: withoutDialect(toJsonSchema(Problem) as OpenAPIV3_1.SchemaObject),
    // The zones Intl lists, by the names it gives them, and UTC; listed when the document is made, not at each start.
    TimeZone: {
      enum: ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")],
      description: "IANA time zone name",
    },
  },
  securitySchemes: {
    bearer: { type: "http", scheme: "bearer", description: "An editor token (`npm run token -- create`)" },
    session: {
      type: "apiKey",
      in: "cookie",
      name: "__Host-chancery-session",
      description:
        "The console's session, after signing in with a passkey or Cloudflare Access; writes also carry `X-CSRF-Token`",
    },
  },
  headers: {
    ETag: header(
      "The version of this answer: send it back in `If-None-Match` to revalidate, or in `If-Match` to edit",
    ),
    "Cache-Control": header("How long shared and private caches may keep the answer"),
    Link: header("`rel=next` and `rel=prev` pages of the list (RFC 8288)"),
    Location: header("Where what was just made is read"),
    "Retry-After": header("Seconds to wait before retrying", { type: "integer", minimum: 0 }),
    "Idempotent-Replayed": header(
      "`true` when this is the kept answer of an earlier request with this `Idempotency-Key`",
    ),
    [BOOKMARK_HEADER]: header(
      "Where the database stood after this request; send it back to read from there on",
    ),
    "WWW-Authenticate": header("How to sign in: `Bearer`"),
  },
  parameters: {
    "If-None-Match": parameter(
      "If-None-Match",
      "An `ETag` of this answer: a 304 confirms it is still current",
      {
        type: "string",
      },
    ),
    [BOOKMARK_HEADER]: parameter(
      BOOKMARK_HEADER,
      "A bookmark an earlier answer gave: read at least from there",
      {
        type: "string",
        pattern: BOOKMARK.source,
      },
    ),
    "Idempotency-Key": headerParameter("Idempotency-Key", IdempotencyKey),
    "If-Match": headerParameter("If-Match", IfMatch),
  },
});

function withoutDialect({ $schema: _, ...schema }: OpenAPIV3_1.SchemaObject & { $schema?: string }) {
  return schema;
}

type Content =
  NonNullable<DescribeRouteOptions["requestBody"]> extends infer B
    ? B extends { content: infer C }
      ? C
      : never
    : never;

/** A page of the site, or a file of it, as `type`. */
export const text = (type: string): Content => ({ [type]: { schema: { type: "string" } } });

/** A JSON body of `schema`, as `type`. */
export const json = (schema: v.GenericSchema, type = "application/json"): Content => ({
  [type]: { schema: resolver(schema, { options: REFERENCE }) },
});

/** What an operation is, in the words the reference shows. */
interface Operation {
  summary: string;
  description: string;
  tags?: string[];
  /** The success answer's description and body. */
  answer: { description: string; content?: Content };
  /** Problem statuses beyond those of the operation's kind, or a kind's reason worded for this operation. */
  problems?: Partial<Record<ProblemStatus, string>>;
  /** Problems that carry members of their own (RFC 9457 extensions), by status. */
  refusals?: Partial<Record<ProblemStatus, v.GenericSchema>>;
}

/** What the reference shows of an operation besides its answers. */
const docOf = ({ summary, description, tags }: Operation) => ({
  summary,
  description,
  ...(tags && { tags }),
});

const headerParameters = (...names: string[]) => names.map((name) => ref(`parameters/${name}`));

/** How a public read is answered, beyond its body. */
interface Reading {
  /** It pages with a `Link` header. */
  link?: boolean;
  /** It is answered through `cachedRead`, whose 503 says the store is down and no copy is kept. */
  fromCache?: boolean;
  /** It keeps no version: no ETag, no 304. */
  unversioned?: boolean;
  /** When it becomes an editors' read (a credential with a scope): "`status` was given". */
  editorsWhen?: string;
  /** Answers of its own, such as a page's 404. */
  answers?: DescribeRouteOptions["responses"];
}

function editorsWhen(when: string): Partial<Record<ProblemStatus, string>> {
  return {
    401: `${when} without an editor credential`,
    403: `${when} with a credential that lacks the scope`,
    429: WHEN[429],
  };
}

/** A public read: cached, revalidated with its ETag, open to any origin, with no credential. */
export function publicRead(operation: Operation & Reading): DescribeRouteOptions {
  const { answer, link, fromCache = true, unversioned, editorsWhen: when, answers } = operation;
  const paging = link ? ["Link"] : [];
  const versioned = !unversioned;
  return {
    ...docOf(operation),
    // A credential is needed only when the read becomes an editors' one.
    security: when ? [{}, { bearer: [] }] : [],
    parameters: headerParameters(...(versioned ? ["If-None-Match"] : []), BOOKMARK_HEADER),
    responses: {
      200: { ...answer, headers: headersOf(...(versioned ? ["ETag"] : []), "Cache-Control", ...paging) },
      ...(versioned && {
        304: {
          description: "Not modified: the `ETag` sent in `If-None-Match` is current",
          headers: headersOf("ETag", ...paging),
        },
      }),
      ...problems(fromCache ? [400, 503] : [400], {
        ...operation,
        problems: { ...(when && editorsWhen(when)), ...operation.problems },
      }),
      ...answers,
    },
  };
}

const editor = { tags: ["Editors"], security: [{ bearer: [] }] };

/** An editors' read: never cached, behind a credential with a scope. */
export function editorRead(operation: Operation): DescribeRouteOptions {
  const { answer } = operation;
  return {
    ...editor,
    ...docOf(operation),
    parameters: headerParameters(BOOKMARK_HEADER),
    responses: {
      200: { ...answer, headers: headersOf("Cache-Control", BOOKMARK_HEADER, "ETag") },
      ...problems([400, 401, 403, 429], operation),
    },
  };
}

/** How a write treats `If-Match`: required (428 without it), optional, or not read at all. */
type Precondition = "required" | "optional" | "none";

/**
 * An editors' write through the one write path: `Idempotency-Key` makes a
 * retry safe, `If-Match` guards edits, and a refused commit is a 503 with
 * nothing saved.
 */
export function editorWrite(
  operation: Operation & {
    status: 200 | 201 | 204;
    /** The bodies it takes, by media type; none for a write without a body. */
    body?: Content;
    ifMatch?: Precondition;
  },
): DescribeRouteOptions {
  const { answer, status, body, ifMatch = "none" } = operation;
  const guarded = ifMatch !== "none";
  const statuses: ProblemStatus[] = [400, 401, 403, 409, 422, 429, 503];
  if (body) statuses.push(413, 415);
  if (guarded) statuses.push(412);
  if (ifMatch === "required") statuses.push(428);
  return {
    ...editor,
    ...docOf(operation),
    parameters: [
      ...headerParameters("Idempotency-Key", BOOKMARK_HEADER),
      ...(ifMatch === "required"
        ? [headerParameter("If-Match", IfMatch, true)]
        : guarded
          ? headerParameters("If-Match")
          : []),
    ],
    ...(body && { requestBody: { required: true, content: body } }),
    responses: {
      [status]: {
        ...answer,
        headers: headersOf(
          "Cache-Control",
          BOOKMARK_HEADER,
          "Idempotent-Replayed",
          ...(status === 204 ? [] : ["ETag", "Location"]),
        ),
      },
      ...problems(statuses, operation),
    },
  };
}

/**
 * An editors' action outside the write path (a preview, an upload): a
 * credential and a body. `created` describes its 201 when it can make
 * something new (an upload); then both answers say in `Location` where it is.
 */
export function editorAction(
  operation: Operation & { body: Content; created?: string },
): DescribeRouteOptions {
  const { answer, body, created } = operation;
  const headers = headersOf("Cache-Control", BOOKMARK_HEADER, ...(created ? ["Location"] : []));
  return {
    ...editor,
    ...docOf(operation),
    parameters: headerParameters(BOOKMARK_HEADER),
    requestBody: { required: true, content: body },
    responses: {
      200: { ...answer, headers },
      ...(created && { 201: { ...answer, description: created, headers } }),
      ...problems([400, 401, 403, 413, 415, 422, 429], operation),
    },
  };
}

/**
 * What a person does for their own account from the console (their
 * passkeys): only with their session, never with a token; not through the
 * write path, so no `Idempotency-Key`.
 */
export function accountAction(
  operation: Operation & { status: 200 | 201 | 204; body?: Content },
): DescribeRouteOptions {
  const { answer, status, body } = operation;
  const statuses: ProblemStatus[] = [400, 401, 403, 429];
  if (body) statuses.push(413, 415, 422);
  return {
    tags: ["Account"],
    security: [{ session: [] }],
    ...docOf(operation),
    ...(body && { requestBody: { required: true, content: body } }),
    responses: {
      [status]: { ...answer, headers: headersOf("Cache-Control") },
      ...problems(statuses, operation),
    },
  };
}

/** The prefix of a page, or feed, in one of the site's languages: its BCP 47 tag in lower case. */
export const LANG_PARAMETER = {
  name: "lang",
  in: "path" as const,
  required: true,
  description: "One of the site's languages, its BCP 47 tag in lower case; any other answers 404",
  // No pattern: whatever the prefix, a reader who mistypes it gets the site's 404 page, not a problem.
  schema: { type: "string" as const },
};
