import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { refusal } from "../../worker/clearance";
import type { Role } from "../../worker/schemas/editor";
import { atLeast, ROLES } from "../../worker/vocabulary";
import { createPerson, createTokenFor, sendAs } from "./editor-fixtures";
import { resetContent } from "./fixtures";

/**
 * Every role against every operation on publications the access table
 * lists: what each may do, and the words a refusal gives.
 */

const people = {} as Record<Role | "other", { id: number; token: string }>;

beforeAll(async () => {
  for (const role of ROLES) {
    const id = await createPerson(`A ${role}`, role);
    people[role] = { id, token: await createTokenFor(id, `${role}'s token`, ["publish"]) };
  }
  const other = await createPerson("Another contributor", "contributor");
  people.other = { id: other, token: await createTokenFor(other, "other's token", ["publish"]) };
});

beforeEach(() => resetContent());

const REASON = "Cleared by phone with the ambassador";
const DRAFT = { kind: "news", lang: "en", title: "Consular hours change", body: "<p>From Monday.</p>" };
/** A draft under a slug of its own: the title is the same for all. */
const draft = () => ({ ...DRAFT, slug: `hours-${crypto.randomUUID()}` });

async function created(response: Response) {
  const text = await response.text();
  expect(response.status, text).toBe(201);
  const { id, version } = JSON.parse(text);
  return { id: id as number, at: `/api/v1/publications/by-id/${id}`, etag: `"v${version}"` };
}

type State = "draft" | "submitted" | "approved" | "published" | "archived";

/** A publication written by `by` (the other contributor unless said), brought to `state` by an admin. */
async function piece(state: State, by: Role | "other" = "other") {
  const made = await created(await sendAs(people[by].token, "POST", "/api/v1/publications", draft()));
  const admin = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    sendAs(people.admin.token, method, path, body, headers);
  if (state === "submitted" || state === "approved") await admin("POST", `${made.at}/submit`);
  if (state === "approved") await admin("POST", `${made.at}/approve`, undefined, { "If-Match": made.etag });
  if (state === "published" || state === "archived") {
    const out = await admin(
      "PATCH",
      made.at,
      { status: "published", without_approval: REASON },
      {
        "If-Match": made.etag,
      },
    );
    expect(out.status).toBe(200);
    return { ...made, etag: '"v2"', ...(state === "archived" ? await archived(made.at) : {}) };
  }
  return made;
}

async function archived(at: string) {
  expect((await sendAs(people.admin.token, "DELETE", at)).status).toBe(200);
  return { etag: '"v3"' };
}

async function previewLink(at: string) {
  const made = await sendAs(people.admin.token, "POST", `${at}/previews`, {});
  return (await made.json<{ id: string }>()).id;
}

/** The rule whose words a refusal gives, and the state the piece was in. */
interface Rule {
  action: Parameters<typeof refusal>[0];
  state: State;
  own?: boolean;
}

interface Case {
  name: string;
  /** The status each role is answered. */
  expect: (role: Role) => number;
  /** Whose words a refusal gives; the access table's own, when there is none. */
  rule?: Rule | ((role: Role) => Rule);
  call: (role: Role) => Promise<Response>;
}

/** `ok` from `role` up, else 403. */
const from = (role: Role, ok: number) => (who: Role) => (atLeast(who, role) ? ok : 403);

const send = (role: Role, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  sendAs(people[role].token, method, path, body, headers);

const CASES: Case[] = [
  {
    name: "POST /api/v1/publications, a draft",
    expect: from("contributor", 201),
    call: (role) => send(role, "POST", "/api/v1/publications", draft()),
  },
  {
    name: "POST /api/v1/publications, published with its reason",
    expect: from("publisher", 201),
    rule: { action: "publish", state: "draft", own: true },
    call: (role) =>
      send(role, "POST", "/api/v1/publications", {
        ...draft(),
        status: "published",
        without_approval: REASON,
      }),
  },
  {
    name: "GET a draft of someone else's (anyone may read)",
    expect: from("contributor", 200),
    call: async (role) => send(role, "GET", (await piece("draft")).at),
  },
  {
    name: "PATCH one's own draft",
    expect: from("contributor", 200),
    call: async (role) => {
      const own = await piece("draft", role);
      return send(role, "PATCH", own.at, { title: "Mine" }, { "If-Match": own.etag });
    },
  },
  {
    name: "PATCH someone else's draft",
    expect: from("editor", 200),
    rule: { action: "edit", state: "draft" },
    call: async (role) => {
      const draft = await piece("draft");
      return send(role, "PATCH", draft.at, { title: "Theirs" }, { "If-Match": draft.etag });
    },
  },
  {
    name: "PUT someone else's submitted text",
    expect: (role) => (atLeast(role, "editor") ? 200 : 409),
    rule: { action: "edit", state: "submitted" },
    call: async (role) => {
      const submitted = await piece("submitted");
      return send(role, "PUT", submitted.at, draft(), { "If-Match": submitted.etag });
    },
  },
  {
    name: "PATCH a published text",
    expect: from("publisher", 200),
    rule: { action: "edit", state: "published" },
    call: async (role) => {
      const out = await piece("published");
      return send(role, "PATCH", out.at, { title: "Corrected" }, { "If-Match": out.etag });
    },
  },
  {
    name: "PATCH an approved text to published",
    expect: (role) => (role === "contributor" ? 409 : from("publisher", 200)(role)),
    // A contributor may not touch what is with the editors at all; an editor may, but not publish it.
    rule: (role) => ({ action: role === "contributor" ? "edit" : "publish", state: "approved" }),
    call: async (role) => {
      const approved = await piece("approved");
      return send(role, "PATCH", approved.at, { status: "published" }, { "If-Match": approved.etag });
    },
  },
  {
    name: "DELETE one's own draft",
    expect: from("contributor", 200),
    call: async (role) => send(role, "DELETE", (await piece("draft", role)).at),
  },
  {
    name: "DELETE someone else's draft",
    expect: from("editor", 200),
    rule: { action: "archive", state: "draft" },
    call: async (role) => send(role, "DELETE", (await piece("draft")).at),
  },
  {
    name: "DELETE a published text",
    expect: from("publisher", 200),
    rule: { action: "archive", state: "published" },
    call: async (role) => send(role, "DELETE", (await piece("published")).at),
  },
  {
    name: "POST restore of an archived text",
    expect: from("publisher", 200),
    call: async (role) => send(role, "POST", `${(await piece("archived")).at}/restore`),
  },
  {
    name: "POST withdraw of a published text",
    expect: from("publisher", 200),
    call: async (role) => {
      const out = await piece("published");
      return send(role, "POST", `${out.at}/withdraw`, { reason: "Superseded" }, { "If-Match": out.etag });
    },
  },
  {
    name: "POST submit of one's own draft",
    expect: from("contributor", 200),
    call: async (role) => send(role, "POST", `${(await piece("draft", role)).at}/submit`),
  },
  {
    name: "POST submit of someone else's draft",
    expect: from("editor", 200),
    rule: { action: "submit", state: "draft" },
    call: async (role) => send(role, "POST", `${(await piece("draft")).at}/submit`),
  },
  {
    name: "POST approve",
    expect: from("editor", 200),
    call: async (role) => {
      const submitted = await piece("submitted");
      return send(role, "POST", `${submitted.at}/approve`, undefined, { "If-Match": submitted.etag });
    },
  },
  {
    name: "POST send-back",
    expect: from("editor", 200),
    call: async (role) =>
      send(role, "POST", `${(await piece("approved")).at}/send-back`, { comment: "Not yet" }),
  },
  {
    name: "GET history",
    expect: from("contributor", 200),
    call: async (role) => send(role, "GET", `${(await piece("approved")).at}/history`),
  },
  {
    name: "GET revisions",
    expect: from("contributor", 200),
    call: async (role) => send(role, "GET", `${(await piece("published")).at}/revisions`),
  },
  {
    name: "GET one revision",
    expect: from("contributor", 200),
    call: async (role) => send(role, "GET", `${(await piece("published")).at}/revisions/1`),
  },
  {
    name: "POST restore of a revision of someone else's draft",
    expect: from("editor", 200),
    rule: { action: "edit", state: "draft" },
    call: async (role) => {
      const draft = await piece("draft");
      const edited = await send("admin", "PATCH", draft.at, { title: "Second" }, { "If-Match": draft.etag });
      expect(edited.status).toBe(200);
      return send(role, "POST", `${draft.at}/revisions/1/restore`, undefined, { "If-Match": '"v2"' });
    },
  },
  {
    name: "POST a preview link to one's own draft",
    expect: from("contributor", 201),
    call: async (role) => send(role, "POST", `${(await piece("draft", role)).at}/previews`, {}),
  },
  {
    name: "POST a preview link to someone else's draft",
    expect: from("editor", 201),
    rule: { action: "preview", state: "draft" },
    call: async (role) => send(role, "POST", `${(await piece("draft")).at}/previews`, {}),
  },
  {
    name: "GET the preview links of someone else's draft",
    expect: from("editor", 200),
    rule: { action: "preview", state: "draft" },
    call: async (role) => send(role, "GET", `${(await piece("draft")).at}/previews`),
  },
  {
    name: "DELETE a preview link of someone else's draft",
    expect: from("editor", 204),
    rule: { action: "preview", state: "draft" },
    call: async (role) => {
      const draft = await piece("draft");
      return send(role, "DELETE", `${draft.at}/previews/${await previewLink(draft.at)}`);
    },
  },
  {
    name: "POST /api/v1/previews",
    expect: from("contributor", 200),
    call: (role) => send(role, "POST", "/api/v1/previews", { body: "Hello *world*" }),
  },
  {
    name: "POST /api/v1/imports of drafts",
    expect: from("contributor", 201),
    call: (role) =>
      send(role, "POST", "/api/v1/imports", JSON.stringify(draft()), {
        "Content-Type": "application/x-ndjson",
      }),
  },
  {
    name: "GET /api/v1/queue",
    expect: from("contributor", 200),
    call: (role) => send(role, "GET", "/api/v1/queue"),
  },
];

describe("roles on publications", () => {
  for (const { name, expect: expected, rule, call } of CASES) {
    it(name, async () => {
      for (const role of ROLES) {
        const response = await call(role);
        const text = await response.text();
        expect(response.status, `${role}: ${text}`).toBe(expected(role));
        if (!rule || response.status < 400) continue;
        const { action, state, own } = typeof rule === "function" ? rule(role) : rule;
        const person = { id: people[role].id, role };
        const author = own ? person.id : people.other.id;
        const piece = { status: state, author_id: author, written_by: author };
        const reason = refusal(action, person, piece, { approver_must_differ: true })?.reason;
        expect(JSON.parse(text).detail, role).toBe(reason);
      }
    });
  }
});

describe("a token's scopes within its holder's role", () => {
  it("lets a token do no more than its scopes, nor more than its holder's role", async () => {
    const admin = await createPerson("An admin with narrow tokens", "admin");
    const countersOnly = await createTokenFor(admin, "counters only", ["counters"]);
    const refused = await sendAs(countersOnly, "POST", "/api/v1/publications", draft());
    expect(refused.status).toBe(403);
    const publishing = await createTokenFor(admin, "publishing", ["publish"]);
    const published = await sendAs(publishing, "POST", "/api/v1/publications", {
      ...draft(),
      status: "published",
      without_approval: REASON,
    });
    expect(published.status).toBe(201);
    // A contributor's token may carry `publish`, the scope of publications; publishing stays a publisher's.
    const contributor = await sendAs(people.contributor.token, "POST", "/api/v1/publications", {
      ...draft(),
      status: "published",
      without_approval: REASON,
    });
    expect(contributor.status).toBe(403);
  });
});
