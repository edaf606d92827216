import { raw } from "hono/html";
import MarkdownIt from "markdown-it";
import type { OpenAPIV3_1 } from "openapi-types";
import { Document } from "./document";

type Spec = OpenAPIV3_1.Document;
type Operation = OpenAPIV3_1.OperationObject;
type Reference = OpenAPIV3_1.ReferenceObject;

/** The parts of a JSON Schema (or of a `$ref` to one) that the page shows. */
interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
}

/** What a schema's values hold: named fields, or one of several shapes. */
type Shape = { fields: Field[] } | { variants: { description?: string; shape: Shape }[] };

interface Field {
  name: string;
  type: string;
  required: boolean;
  description?: string;
  shape?: Shape;
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

// The descriptions are Markdown (`code`, *emphasis*, [links](…)). They are
// ours, yet read as text: raw HTML stays literal, so a `<mark>` named in a
// sentence shows as written, and a file name such as widget.js stays a word.
const prose = new MarkdownIt({ html: false, linkify: false });

/** A description that is a phrase, in a table cell or after a name: no paragraph around it. */
const phrase = (text: string | undefined) => (text ? raw(prose.renderInline(text)) : null);

/** A description that may run to paragraphs. */
const passage = (text: string | undefined) => (text ? raw(prose.render(text)) : null);

/** The words of a Markdown description without its marks: what a meta description can hold. */
function plainText(markdown: string): string {
  return prose
    .parseInline(markdown, {})
    .flatMap((token) => token.children ?? [])
    .map((token) => (token.type === "softbreak" || token.type === "hardbreak" ? " " : token.content))
    .join("");
}

/** What a `#/...` reference points to in the document, if anything. */
function pointee(spec: Spec, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((key) => key.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], spec);
}

/** `value`, or what its `$ref` points to, with the reference's own description kept. */
function deref<T extends object>(spec: Spec, value: T | Reference): T {
  if (!("$ref" in value)) return value;
  const { $ref, ...own } = value;
  return { ...(pointee(spec, $ref) as T | undefined), ...own } as T;
}

/** A schema's type as a reader writes it: `string (date-time)`, `speech | news`, `string[]`. */
function typeName(schema: Schema): string {
  if (schema.$ref) return schema.$ref.split("/").pop() ?? schema.$ref;
  if (schema.enum) return schema.enum.map(String).join(" | ");
  if ("const" in schema) return JSON.stringify(schema.const);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map(typeName).join(" | ");
  if (schema.items) {
    const items = typeName(schema.items);
    return items.includes(" | ") ? `(${items})[]` : `${items}[]`;
  }
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  return schema.format ? `${type} (${schema.format})` : type;
}

/**
 * The fields a schema's values hold, as deep as it goes; `seen` holds the
 * references followed so far, so a schema that contains itself is listed once.
 */
function shapeOf(spec: Spec, schema: Schema, seen: string[]): Shape | undefined {
  if (schema.$ref) {
    if (seen.includes(schema.$ref)) return undefined;
    return shapeOf(spec, deref<Schema>(spec, { $ref: schema.$ref }), [...seen, schema.$ref]);
  }
  const variants = (schema.anyOf ?? schema.oneOf ?? []).flatMap((variant) => {
    const shape = shapeOf(spec, variant, seen);
    return shape ? [{ description: variant.description, shape }] : [];
  });
  if (variants.length > 1) return { variants };
  if (variants.length === 1) return variants[0].shape;
  if (schema.items) return shapeOf(spec, schema.items, seen);
  const parts = schema.allOf?.map((part) => shapeOf(spec, part, seen)) ?? [];
  const fields = [
    ...parts.flatMap((shape) => (shape && "fields" in shape ? shape.fields : [])),
    ...Object.entries(schema.properties ?? {}).map(([name, property]) => ({
      name,
      type: typeName(property),
      required: schema.required?.includes(name) ?? false,
      description: deref<Schema>(spec, property).description,
      shape: shapeOf(spec, property, seen),
    })),
  ];
  return fields.length > 0 ? { fields } : undefined;
}

function ShapeList({ shape }: { shape: Shape }) {
  if ("variants" in shape) {
    return (
      <>
        <p class="one-of">One of:</p>
        <ol class="variants">
          {shape.variants.map((variant) => (
            <li>
              {phrase(variant.description)}
              <ShapeList shape={variant.shape} />
            </li>
          ))}
        </ol>
      </>
    );
  }
  return (
    <ul class="fields">
      {shape.fields.map((field) => (
        <li>
          <code>{field.name}</code> <span class="type">{field.type}</span>
          {field.required ? " (required)" : ""}
          {field.description ? <>: {phrase(field.description)}</> : null}
          {field.shape ? <ShapeList shape={field.shape} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** A body in each media type it may come in, with the fields it holds. */
function Bodies({ spec, content }: { spec: Spec; content: Record<string, OpenAPIV3_1.MediaTypeObject> }) {
  return (
    <>
      {Object.entries(content).map(([media, { schema = {} }]) => {
        const shape = shapeOf(spec, schema as Schema, []);
        const line = (
          <>
            <code>{media}</code> <span class="type">{typeName(schema as Schema)}</span>
            {schema.description ? <>: {phrase(schema.description)}</> : null}
          </>
        );
        return shape ? (
          <details>
            <summary>{line}</summary>
            <ShapeList shape={shape} />
          </details>
        ) : (
          <p>{line}</p>
        );
      })}
    </>
  );
}

function Parameters({ spec, operation }: { spec: Spec; operation: Operation }) {
  const parameters = (operation.parameters ?? []).map((parameter) => deref(spec, parameter));
  if (parameters.length === 0) return null;
  return (
    <table>
      <thead>
        <tr>
          <th>Parameter</th>
          <th>In</th>
          <th>Type</th>
          <th>Description</th>
        </tr>
      </thead>
      <tbody>
        {parameters.map((parameter) => {
          const schema = (parameter.schema ?? {}) as Schema;
          return (
            <tr>
              <td>
                <code>{parameter.name}</code>
                {parameter.required ? " (required)" : ""}
              </td>
              <td>{parameter.in}</td>
              <td>
                <code>{typeName(schema)}</code>
              </td>
              <td>{phrase(parameter.description ?? schema.description)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function RequestBody({ spec, operation }: { spec: Spec; operation: Operation }) {
  if (!operation.requestBody) return null;
  const body = deref(spec, operation.requestBody);
  return (
    <>
      <h4>Request body{body.required ? " (required)" : ""}</h4>
      {passage(body.description)}
      <Bodies spec={spec} content={body.content} />
    </>
  );
}

function Headers({ spec, headers }: { spec: Spec; headers: OpenAPIV3_1.ResponseObject["headers"] }) {
  const entries = Object.entries(headers ?? {});
  if (entries.length === 0) return null;
  return (
    <ul class="headers">
      {entries.map(([name, header]) => {
        const { description } = deref(spec, header);
        return (
          <li>
            <code>{name}</code>
            {description ? <>: {phrase(description)}</> : null}
          </li>
        );
      })}
    </ul>
  );
}

function Responses({ spec, operation }: { spec: Spec; operation: Operation }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Status</th>
          <th>Meaning</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(operation.responses ?? {}).map(([status, answer]) => {
          const response = deref(spec, answer);
          return (
            <tr>
              <td>
                <code>{status}</code>
              </td>
              <td>
                {phrase(response.description)}
                <Headers spec={spec} headers={response.headers} />
                <Bodies spec={spec} content={response.content ?? {}} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function OperationSection(props: { spec: Spec; method: string; path: string; operation: Operation }) {
  const { spec, method, path, operation } = props;
  return (
    <section id={`${method}-${path}`}>
      <h3>
        <span class="method">{method}</span> <code>{path}</code>
      </h3>
      {operation.summary ? <p>{operation.summary}</p> : null}
      {passage(operation.description)}
      <Parameters spec={spec} operation={operation} />
      <RequestBody spec={spec} operation={operation} />
      <Responses spec={spec} operation={operation} />
    </section>
  );
}

/** A readable reference page rendered from the OpenAPI document itself. */
export function ApiReference({ spec }: { spec: Spec }) {
  const operations = Object.entries(spec.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item?.[method];
      return operation ? [{ method, path, operation }] : [];
    }),
  );
  const tagOf = (operation: Operation) => operation.tags?.[0] ?? "Other";
  const tags = [...new Set(operations.map(({ operation }) => tagOf(operation)))];
  return (
    <Document
      title={spec.info.title}
      description={`${spec.info.title}: ${plainText(spec.info.description ?? "its reference")}`}
      head={<link rel="stylesheet" href="/api/docs.css" />}
    >
      <h1>{spec.info.title}</h1>
      {passage(spec.info.description)}
      <p>
        Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI {spec.openapi}).
      </p>
      {tags.map((tag) => (
        <>
          <h2>{tag}</h2>
          {operations
            .filter(({ operation }) => tagOf(operation) === tag)
            .map(({ method, path, operation }) => (
              <OperationSection spec={spec} method={method} path={path} operation={operation} />
            ))}
        </>
      ))}
    </Document>
  );
}
