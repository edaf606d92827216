import type { OpenAPIV3_1 } from "openapi-types";
import { Document } from "./document";

type Operation = OpenAPIV3_1.OperationObject;
type Parameter = OpenAPIV3_1.ParameterObject;

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** Served as a file, so the page needs no inline style under its CSP. */
export const API_REFERENCE_CSS = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1d232a; }
h1 { margin-bottom: 0 } h2 { border-bottom: 1px solid #d8dde3; padding-bottom: .25rem; margin-top: 2.5rem }
section { margin: 1.5rem 0 } h3 { font-size: 1.05rem; margin: 0 } code { font-size: .9em }
.method { display: inline-block; min-width: 3.5rem; font: 700 .8rem ui-monospace, monospace; text-transform: uppercase; color: #0b5cad }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e6e9ed; vertical-align: top }
pre { background: #f4f6f8; padding: .75rem; overflow: auto; font-size: .8rem }
@media (prefers-color-scheme: dark) { body { background: #14181c; color: #e3e7eb } pre { background: #1f252b } .method { color: #7cb7f2 } th, td, h2 { border-color: #2c333a } }
`;

function schemaType(schema: unknown): string {
  const s = (schema ?? {}) as OpenAPIV3_1.SchemaObject;
  if (s.enum) return s.enum.map(String).join(" | ");
  return String(s.type ?? "any");
}

function Parameters({ parameters }: { parameters: Parameter[] }) {
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
        {parameters.map((p) => (
          <tr>
            <td>
              <code>{p.name}</code>
              {p.required ? " (required)" : ""}
            </td>
            <td>{p.in}</td>
            <td>
              <code>{schemaType(p.schema)}</code>
            </td>
            <td>{p.description ?? (p.schema as OpenAPIV3_1.SchemaObject | undefined)?.description ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Responses({ responses }: { responses: OpenAPIV3_1.ResponsesObject }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Status</th>
          <th>Meaning</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(responses).map(([status, response]) => {
          const r = response as OpenAPIV3_1.ResponseObject;
          const [media, body] = Object.entries(r.content ?? {})[0] ?? [];
          return (
            <tr>
              <td>
                <code>{status}</code>
              </td>
              <td>
                {r.description}
                {body?.schema ? (
                  <details>
                    <summary>{media} schema</summary>
                    <pre>{JSON.stringify(body.schema, null, 2)}</pre>
                  </details>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function OperationSection({ method, path, op }: { method: string; path: string; op: Operation }) {
  return (
    <section id={`${method}-${path}`}>
      <h3>
        <span class="method">{method}</span> <code>{path}</code>
      </h3>
      <p>
        {op.summary}
        {op.description ? `: ${op.description}` : ""}
      </p>
      <Parameters parameters={(op.parameters ?? []) as Parameter[]} />
      <Responses responses={op.responses ?? {}} />
    </section>
  );
}

/** A readable reference page rendered from the OpenAPI document itself. */
export function ApiReference({ spec }: { spec: OpenAPIV3_1.Document }) {
  const operations = Object.entries(spec.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item?.[method];
      return op ? [{ method, path, op }] : [];
    }),
  );
  const tags = [...new Set(operations.map(({ op }) => op.tags?.[0] ?? "Other"))];
  return (
    <Document title={spec.info.title} head={<link rel="stylesheet" href="/api/docs.css" />}>
      <h1>{spec.info.title}</h1>
      <p>{spec.info.description}</p>
      <p>
        Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI {spec.openapi}).
      </p>
      {tags.map((tag) => (
        <>
          <h2>{tag}</h2>
          {operations
            .filter(({ op }) => (op.tags?.[0] ?? "Other") === tag)
            .map(({ method, path, op }) => (
              <OperationSection method={method} path={path} op={op} />
            ))}
        </>
      ))}
    </Document>
  );
}
