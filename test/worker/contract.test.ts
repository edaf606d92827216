import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type Call, contractBreaches, fillPath, readContract, requestOf } from "../support/openapi";
import { register } from "./authenticator";
import {
  accessedOperations,
  createPerson,
  createSession,
  createToken,
  createTokenFor,
  inSession,
} from "./editor-fixtures";
import { addCounters, addPublications, resetContent } from "./fixtures";

const ORIGIN = "https://embassy.example";

// Read once, at collection, so every operation the document lists gets its own test.
const { document, operations, index } = await readContract(exports.default, ORIGIN);

/** One answer to provoke: what it shows, and the status the server should give. */
interface Sample {
  name: string;
  status: number;
  call: () => Promise<Call>;
}

const send = (call: Call) => exports.default.fetch(requestOf(call, ORIGIN));

let admin: string;
let noScope: string;
let publisher: string;
/** The console session of the admin who holds `admin`. */
let adminSession: { cookie: string; csrf: string };

/** A call made from the console, signed in as `session` (the admin's unless said). */
const fromConsole = (call: Call, session = adminSession): Call => ({
  ...call,
  token: undefined,
  headers: { ...inSession(session), ...call.headers },
});

/** Someone of their own for a sample that changes a person; where they are read. */
async function freshPerson(role: "editor" | "publisher" = "editor") {
  const id = await createPerson(`Sample ${crypto.randomUUID().slice(0, 8)}`, role);
  return { id, at: `/api/v1/people/${id}` };
}

const newPerson = (email = `new.${crypto.randomUUID().slice(0, 8)}@embassy.example`) => ({
  name: "New Person",
  email,
  role: "editor",
});

/** A token of its own for a sample that revokes one: where it is revoked. */
async function freshToken() {
  const name = `sample-${crypto.randomUUID()}`;
  const { id } = await freshPerson("publisher");
  await createTokenFor(id, name, ["publish"]);
  const row = await env.DB.prepare("SELECT id FROM tokens WHERE name = ?1")
    .bind(name)
    .first<{ id: number }>();
  return { at: `/api/v1/tokens/${row?.id}`, personId: id };
}

/** Someone of their own, signed in, holding `count` passkeys: their session and the passkeys' ids. */
async function freshPasskeys(count: number) {
  const { id } = await freshPerson();
  const ids = Array.from({ length: count }, () => `pk-${crypto.randomUUID()}`);
  await env.DB.batch(
    ids.map((key) =>
      env.DB.prepare(
        "INSERT INTO passkeys (id, person_id, public_key, name, created_at) VALUES (?1, ?2, 'AQ', 'Laptop', ?3)",
      ).bind(key, id, new Date().toISOString()),
    ),
  );
  return { session: await createSession(id), ids };
}

/** A passkey made, as a browser would, for options the API gave in the admin's session. */
async function freshRegistration() {
  const options = await send(fromConsole({ method: "POST", path: "/api/v1/passkeys/options" }));
  return (await register(await options.json(), ORIGIN)).response;
}

/** A webhook of its own, to the local receiver, enabled or not: where it is. */
async function freshWebhook(enabled = true) {
  const made = await send({
    method: "POST",
    path: "/api/v1/webhooks",
    token: admin,
    body: { url: `${env.TEST_WEBHOOK_RECEIVER}/hooks/contract`, events: ["publication.published"] },
  });
  const { id } = await made.json<{ id: number }>();
  const at = `/api/v1/webhooks/${id}`;
  if (!enabled) await send({ method: "PATCH", path: at, token: admin, body: { enabled: false } });
  return { id, at };
}

/** A logged attempt of a webhook of its own: where it is redelivered. */
async function freshDelivery(enabled = true) {
  const webhook = await freshWebhook(enabled);
  const row = await env.DB.prepare(
    `INSERT INTO webhook_deliveries (endpoint_id, webhook_id, type, payload, attempt, outcome, status, at)
     VALUES (?1, 'evt_contract', 'site.changed', '{}', 1, 'failed', 500, ?2) RETURNING id`,
  )
    .bind(webhook.id, new Date().toISOString())
    .first<{ id: number }>();
  return `${webhook.at}/deliveries/${row?.id}/redeliver`;
}

/** A publication of its own for a sample that changes one; its id and the ETag If-Match takes. */
async function freshPublication(status: "draft" | "published" | "archived" = "published") {
  const slug = `sample-${crypto.randomUUID()}`;
  await addPublications({ slug, published_at: "2020-10-20T09:00:00.000Z", status });
  const row = await env.DB.prepare("SELECT id, version FROM publications WHERE slug = ?1")
    .bind(slug)
    .first<{ id: number; version: number }>();
  if (!row) throw new Error(`${slug} was not stored`);
  return { id: row.id, slug, etag: `"v${row.version}"`, at: `/api/v1/publications/by-id/${row.id}` };
}

/** A draft of its own with one preview link: where its links are, the link's id and its page. */
async function freshPreviewLink() {
  const publication = await freshPublication("draft");
  const made = await send({ method: "POST", path: `${publication.at}/previews`, token: admin, body: {} });
  const link = await made.json<{ id: string; url: string }>();
  return { at: `${publication.at}/previews`, id: link.id, page: new URL(link.url).pathname };
}

/** A draft of its own that its author submitted: the admin, who wrote none of it, may approve it. */
async function freshSubmission() {
  const publication = await freshPublication("draft");
  await send({ method: "POST", path: `${publication.at}/submit`, token: admin });
  return publication;
}

/** A published text in Russian, which a site speaking English lacks a version of. */
async function freshRussian() {
  const slug = `sample-${crypto.randomUUID()}`;
  await addPublications({ slug, lang: "ru", published_at: "2020-10-20T09:00:00.000Z" });
  const row = await env.DB.prepare("SELECT id FROM publications WHERE slug = ?1")
    .bind(slug)
    .first<{ id: number }>();
  return { at: `/api/v1/publications/by-id/${row?.id}` };
}

/** "Translate" on the publication at `at`, into English unless the sample says otherwise. */
const translation = (at: string): Call => ({
  method: "POST",
  path: `${at}/translations`,
  token: admin,
  body: { lang: "en" },
});

/** A clearance step on the publication at `at`. */
const step = (at: string, name: string, body?: unknown, headers: Record<string, string> = {}): Call => ({
  method: "POST",
  path: `${at}/${name}`,
  token: admin,
  headers,
  body,
});

async function freshCounter() {
  const slug = `counter-${crypto.randomUUID().slice(0, 8)}`;
  await addCounters({ slug, since: "2020-01-01" });
  return { slug, at: `/api/v1/counters/${slug}`, etag: '"v1"' };
}

async function siteEtag(): Promise<string> {
  const row = await env.DB.prepare("SELECT version FROM site WHERE id = 1").first<{ version: number }>();
  return `"v${row?.version}"`;
}

const newCounter = () => ({
  slug: `new-${crypto.randomUUID().slice(0, 8)}`,
  since: "2020-01-01",
  sentences: { en: { one: "{days} day", other: "{days} days" } },
});

const newPublication = (slug = `new-${crypto.randomUUID()}`) => ({
  slug,
  kind: "news",
  lang: "en",
  title: "A new publication",
  body: "<p>Hello</p>",
  status: "published",
  without_approval: "Cleared by phone with the ambassador",
});

/** A publication as `text/markdown` with front matter, under a slug of its own. */
const markdown = () =>
  `---\nslug: md-${crypto.randomUUID()}\nkind: news\nlang: en\ntitle: From Markdown\n---\n\nHello *world*.\n`;
/** The smallest PNG: a 1×1 transparent pixel. */
const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);
const oversize = (bytes: number) => "x".repeat(bytes + 1);

function withFile(bytes: Uint8Array, field = "file"): FormData {
  const form = new FormData();
  form.append(field, new File([bytes], "pixel.png", { type: "image/png" }));
  return form;
}

const sample = (name: string, status: number, call: () => Call | Promise<Call>): Sample => ({
  name,
  status,
  call: async () => call(),
});

/**
 * What each operation answers: its success first (the 304 sample starts
 * from it), then each error a client can provoke. The document decides which
 * operations there are; one missing here fails the test that lists them.
 */
const SAMPLES: Record<string, Sample[]> = {
  "GET /api/v1/health": [sample("up", 200, () => ({ method: "GET", path: "/api/v1/health" }))],
  "GET /api/v1/live": [
    sample("a WebSocket", 101, () => ({
      method: "GET",
      path: "/api/v1/live",
      headers: { Upgrade: "websocket" },
    })),
    sample("not a WebSocket", 426, () => ({ method: "GET", path: "/api/v1/live" })),
  ],
  "GET /api/v1/publications": [
    sample("a page", 200, () => ({ method: "GET", path: "/api/v1/publications?limit=2" })),
    sample("some fields", 200, () => ({ method: "GET", path: "/api/v1/publications?fields=title,slug" })),
    sample("drafts, as an editor", 200, () => ({
      method: "GET",
      path: "/api/v1/publications?status=draft",
      token: admin,
    })),
    sample("drafts, without a token", 401, () => ({
      method: "GET",
      path: "/api/v1/publications?status=draft",
    })),
    sample("limit out of range", 400, () => ({ method: "GET", path: "/api/v1/publications?limit=0" })),
    sample("an unknown kind", 400, () => ({ method: "GET", path: "/api/v1/publications?kind=poem" })),
    sample("a bad cursor", 400, () => ({ method: "GET", path: "/api/v1/publications?cursor=nonsense" })),
    sample("one version of each text", 200, () => ({
      method: "GET",
      path: "/api/v1/publications?prefer_lang=ru",
    })),
    sample("one version of each text, those in English", 200, () => ({
      method: "GET",
      path: "/api/v1/publications?prefer_lang=ru&lang=en",
    })),
  ],
  "GET /api/v1/publications/{slug}": [
    sample("a published one", 200, async () => ({
      method: "GET",
      path: `/api/v1/publications/${(await freshPublication()).slug}`,
    })),
    sample("an unknown slug", 404, () => ({ method: "GET", path: "/api/v1/publications/no-such-thing" })),
    sample("an expired one", 410, async () => {
      const { id, slug } = await freshPublication();
      await env.DB.prepare("UPDATE publications SET expires_at = ?2 WHERE id = ?1")
        .bind(id, "2020-10-21T09:00:00.000Z")
        .run();
      return { method: "GET", path: `/api/v1/publications/${slug}` };
    }),
    // No slug is all digits: a reader asking for one made a bad request, not a failed sign-in.
    sample("an all-digit slug", 400, () => ({ method: "GET", path: "/api/v1/publications/123" })),
    sample("a slug that is not one", 400, () => ({ method: "GET", path: "/api/v1/publications/Not_A_Slug" })),
  ],
  "POST /api/v1/publications": [
    sample("JSON", 201, () => ({
      method: "POST",
      path: "/api/v1/publications",
      token: admin,
      body: newPublication(),
    })),
    sample("Markdown with front matter", 201, () => ({
      method: "POST",
      path: "/api/v1/publications",
      token: admin,
      headers: { "Content-Type": "text/markdown" },
      body: markdown(),
    })),
    sample("a slug taken", 409, async () => ({
      method: "POST",
      path: "/api/v1/publications",
      token: admin,
      body: newPublication((await freshPublication()).slug),
    })),
    sample("a retry with its Idempotency-Key, answered as the first time", 201, async () => {
      const first = {
        method: "POST",
        path: "/api/v1/publications",
        token: admin,
        headers: { "Idempotency-Key": crypto.randomUUID() },
        body: newPublication(),
      };
      await send(first);
      return first;
    }),
    sample("an Idempotency-Key used with another body", 422, async () => {
      const key = crypto.randomUUID();
      const first = {
        method: "POST",
        path: "/api/v1/publications",
        token: admin,
        headers: { "Idempotency-Key": key },
      };
      await send({ ...first, body: newPublication() });
      return { ...first, body: newPublication() };
    }),
    sample("a bad field", 422, () => ({
      method: "POST",
      path: "/api/v1/publications",
      token: admin,
      body: { ...newPublication(), kind: "poem" },
    })),
    sample("over 1 MB", 413, () => ({
      method: "POST",
      path: "/api/v1/publications",
      token: admin,
      headers: { "Content-Type": "application/json" },
      body: oversize(1024 * 1024),
    })),
  ],
  "POST /api/v1/previews": [
    sample("Markdown", 200, () => ({
      method: "POST",
      path: "/api/v1/previews",
      token: admin,
      body: { body: "Hello *world*" },
    })),
    sample("no body field", 422, () => ({
      method: "POST",
      path: "/api/v1/previews",
      token: admin,
      body: {},
    })),
    sample("over 1 MB", 413, () => ({
      method: "POST",
      path: "/api/v1/previews",
      token: admin,
      headers: { "Content-Type": "application/json" },
      body: oversize(1024 * 1024),
    })),
  ],
  "POST /api/v1/imports": [
    sample("two lines", 201, () => ({
      method: "POST",
      path: "/api/v1/imports",
      token: admin,
      headers: { "Content-Type": "application/x-ndjson" },
      body: [newPublication(), newPublication()].map((p) => JSON.stringify(p)).join("\n"),
    })),
    sample("a bad line", 422, () => ({
      method: "POST",
      path: "/api/v1/imports",
      token: admin,
      headers: { "Content-Type": "application/x-ndjson" },
      body: `${JSON.stringify(newPublication())}\n{"kind":"poem"}`,
    })),
    sample("JSON instead of NDJSON", 415, () => ({
      method: "POST",
      path: "/api/v1/imports",
      token: admin,
      body: [newPublication()],
    })),
    sample("over 16 MB", 413, () => ({
      method: "POST",
      path: "/api/v1/imports",
      token: admin,
      headers: { "Content-Type": "application/x-ndjson" },
      body: oversize(16 * 1024 * 1024),
    })),
  ],
  "GET /api/v1/publications/by-id/{id}": [
    sample("a draft", 200, async () => ({
      method: "GET",
      path: (await freshPublication("draft")).at,
      token: admin,
    })),
    sample("an unknown id", 404, () => ({
      method: "GET",
      path: "/api/v1/publications/by-id/999999",
      token: admin,
    })),
    sample("id 0", 400, () => ({ method: "GET", path: "/api/v1/publications/by-id/0", token: admin })),
  ],
  "PATCH /api/v1/publications/by-id/{id}": editSamples("PATCH", { title: "Changed" }),
  "PUT /api/v1/publications/by-id/{id}": editSamples("PUT", { kind: "news", lang: "en", title: "Replaced" }),
  "DELETE /api/v1/publications/by-id/{id}": [
    sample("archived", 200, async () => ({
      method: "DELETE",
      path: (await freshPublication()).at,
      token: admin,
    })),
    sample("a stale If-Match", 412, async () => ({
      method: "DELETE",
      path: (await freshPublication()).at,
      token: admin,
      headers: { "If-Match": '"v9"' },
    })),
    sample("an unknown id", 404, () => ({
      method: "DELETE",
      path: "/api/v1/publications/by-id/999999",
      token: admin,
    })),
  ],
  "POST /api/v1/publications/by-id/{id}/restore": [
    sample("an archived one", 200, async () => ({
      method: "POST",
      path: `${(await freshPublication("archived")).at}/restore`,
      token: admin,
    })),
    sample("one not archived", 409, async () => ({
      method: "POST",
      path: `${(await freshPublication()).at}/restore`,
      token: admin,
    })),
    sample("an unknown id", 404, () => ({
      method: "POST",
      path: "/api/v1/publications/by-id/999999/restore",
      token: admin,
    })),
  ],
  "POST /api/v1/publications/by-id/{id}/withdraw": [
    sample("a published one", 200, async () => {
      const publication = await freshPublication();
      return withdrawal(publication.at, { "If-Match": publication.etag });
    }),
    sample("a change note on the edit of a published one, then withdrawn", 200, async () => {
      const publication = await freshPublication();
      const edited = await send({
        method: "PATCH",
        path: publication.at,
        token: admin,
        headers: { "If-Match": publication.etag },
        body: { title: "Corrected", change_note: "Corrected the title" },
      });
      return withdrawal(publication.at, { "If-Match": edited.headers.get("ETag") ?? "" });
    }),
    sample("a draft", 409, async () => {
      const publication = await freshPublication("draft");
      return withdrawal(publication.at, { "If-Match": publication.etag });
    }),
    sample("without If-Match", 428, async () => withdrawal((await freshPublication()).at, {})),
    sample("a stale If-Match", 412, async () =>
      withdrawal((await freshPublication()).at, { "If-Match": '"v9"' }),
    ),
    sample("no reason", 422, async () => {
      const publication = await freshPublication();
      return { ...withdrawal(publication.at, { "If-Match": publication.etag }), body: {} };
    }),
    sample("not JSON", 415, async () => {
      const publication = await freshPublication();
      return withdrawal(publication.at, { "If-Match": publication.etag, "Content-Type": "text/plain" });
    }),
    sample("over 16 KB", 413, async () => {
      const publication = await freshPublication();
      const headers = { "If-Match": publication.etag, "Content-Type": "application/json" };
      return { ...withdrawal(publication.at, headers), body: oversize(16 * 1024) };
    }),
    sample("an unknown id", 404, () =>
      withdrawal("/api/v1/publications/by-id/999999", { "If-Match": '"v1"' }),
    ),
  ],
  "POST /api/v1/publications/by-id/{id}/submit": [
    sample("a draft, with a comment", 200, async () =>
      step((await freshPublication("draft")).at, "submit", { comment: "Ready for a read" }),
    ),
    sample("a draft, without a body", 200, async () => step((await freshPublication("draft")).at, "submit")),
    sample("one submitted already", 409, async () => step((await freshSubmission()).at, "submit")),
    sample("a published one", 409, async () => step((await freshPublication()).at, "submit")),
    sample("an empty comment", 422, async () =>
      step((await freshPublication("draft")).at, "submit", { comment: "" }),
    ),
    sample("over 16 KB", 413, async () =>
      step((await freshPublication("draft")).at, "submit", oversize(16 * 1024), {
        "Content-Type": "application/json",
      }),
    ),
    sample("an unknown id", 404, () => step("/api/v1/publications/by-id/999999", "submit")),
  ],
  "POST /api/v1/publications/by-id/{id}/approve": [
    sample("a submitted one, at the version read", 200, async () => {
      const publication = await freshSubmission();
      return step(publication.at, "approve", { comment: "Good to go" }, { "If-Match": publication.etag });
    }),
    sample("without If-Match", 428, async () => step((await freshSubmission()).at, "approve")),
    sample("a stale If-Match", 412, async () =>
      step((await freshSubmission()).at, "approve", undefined, { "If-Match": '"v9"' }),
    ),
    sample("a draft not submitted", 409, async () => {
      const publication = await freshPublication("draft");
      return step(publication.at, "approve", undefined, { "If-Match": publication.etag });
    }),
    sample("an unknown field", 422, async () => {
      const publication = await freshSubmission();
      return step(publication.at, "approve", { note: "x" }, { "If-Match": publication.etag });
    }),
    sample("an unknown id", 404, () =>
      step("/api/v1/publications/by-id/999999", "approve", undefined, { "If-Match": '"v1"' }),
    ),
  ],
  "POST /api/v1/publications/by-id/{id}/send-back": [
    sample("a submitted one", 200, async () =>
      step((await freshSubmission()).at, "send-back", { comment: "Check the date" }),
    ),
    sample("a draft not submitted", 409, async () =>
      step((await freshPublication("draft")).at, "send-back", { comment: "Check the date" }),
    ),
    sample("no comment", 422, async () => step((await freshSubmission()).at, "send-back", {})),
    sample("an unknown id", 404, () =>
      step("/api/v1/publications/by-id/999999", "send-back", { comment: "Check the date" }),
    ),
  ],
  "GET /api/v1/publications/by-id/{id}/history": [
    sample("the steps", 200, async () => ({
      method: "GET",
      path: `${(await freshSubmission()).at}/history`,
      token: admin,
    })),
    sample("an unknown id", 404, () => ({
      method: "GET",
      path: "/api/v1/publications/by-id/999999/history",
      token: admin,
    })),
  ],
  "GET /api/v1/queue": [
    sample("what waits", 200, async () => {
      await freshSubmission();
      return { method: "GET", path: "/api/v1/queue", token: admin };
    }),
    sample("limit out of range", 400, () => ({ method: "GET", path: "/api/v1/queue?limit=0", token: admin })),
  ],
  "POST /api/v1/publications/by-id/{id}/translations": [
    sample("into a language the text lacks", 201, async () => ({
      ...translation((await freshRussian()).at),
      body: { lang: "en" },
    })),
    sample("into the language it has", 409, async () => translation((await freshPublication()).at)),
    sample("into a language the site does not speak", 422, async () => ({
      ...translation((await freshPublication()).at),
      body: { lang: "de" },
    })),
    sample("an unknown id", 404, () => translation("/api/v1/publications/by-id/999999")),
  ],
  "GET /api/v1/publications/by-id/{id}/translations": [
    sample("its languages", 200, async () => ({
      method: "GET",
      path: `${(await freshPublication()).at}/translations`,
      token: admin,
    })),
    sample("an unknown id", 404, () => ({
      method: "GET",
      path: "/api/v1/publications/by-id/999999/translations",
      token: admin,
    })),
  ],
  "GET /api/v1/translations": [
    sample("what to translate", 200, async () => {
      await freshRussian();
      return { method: "GET", path: "/api/v1/translations", token: admin };
    }),
    sample("limit out of range", 400, () => ({
      method: "GET",
      path: "/api/v1/translations?limit=0",
      token: admin,
    })),
  ],
  "GET /api/v1/publications/by-id/{id}/revisions": [
    sample("the list", 200, async () => ({
      method: "GET",
      path: `${(await freshPublication()).at}/revisions`,
      token: admin,
    })),
    sample("an unknown id", 404, () => ({
      method: "GET",
      path: "/api/v1/publications/by-id/999999/revisions",
      token: admin,
    })),
  ],
  "GET /api/v1/publications/by-id/{id}/revisions/{version}": [
    sample("version 1", 200, async () => ({
      method: "GET",
      path: `${(await freshPublication()).at}/revisions/1`,
      token: admin,
    })),
    sample("a version never saved", 404, async () => ({
      method: "GET",
      path: `${(await freshPublication()).at}/revisions/99`,
      token: admin,
    })),
    sample("version 0", 400, async () => ({
      method: "GET",
      path: `${(await freshPublication()).at}/revisions/0`,
      token: admin,
    })),
  ],
  "POST /api/v1/publications/by-id/{id}/revisions/{version}/restore": [
    sample("version 1", 200, async () => {
      const publication = await freshPublication();
      return {
        method: "POST",
        path: `${publication.at}/revisions/1/restore`,
        token: admin,
        headers: { "If-Match": publication.etag },
      };
    }),
    sample("without If-Match", 428, async () => ({
      method: "POST",
      path: `${(await freshPublication()).at}/revisions/1/restore`,
      token: admin,
    })),
    sample("a stale If-Match", 412, async () => ({
      method: "POST",
      path: `${(await freshPublication()).at}/revisions/1/restore`,
      token: admin,
      headers: { "If-Match": '"v9"' },
    })),
    sample("a version never saved", 404, async () => {
      const publication = await freshPublication();
      return {
        method: "POST",
        path: `${publication.at}/revisions/99/restore`,
        token: admin,
        headers: { "If-Match": publication.etag },
      };
    }),
  ],
  "POST /api/v1/publications/by-id/{id}/previews": [
    sample("for a draft", 201, async () => ({
      method: "POST",
      path: `${(await freshPublication("draft")).at}/previews`,
      token: publisher,
      body: { expires_in_hours: 2 },
    })),
    sample("for a published one", 409, async () => ({
      method: "POST",
      path: `${(await freshPublication()).at}/previews`,
      token: admin,
      body: {},
    })),
    sample("an expiry out of range", 422, async () => ({
      method: "POST",
      path: `${(await freshPublication("draft")).at}/previews`,
      token: admin,
      body: { expires_in_hours: 0 },
    })),
    sample("an unknown id", 404, () => ({
      method: "POST",
      path: "/api/v1/publications/by-id/999999/previews",
      token: admin,
      body: {},
    })),
  ],
  "GET /api/v1/publications/by-id/{id}/previews": [
    sample("the live links", 200, async () => ({
      method: "GET",
      path: (await freshPreviewLink()).at,
      token: admin,
    })),
    sample("an unknown id", 404, () => ({
      method: "GET",
      path: "/api/v1/publications/by-id/999999/previews",
      token: admin,
    })),
  ],
  "DELETE /api/v1/publications/by-id/{id}/previews/{previewId}": [
    sample("a live link", 204, async () => {
      const link = await freshPreviewLink();
      return { method: "DELETE", path: `${link.at}/${link.id}`, token: admin };
    }),
    sample("a link never made", 404, async () => ({
      method: "DELETE",
      path: `${(await freshPreviewLink()).at}/${"A".repeat(22)}`,
      token: admin,
    })),
    sample("not a link's id", 400, async () => ({
      method: "DELETE",
      path: `${(await freshPreviewLink()).at}/nonsense`,
      token: admin,
    })),
  ],
  "GET /api/v1/search": [
    sample("a word", 200, () => ({ method: "GET", path: "/api/v1/search?q=title" })),
    sample("drafts, as an editor", 200, () => ({
      method: "GET",
      path: "/api/v1/search?q=title&status=draft",
      token: admin,
    })),
    sample("no query", 400, () => ({ method: "GET", path: "/api/v1/search" })),
    sample("limit out of range", 400, () => ({ method: "GET", path: "/api/v1/search?q=title&limit=51" })),
  ],
  "GET /api/v1/alerts": [
    sample("an alert active", 200, async () => {
      await send({
        method: "POST",
        path: "/api/v1/publications",
        token: admin,
        body: {
          ...newPublication(),
          kind: "alert",
          level: "security",
          expires_at: new Date(Date.now() + 86_400_000).toISOString(),
        },
      });
      return { method: "GET", path: "/api/v1/alerts" };
    }),
    sample("in Russian", 200, () => ({ method: "GET", path: "/api/v1/alerts?lang=ru" })),
    sample("a parameter it has not", 400, () => ({ method: "GET", path: "/api/v1/alerts?level=emergency" })),
  ],
  "GET /api/v1/counters": [
    sample("today", 200, () => ({ method: "GET", path: "/api/v1/counters" })),
    sample("another moment", 200, () => ({
      method: "GET",
      path: "/api/v1/counters?at=2020-10-25T00:06:00Z",
    })),
    sample("a bad moment", 400, () => ({ method: "GET", path: "/api/v1/counters?at=yesterday" })),
  ],
  "POST /api/v1/counters": [
    sample("a new one", 201, () => ({
      method: "POST",
      path: "/api/v1/counters",
      token: admin,
      body: newCounter(),
    })),
    // 10000 is the highest position the document allows; the next counter must not go past it.
    sample("one more after a counter at the highest position", 201, async () => {
      const call = { method: "POST", path: "/api/v1/counters", token: admin };
      await send({ ...call, body: { ...newCounter(), position: 10000 } });
      return { ...call, body: newCounter() };
    }),
    sample("a slug taken", 409, async () => ({
      method: "POST",
      path: "/api/v1/counters",
      token: admin,
      body: { ...newCounter(), slug: (await freshCounter()).slug },
    })),
    sample("no sentences", 422, () => ({
      method: "POST",
      path: "/api/v1/counters",
      token: admin,
      body: { slug: "no-sentences", since: "2020-01-01" },
    })),
    sample("over 400 KB", 413, () => ({
      method: "POST",
      path: "/api/v1/counters",
      token: admin,
      headers: { "Content-Type": "application/json" },
      body: oversize(400 * 1024),
    })),
  ],
  "GET /api/v1/counters/{slug}": [
    sample("one", 200, async () => ({ method: "GET", path: (await freshCounter()).at })),
    sample("an unknown slug", 404, () => ({ method: "GET", path: "/api/v1/counters/no-such-counter" })),
    sample("a slug that is not one", 400, () => ({ method: "GET", path: "/api/v1/counters/Not_A_Slug" })),
  ],
  "PATCH /api/v1/counters/{slug}": [
    sample("changed", 200, async () => {
      const counter = await freshCounter();
      return {
        method: "PATCH",
        path: counter.at,
        token: admin,
        headers: { "If-Match": counter.etag },
        body: { position: 3 },
      };
    }),
    sample("without If-Match", 428, async () => ({
      method: "PATCH",
      path: (await freshCounter()).at,
      token: admin,
      body: { position: 3 },
    })),
    sample("a stale If-Match", 412, async () => ({
      method: "PATCH",
      path: (await freshCounter()).at,
      token: admin,
      headers: { "If-Match": '"v9"' },
      body: { position: 3 },
    })),
    sample("an unknown slug", 404, () => ({
      method: "PATCH",
      path: "/api/v1/counters/no-such-counter",
      token: admin,
      headers: { "If-Match": '"v1"' },
      body: { position: 3 },
    })),
    sample("a bad field", 422, async () => ({
      method: "PATCH",
      path: (await freshCounter()).at,
      token: admin,
      headers: { "If-Match": '"v1"' },
      body: { position: -1 },
    })),
    sample("over 400 KB", 413, async () => ({
      method: "PATCH",
      path: (await freshCounter()).at,
      token: admin,
      headers: { "If-Match": '"v1"', "Content-Type": "application/json" },
      body: oversize(400 * 1024),
    })),
  ],
  "DELETE /api/v1/counters/{slug}": [
    sample("deleted", 204, async () => ({ method: "DELETE", path: (await freshCounter()).at, token: admin })),
    sample("a stale If-Match", 412, async () => ({
      method: "DELETE",
      path: (await freshCounter()).at,
      token: admin,
      headers: { "If-Match": '"v9"' },
    })),
    sample("an unknown slug", 404, () => ({
      method: "DELETE",
      path: "/api/v1/counters/no-such-counter",
      token: admin,
    })),
  ],
  "GET /api/v1/site": [
    sample("the settings", 200, () => ({ method: "GET", path: "/api/v1/site" })),
    sample("in a language by lookup", 200, () => ({ method: "GET", path: "/api/v1/site?lang=en-GB" })),
    sample("a tag that is none", 400, () => ({ method: "GET", path: "/api/v1/site?lang=!!" })),
  ],
  "GET /api/v1/site/settings": [
    sample("as an editor", 200, () => ({ method: "GET", path: "/api/v1/site/settings", token: admin })),
    sample("without a token", 401, () => ({ method: "GET", path: "/api/v1/site/settings" })),
  ],
  "PATCH /api/v1/site": [
    sample("renamed", 200, async () => ({
      method: "PATCH",
      path: "/api/v1/site",
      token: admin,
      headers: { "If-Match": await siteEtag() },
      body: { name: "Embassy" },
    })),
    sample("without If-Match", 428, () => ({
      method: "PATCH",
      path: "/api/v1/site",
      token: admin,
      body: { name: "X" },
    })),
    sample("a stale If-Match", 412, () => ({
      method: "PATCH",
      path: "/api/v1/site",
      token: admin,
      headers: { "If-Match": '"v999"' },
      body: { name: "X" },
    })),
    sample("a time zone that is none", 422, async () => ({
      method: "PATCH",
      path: "/api/v1/site",
      token: admin,
      headers: { "If-Match": await siteEtag() },
      body: { time_zone: "Mars/Olympus" },
    })),
    sample("over 128 KB", 413, async () => ({
      method: "PATCH",
      path: "/api/v1/site",
      token: admin,
      headers: { "If-Match": await siteEtag(), "Content-Type": "application/json" },
      body: oversize(128 * 1024),
    })),
  ],
  "PUT /api/v1/site/emblem": [
    sample("an uploaded image", 200, async () => ({
      method: "PUT",
      path: "/api/v1/site/emblem",
      token: admin,
      body: { key: (await uploaded()).split("/").pop() },
    })),
    sample("a key that names no file", 422, () => ({
      method: "PUT",
      path: "/api/v1/site/emblem",
      token: admin,
      body: { key: `${"0".repeat(32)}.png` },
    })),
    sample("over 1 KB", 413, () => ({
      method: "PUT",
      path: "/api/v1/site/emblem",
      token: admin,
      headers: { "Content-Type": "application/json" },
      body: oversize(1024),
    })),
  ],
  "DELETE /api/v1/site/emblem": [
    sample("taken down", 204, () => ({ method: "DELETE", path: "/api/v1/site/emblem", token: admin })),
  ],
  "GET /favicon.ico": [
    sample("the emblem's address", 302, async () => {
      const key = (await uploaded()).split("/").pop();
      await env.DB.prepare("UPDATE site SET emblem = ?1 WHERE id = 1").bind(key).run();
      return { method: "GET", path: "/favicon.ico" };
    }),
    sample("no emblem", 404, async () => {
      await env.DB.prepare("UPDATE site SET emblem = NULL WHERE id = 1").run();
      return { method: "GET", path: "/favicon.ico" };
    }),
  ],
  "GET /api/v1/audit": [
    sample("the log", 200, () => ({ method: "GET", path: "/api/v1/audit?limit=5", token: admin })),
    sample("limit out of range", 400, () => ({ method: "GET", path: "/api/v1/audit?limit=0", token: admin })),
    sample("a token with only publish", 403, () => ({
      method: "GET",
      path: "/api/v1/audit",
      token: publisher,
    })),
  ],
  "GET /api/v1/people": [
    sample("everyone", 200, () => ({ method: "GET", path: "/api/v1/people", token: admin })),
    sample("a token with only publish", 403, () => ({
      method: "GET",
      path: "/api/v1/people",
      token: publisher,
    })),
  ],
  "POST /api/v1/people": [
    sample("invited, with a one-time link", 201, () => ({
      method: "POST",
      path: "/api/v1/people",
      token: admin,
      body: newPerson(),
    })),
    sample("an e-mail taken", 409, async () => {
      const email = `taken.${crypto.randomUUID().slice(0, 8)}@embassy.example`;
      await send({ method: "POST", path: "/api/v1/people", token: admin, body: newPerson(email) });
      return { method: "POST", path: "/api/v1/people", token: admin, body: newPerson(email.toUpperCase()) };
    }),
    sample("bad fields", 422, () => ({
      method: "POST",
      path: "/api/v1/people",
      token: admin,
      body: { name: "", email: "nobody", role: "owner" },
    })),
    sample("an Idempotency-Key, which a link shown once cannot take", 400, () => ({
      method: "POST",
      path: "/api/v1/people",
      token: admin,
      headers: { "Idempotency-Key": crypto.randomUUID() },
      body: newPerson(),
    })),
    sample("over 8 KB", 413, () => ({
      method: "POST",
      path: "/api/v1/people",
      token: admin,
      headers: { "Content-Type": "application/json" },
      body: oversize(8 * 1024),
    })),
  ],
  "GET /api/v1/people/{personId}": [
    sample("one", 200, async () => ({ method: "GET", path: (await freshPerson()).at, token: admin })),
    sample("an unknown id", 404, () => ({ method: "GET", path: "/api/v1/people/999999", token: admin })),
    sample("id 0", 400, () => ({ method: "GET", path: "/api/v1/people/0", token: admin })),
  ],
  "PATCH /api/v1/people/{personId}": [
    sample("renamed", 200, async () => ({
      method: "PATCH",
      path: (await freshPerson()).at,
      token: admin,
      body: { name: "Renamed" },
    })),
    sample("disabled", 200, async () => ({
      method: "PATCH",
      path: (await freshPerson()).at,
      token: admin,
      body: { disabled: true },
    })),
    sample("nothing to change", 422, async () => ({
      method: "PATCH",
      path: (await freshPerson()).at,
      token: admin,
      body: {},
    })),
    sample("an e-mail taken", 409, async () => {
      const taken = await send({ method: "GET", path: (await freshPerson()).at, token: admin });
      const { email } = await taken.json<{ email: string }>();
      return { method: "PATCH", path: (await freshPerson()).at, token: admin, body: { email } };
    }),
    sample("an unknown id", 404, () => ({
      method: "PATCH",
      path: "/api/v1/people/999999",
      token: admin,
      body: { name: "Nobody" },
    })),
  ],
  "POST /api/v1/people/{personId}/invitations": [
    sample("a new link", 201, async () => ({
      method: "POST",
      path: `${(await freshPerson()).at}/invitations`,
      token: admin,
    })),
    sample("someone disabled", 409, async () => {
      const { at } = await freshPerson();
      await send({ method: "PATCH", path: at, token: admin, body: { disabled: true } });
      return { method: "POST", path: `${at}/invitations`, token: admin };
    }),
    sample("an unknown id", 404, () => ({
      method: "POST",
      path: "/api/v1/people/999999/invitations",
      token: admin,
    })),
  ],
  "POST /api/v1/people/{personId}/sign-out": [
    sample("signed out", 204, async () => ({
      method: "POST",
      path: `${(await freshPerson()).at}/sign-out`,
      token: admin,
    })),
    sample("an unknown id", 404, () => ({
      method: "POST",
      path: "/api/v1/people/999999/sign-out",
      token: admin,
    })),
  ],
  "GET /api/v1/passkeys": [
    sample("mine", 200, () => fromConsole({ method: "GET", path: "/api/v1/passkeys" })),
  ],
  "POST /api/v1/passkeys/options": [
    sample("options for the prompt", 200, () =>
      fromConsole({ method: "POST", path: "/api/v1/passkeys/options" }),
    ),
  ],
  "POST /api/v1/passkeys": [
    sample("added", 201, async () =>
      fromConsole({
        method: "POST",
        path: "/api/v1/passkeys",
        body: { name: "Sample key", response: await freshRegistration() },
      }),
    ),
    sample("an answer to a prompt already answered", 409, async () => {
      const response = await freshRegistration();
      const call = fromConsole({
        method: "POST",
        path: "/api/v1/passkeys",
        body: { name: "Once", response },
      });
      await send(call);
      return call;
    }),
    sample("no name", 422, async () =>
      fromConsole({
        method: "POST",
        path: "/api/v1/passkeys",
        body: { response: await freshRegistration() },
      }),
    ),
    sample("too large", 413, () =>
      fromConsole({ method: "POST", path: "/api/v1/passkeys", body: { name: oversize(32 * 1024) } }),
    ),
  ],
  "DELETE /api/v1/passkeys/{passkeyId}": [
    sample("removed", 204, async () => {
      const { session, ids } = await freshPasskeys(2);
      return fromConsole({ method: "DELETE", path: `/api/v1/passkeys/${ids[0]}` }, session);
    }),
    sample("the last one", 409, async () => {
      const { session, ids } = await freshPasskeys(1);
      return fromConsole({ method: "DELETE", path: `/api/v1/passkeys/${ids[0]}` }, session);
    }),
    sample("someone else's", 404, async () => {
      const { ids } = await freshPasskeys(2);
      return fromConsole({ method: "DELETE", path: `/api/v1/passkeys/${ids[0]}` });
    }),
    sample("an id too short to be a credential's", 404, () =>
      fromConsole({ method: "DELETE", path: "/api/v1/passkeys/short-id" }),
    ),
  ],
  "GET /api/v1/me": [
    sample("a token", 200, () => ({ method: "GET", path: "/api/v1/me", token: publisher })),
    sample("a console session", 200, () => fromConsole({ method: "GET", path: "/api/v1/me" })),
  ],
  "POST /api/v1/me/sign-out": [
    sample("signed out everywhere", 204, async () =>
      fromConsole(
        { method: "POST", path: "/api/v1/me/sign-out" },
        await createSession((await freshPerson()).id),
      ),
    ),
    sample("from a token", 403, () => ({ method: "POST", path: "/api/v1/me/sign-out", token: admin })),
  ],
  "GET /api/v1/tokens": [
    sample("mine", 200, () => fromConsole({ method: "GET", path: "/api/v1/tokens" })),
    sample("someone's, as an admin", 200, async () =>
      fromConsole({ method: "GET", path: `/api/v1/tokens?person=${(await freshToken()).personId}` }),
    ),
    sample("someone's, as anyone else", 403, async () =>
      fromConsole(
        { method: "GET", path: `/api/v1/tokens?person=${(await freshToken()).personId}` },
        await createSession((await freshPerson()).id),
      ),
    ),
    sample("no one's", 404, () => fromConsole({ method: "GET", path: "/api/v1/tokens?person=999999" })),
    sample("a person that is no number", 400, () =>
      fromConsole({ method: "GET", path: "/api/v1/tokens?person=ana" }),
    ),
  ],
  "POST /api/v1/tokens": [
    sample("made, shown once", 201, () =>
      fromConsole({
        method: "POST",
        path: "/api/v1/tokens",
        body: { name: `sample-${crypto.randomUUID()}`, scopes: ["publish"] },
      }),
    ),
    sample("scopes beyond the role", 422, async () =>
      fromConsole(
        {
          method: "POST",
          path: "/api/v1/tokens",
          body: { name: `sample-${crypto.randomUUID()}`, scopes: ["site"] },
        },
        await createSession((await freshPerson("publisher")).id),
      ),
    ),
    sample("a name taken", 409, () =>
      fromConsole({
        method: "POST",
        path: "/api/v1/tokens",
        body: { name: "Contract admin", scopes: ["publish"] },
      }),
    ),
    sample("an Idempotency-Key, which a token shown once cannot take", 400, () =>
      fromConsole({
        method: "POST",
        path: "/api/v1/tokens",
        headers: { "Idempotency-Key": crypto.randomUUID() },
        body: { name: `sample-${crypto.randomUUID()}`, scopes: ["publish"] },
      }),
    ),
    sample("over 4 KB", 413, () =>
      fromConsole({
        method: "POST",
        path: "/api/v1/tokens",
        headers: { "Content-Type": "application/json" },
        body: oversize(4 * 1024),
      }),
    ),
  ],
  "DELETE /api/v1/tokens/{tokenId}": [
    sample("revoked by an admin", 204, async () =>
      fromConsole({ method: "DELETE", path: (await freshToken()).at }),
    ),
    sample("someone else's, as anyone else", 404, async () =>
      fromConsole(
        { method: "DELETE", path: (await freshToken()).at },
        await createSession((await freshPerson()).id),
      ),
    ),
  ],
  "GET /api/v1/webhooks": [
    sample("all", 200, () => ({ method: "GET", path: "/api/v1/webhooks", token: admin })),
    sample("as a publisher", 403, () => ({ method: "GET", path: "/api/v1/webhooks", token: publisher })),
  ],
  "POST /api/v1/webhooks": [
    sample("added, its secret shown once", 201, () => ({
      method: "POST",
      path: "/api/v1/webhooks",
      token: admin,
      body: { url: `${env.TEST_WEBHOOK_RECEIVER}/hooks/contract`, events: ["publication.published"] },
    })),
    sample("a URL that is not https", 422, () => ({
      method: "POST",
      path: "/api/v1/webhooks",
      token: admin,
      body: { url: "ftp://hooks.example.com/in", events: ["publication.published"] },
    })),
    sample("an Idempotency-Key", 400, () => ({
      method: "POST",
      path: "/api/v1/webhooks",
      token: admin,
      headers: { "Idempotency-Key": crypto.randomUUID() },
      body: { url: "https://hooks.example.com/in", events: ["publication.published"] },
    })),
  ],
  "GET /api/v1/webhooks/{id}": [
    sample("one", 200, async () => ({ method: "GET", path: (await freshWebhook()).at, token: admin })),
    sample("none with this id", 404, () => ({
      method: "GET",
      path: "/api/v1/webhooks/999999",
      token: admin,
    })),
    sample("an id of 0", 400, () => ({ method: "GET", path: "/api/v1/webhooks/0", token: admin })),
  ],
  "PATCH /api/v1/webhooks/{id}": [
    sample("disabled", 200, async () => ({
      method: "PATCH",
      path: (await freshWebhook()).at,
      token: admin,
      body: { enabled: false },
    })),
    sample("nothing to change", 422, async () => ({
      method: "PATCH",
      path: (await freshWebhook()).at,
      token: admin,
      body: {},
    })),
    sample("none with this id", 404, () => ({
      method: "PATCH",
      path: "/api/v1/webhooks/999999",
      token: admin,
      body: { enabled: true },
    })),
  ],
  "DELETE /api/v1/webhooks/{id}": [
    sample("deleted", 204, async () => ({ method: "DELETE", path: (await freshWebhook()).at, token: admin })),
    sample("none with this id", 404, () => ({
      method: "DELETE",
      path: "/api/v1/webhooks/999999",
      token: admin,
    })),
  ],
  "POST /api/v1/webhooks/{id}/secret": [
    sample("rotated", 200, async () => ({
      method: "POST",
      path: `${(await freshWebhook()).at}/secret`,
      token: admin,
    })),
    sample("none with this id", 404, () => ({
      method: "POST",
      path: "/api/v1/webhooks/999999/secret",
      token: admin,
    })),
  ],
  "POST /api/v1/webhooks/{id}/test": [
    sample("queued", 200, async () => ({
      method: "POST",
      path: `${(await freshWebhook()).at}/test`,
      token: admin,
    })),
    sample("disabled", 409, async () => ({
      method: "POST",
      path: `${(await freshWebhook(false)).at}/test`,
      token: admin,
    })),
    sample("none with this id", 404, () => ({
      method: "POST",
      path: "/api/v1/webhooks/999999/test",
      token: admin,
    })),
  ],
  "GET /api/v1/webhooks/{id}/deliveries": [
    sample("the log", 200, async () => ({
      method: "GET",
      path: `${(await freshWebhook()).at}/deliveries?limit=5`,
      token: admin,
    })),
    sample("a limit of 0", 400, async () => ({
      method: "GET",
      path: `${(await freshWebhook()).at}/deliveries?limit=0`,
      token: admin,
    })),
    sample("none with this id", 404, () => ({
      method: "GET",
      path: "/api/v1/webhooks/999999/deliveries",
      token: admin,
    })),
  ],
  "POST /api/v1/webhooks/{id}/deliveries/{delivery}/redeliver": [
    sample("queued again", 200, async () => ({ method: "POST", path: await freshDelivery(), token: admin })),
    sample("disabled", 409, async () => ({ method: "POST", path: await freshDelivery(false), token: admin })),
    sample("no such delivery", 404, async () => ({
      method: "POST",
      path: `${(await freshWebhook()).at}/deliveries/999999/redeliver`,
      token: admin,
    })),
  ],
  "POST /api/v1/media": [
    sample("a new PNG", 201, () => ({
      method: "POST",
      path: "/api/v1/media",
      token: admin,
      headers: { "Content-Type": "image/png" },
      body: Uint8Array.of(...PNG, ...crypto.getRandomValues(new Uint8Array(8))),
    })),
    sample("the same PNG again", 200, async () => {
      const call = {
        method: "POST",
        path: "/api/v1/media",
        token: admin,
        headers: { "Content-Type": "image/png" },
      };
      await send({ ...call, body: PNG });
      return { ...call, body: PNG };
    }),
    sample("a form", 201, () => ({
      method: "POST",
      path: "/api/v1/media",
      token: admin,
      body: withFile(Uint8Array.of(...PNG, ...crypto.getRandomValues(new Uint8Array(8)))),
    })),
    sample("a form without its file", 422, () => ({
      method: "POST",
      path: "/api/v1/media",
      token: admin,
      body: withFile(PNG, "other"),
    })),
    sample("text", 415, () => ({
      method: "POST",
      path: "/api/v1/media",
      token: admin,
      headers: { "Content-Type": "image/png" },
      body: "not an image",
    })),
    sample("an empty file", 400, () => ({
      method: "POST",
      path: "/api/v1/media",
      token: admin,
      headers: { "Content-Type": "image/png" },
      body: new Uint8Array(0),
    })),
    sample("over 10 MB", 413, () => ({
      method: "POST",
      path: "/api/v1/media",
      token: admin,
      headers: { "Content-Type": "image/png" },
      body: oversize(10 * 1024 * 1024),
    })),
  ],
  "GET /media/{key}": [
    sample("an upload", 200, async () => ({ method: "GET", path: await uploaded() })),
    sample("an upload not changed", 304, async () => {
      const path = await uploaded();
      const etag = (await send({ method: "GET", path })).headers.get("ETag") ?? "";
      return { method: "GET", path, headers: { "If-None-Match": etag } };
    }),
    sample("an unknown key", 404, () => ({ method: "GET", path: `/media/${"0".repeat(32)}.png` })),
    sample("a key that is none", 400, () => ({ method: "GET", path: "/media/nonsense.png" })),
  ],
  "GET /": [
    sample("to the reader's language", 302, () => ({
      method: "GET",
      path: "/",
      headers: { "Accept-Language": "ru-RU,ru;q=0.9" },
    })),
    sample("an old link in Russian", 301, () => ({ method: "GET", path: "/?lang=ru" })),
  ],
  "GET /publications": [
    sample("to the reader's language", 302, () => ({ method: "GET", path: "/publications?kind=news" })),
    sample("an old link in Russian", 301, () => ({ method: "GET", path: "/publications?lang=ru" })),
  ],
  "GET /{lang}/": [
    sample("the home page", 200, () => ({ method: "GET", path: "/en/" })),
    sample("in Russian", 200, () => ({ method: "GET", path: "/ru/" })),
    sample("a language the site lacks", 404, () => ({ method: "GET", path: "/de/" })),
  ],
  "GET /{lang}/publications": [
    sample("the archive", 200, () => ({ method: "GET", path: "/en/publications" })),
    sample("an unknown kind", 400, () => ({ method: "GET", path: "/en/publications?kind=poem" })),
    sample("a language the site lacks", 404, () => ({ method: "GET", path: "/de/publications" })),
  ],
  "GET /publications/{slug}": [
    sample("a published one", 200, async () => ({
      method: "GET",
      path: `/publications/${(await freshPublication()).slug}`,
    })),
    sample("an unknown slug", 404, () => ({ method: "GET", path: "/publications/no-such-thing" })),
  ],
  "GET /oembed": [
    sample("a publication's embed", 200, async () => ({
      method: "GET",
      path: `/oembed?url=${encodeURIComponent(`https://embassy.example/publications/${(await freshPublication()).slug}`)}&format=json`,
    })),
    sample("no url", 400, () => ({ method: "GET", path: "/oembed?format=json" })),
    sample("not a publication page", 404, () => ({
      method: "GET",
      path: `/oembed?url=${encodeURIComponent("https://elsewhere.example/publications/no-such-thing")}`,
    })),
    sample("a format other than json", 400, async () => ({
      method: "GET",
      path: `/oembed?url=${encodeURIComponent(`https://embassy.example/publications/${(await freshPublication()).slug}`)}&format=xml`,
    })),
  ],
  "GET /embed/publications/{slug}": [
    sample("a published one", 200, async () => ({
      method: "GET",
      path: `/embed/publications/${(await freshPublication()).slug}`,
    })),
    sample("an unknown slug", 404, () => ({ method: "GET", path: "/embed/publications/no-such-thing" })),
  ],
  "GET /feed.xml": feedSamples("/feed.xml"),
  "GET /atom.xml": feedSamples("/atom.xml"),
  "GET /feed.json": feedSamples("/feed.json"),
  "GET /{lang}/feed.xml": languageFeedSamples("/feed.xml"),
  "GET /{lang}/atom.xml": languageFeedSamples("/atom.xml"),
  "GET /{lang}/feed.json": languageFeedSamples("/feed.json"),
  "GET /sitemap.xml": [sample("the sitemap", 200, () => ({ method: "GET", path: "/sitemap.xml" }))],
  "GET /robots.txt": [sample("the rules", 200, () => ({ method: "GET", path: "/robots.txt" }))],
  "GET /preview/{token}": [
    sample("a live link", 200, async () => ({ method: "GET", path: (await freshPreviewLink()).page })),
    sample("a forged link", 404, () => ({ method: "GET", path: "/preview/nonsense" })),
  ],
  "GET /search": [
    sample("to the reader's language", 302, () => ({ method: "GET", path: "/search?q=title" })),
    sample("an old link in English", 301, () => ({ method: "GET", path: "/search?q=title&lang=en" })),
  ],
  "GET /{lang}/search": [
    sample("the search page", 200, () => ({ method: "GET", path: "/en/search?q=title" })),
    sample("no query yet", 200, () => ({ method: "GET", path: "/ru/search" })),
    sample("a language the site lacks", 404, () => ({ method: "GET", path: "/de/search?q=title" })),
  ],
};

function feedSamples(path: string): Sample[] {
  return [
    sample("the feed", 200, () => ({ method: "GET", path })),
    sample("one kind, in a language the site lacks", 200, () => ({
      method: "GET",
      path: `${path}?kind=news&lang=de`,
    })),
    sample("in one of the site's languages, at its own address", 301, () => ({
      method: "GET",
      path: `${path}?lang=ru`,
    })),
    sample("an unknown kind", 400, () => ({ method: "GET", path: `${path}?kind=poem` })),
  ];
}

function languageFeedSamples(path: string): Sample[] {
  return [
    sample("in Russian", 200, () => ({ method: "GET", path: `/ru${path}` })),
    sample("one kind", 200, () => ({ method: "GET", path: `/en${path}?kind=news` })),
    sample("a filter by language", 400, () => ({ method: "GET", path: `/en${path}?lang=ru` })),
    sample("a language the site lacks", 404, () => ({ method: "GET", path: `/de${path}` })),
  ];
}

/** Publication edits: PATCH and PUT answer alike. */
function editSamples(method: "PATCH" | "PUT", body: Record<string, unknown>): Sample[] {
  const edit = async (headers: (etag: string) => Record<string, string>, value: unknown = body) => {
    const publication = await freshPublication();
    return { method, path: publication.at, token: admin, headers: headers(publication.etag), body: value };
  };
  return [
    sample("saved, as JSON", 200, () => edit((etag) => ({ "If-Match": etag }))),
    sample("saved, as Markdown", 200, () =>
      edit((etag) => ({ "If-Match": etag, "Content-Type": "text/markdown" }), markdown()),
    ),
    sample("without If-Match", 428, () => edit(() => ({}))),
    sample("a stale If-Match", 412, () => edit(() => ({ "If-Match": '"v9"' }))),
    sample("an If-Match that is no ETag of ours", 400, () => edit(() => ({ "If-Match": "*" }))),
    sample("a bad field", 422, () => edit((etag) => ({ "If-Match": etag }), { ...body, kind: "poem" })),
    sample("an unknown id", 404, () => ({
      method,
      path: "/api/v1/publications/by-id/999999",
      token: admin,
      headers: { "If-Match": '"v1"' },
      body,
    })),
    sample("over 1 MB", 413, () =>
      edit((etag) => ({ "If-Match": etag, "Content-Type": "application/json" }), oversize(1024 * 1024)),
    ),
  ];
}

/** A withdrawal of the publication at `at`, with a reason. */
function withdrawal(at: string, headers: Record<string, string>): Call {
  return {
    method: "POST",
    path: `${at}/withdraw`,
    token: admin,
    headers,
    body:
      headers["Content-Type"] === "text/plain" ? "Withdrawn" : { reason: "Superseded by a later statement" },
  };
}

/** The path of a file just uploaded, as its 201 gave it. */
async function uploaded(): Promise<string> {
  const response = await send({
    method: "POST",
    path: "/api/v1/media",
    token: admin,
    headers: { "Content-Type": "image/png" },
    body: Uint8Array.of(...PNG, ...crypto.getRandomValues(new Uint8Array(8))),
  });
  return new URL(response.headers.get("Location") ?? "", ORIGIN).pathname;
}

/** Well formed, but no token has it. */
const NEVER_ISSUED = "u".repeat(43);
/** Refused sign-ins a client may make in a minute, as wrangler.toml sets AUTH_FAILURES. */
const SIGN_IN_LIMIT = 10;
/** Each 429 sample comes from a client of its own, which the refusals before it throttle. */
let throttled = 0;

/** Path values that reach each route: publication 1 and the counter `founding` exist. */
const EXAMPLE_VALUES = {
  lang: "en",
  id: "1",
  version: "1",
  slug: "founding",
  key: `${"0".repeat(32)}.png`,
  previewId: "A".repeat(22),
  token: "nonsense",
  personId: "1",
  tokenId: "1",
  delivery: "1",
  passkeyId: "bm8tc3VjaC1wYXNza2V5",
};

/** Done from the console only: a token is refused before anything else is read. */
const SESSION_ONLY = accessedOperations((rule) => rule === "session");
/** Open to any live token, whatever its scopes. */
const ANY_SCOPE = accessedOperations((rule) => rule !== "session" && rule.scope === undefined);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * Answers every operation of a kind gives, found from the document: no
 * token, a refused one, one without the scope; 304 and a bad bookmark for a
 * read that takes those headers; a body of another type, or not JSON.
 */
function commonSamples(operation: (typeof operations)[number]): Sample[] {
  const path = fillPath(operation.path, EXAMPLE_VALUES);
  const samples: Sample[] = [];
  // `{}` among the requirements makes a token optional, as for a public list that editors may widen.
  const security = operation.security ?? [];
  const needsToken =
    security.length > 0 && security.every((requirement) => Object.keys(requirement).length > 0);
  if (needsToken) {
    samples.push(
      sample("no token", 401, () => ({ method: operation.method, path })),
      sample("a token never issued", 401, () => ({ method: operation.method, path, token: NEVER_ISSUED })),
      ...(ANY_SCOPE.has(operation.key)
        ? []
        : [
            sample("a token without the scope", 403, () => ({
              method: operation.method,
              path,
              token: noScope,
            })),
          ]),
      sample("a refused token past ten from one client", 429, async () => {
        // The limit counts in fixed minutes: a run that straddles one starts again, with a new client.
        for (let attempt = 0; attempt < 3; attempt++) {
          const call = {
            method: operation.method,
            path,
            token: NEVER_ISSUED,
            headers: { "CF-Connecting-IP": `198.51.100.${++throttled}` },
          };
          for (let refused = 0; refused < SIGN_IN_LIMIT; refused++) await send(call);
          if ((await send(call)).status === 429) return call;
        }
        throw new Error("ten refused tokens never brought a 429");
      }),
    );
  }
  const success = SAMPLES[operation.key]?.[0];
  const takes = (header: string) => operation.parameters.some((p) => p.in === "header" && p.name === header);
  if (success && takes("If-None-Match")) {
    samples.push(
      sample("If-None-Match with the current ETag", 304, async () => {
        const call = await success.call();
        const etag = (await send(call)).headers.get("ETag") ?? "";
        return { ...call, headers: { ...call.headers, "If-None-Match": etag } };
      }),
    );
  }
  if (success && takes("X-D1-Bookmark")) {
    samples.push(
      sample("a bookmark this API never gave", 400, async () => {
        const call = await success.call();
        return { ...call, headers: { ...call.headers, "X-D1-Bookmark": "not-a-bookmark" } };
      }),
    );
  }
  if (operation.requestBody?.content["application/json"]) {
    const sent = (type: string, body: string) => () => {
      const call = { method: operation.method, path, token: admin, headers: { "Content-Type": type }, body };
      return SESSION_ONLY.has(operation.key) ? fromConsole(call) : call;
    };
    samples.push(
      sample("a body as text/plain", 415, sent("text/plain", "{}")),
      sample("malformed JSON", 400, sent("application/json", "{")),
    );
  }
  return samples;
}

describe("every answer keeps the OpenAPI document's contract", () => {
  beforeAll(async () => {
    await resetContent();
    await addPublications(
      { slug: "founding", published_at: "2020-10-20T09:00:00.000Z", tags: ["history"] },
      { slug: "a-draft", published_at: "2020-10-21T09:00:00.000Z", status: "draft" },
    );
    await addCounters({ slug: "founding", since: "2020-01-01" });
    admin = await createToken("Contract admin", ["admin"]);
    noScope = await createToken("Contract no scope", []);
    publisher = await createToken("Contract publisher", ["publish"]);
    const owner = await env.DB.prepare("SELECT person_id FROM tokens WHERE name = 'Contract admin'").first<{
      person_id: number;
    }>();
    adminSession = await createSession(owner?.person_id as number);
  });

  it("has samples for every operation the document lists", () => {
    const missing = operations.map((operation) => operation.key).filter((key) => !(key in SAMPLES));
    expect(missing, "operations with no sample: add them to SAMPLES").toEqual([]);
  });

  it("lists every operation that has samples", () => {
    const listed = new Set(operations.map((operation) => operation.key));
    expect(Object.keys(SAMPLES).filter((key) => !listed.has(key))).toEqual([]);
  });

  it("answers a method the document does not list with 405 and the listed ones in Allow", async () => {
    const found: string[] = [];
    for (const [template, item] of Object.entries(document.paths)) {
      const listed = METHODS.filter((method) => method.toLowerCase() in item);
      const allowed = listed.includes("GET") ? ["GET", "HEAD", ...listed.filter((m) => m !== "GET")] : listed;
      const path = fillPath(template, EXAMPLE_VALUES);
      for (const method of METHODS.filter((m) => !listed.includes(m))) {
        const response = await send({ method, path, token: admin });
        const allow = response.headers.get("Allow") ?? "";
        if (response.status !== 405 || allow.split(/,\s*/).sort().join() !== allowed.sort().join()) {
          found.push(`${method} ${template}: answered ${response.status} with Allow "${allow}"`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  for (const operation of operations) {
    it(`${operation.key}: each answer is declared and matches its schema`, { timeout: 60_000 }, async () => {
      const found: string[] = [];
      for (const { name, status, call } of [...(SAMPLES[operation.key] ?? []), ...commonSamples(operation)]) {
        const response = await send(await call());
        if (response.status !== status) found.push(`${name}: answered ${response.status}, not ${status}`);
        for (const breach of await contractBreaches(document, index, operation, response)) {
          found.push(`${name}: ${breach}`);
        }
      }
      expect(found).toEqual([]);
    });
  }
});
