import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Action, type Piece, refusal } from "../../worker/clearance";
import type { Role } from "../../worker/schemas/editor";
import { createPerson, createToken, createTokenFor, json, sendAs } from "./editor-fixtures";
import { getJson, resetContent } from "./fixtures";

/** The people of a small newsroom, each with a token of their own. */
const team = {} as Record<
  "writer" | "editor" | "second" | "publisher" | "admin",
  { id: number; role: Role; token: string }
>;

async function member(name: string, role: Role) {
  const id = await createPerson(name, role);
  return {
    id,
    role,
    token: await createTokenFor(id, `${name}'s token`, role === "admin" ? ["admin"] : ["publish"]),
  };
}

beforeAll(async () => {
  team.writer = await member("Wren Writer", "contributor");
  team.editor = await member("Edda Editor", "editor");
  team.second = await member("Sol Second", "editor");
  team.publisher = await member("Pia Publisher", "publisher");
  team.admin = await member("Ada Admin", "admin");
});

beforeEach(async () => {
  await resetContent();
  await setApproverMustDiffer(true);
});

type Who = keyof typeof team;

const as = (who: Who, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  sendAs(team[who].token, method, path, body, headers);

const DRAFT = { kind: "statement", lang: "en", title: "On the new visa rules", body: "<p>From Monday.</p>" };

/** A draft written by `who`: where it is and its version's ETag. */
async function draftBy(who: Who, fields: Record<string, unknown> = {}) {
  const created = await json(await as(who, "POST", "/api/v1/publications", { ...DRAFT, ...fields }), 201);
  return {
    id: created.id as number,
    at: `/api/v1/publications/by-id/${created.id}`,
    etag: `"v${created.version}"`,
  };
}

const read = async (who: Who, at: string) => json(await as(who, "GET", at), 200);
const submit = (who: Who, at: string, body?: unknown) => as(who, "POST", `${at}/submit`, body);
const approve = (who: Who, at: string, etag: string, body?: unknown) =>
  as(who, "POST", `${at}/approve`, body, { "If-Match": etag });
const sendBack = (who: Who, at: string, comment?: string) =>
  as(who, "POST", `${at}/send-back`, comment === undefined ? {} : { comment });

/** The ETag of the site's settings, which a PATCH names. */
async function siteEtag(): Promise<string> {
  const row = await env.DB.prepare("SELECT version FROM site WHERE id = 1").first<{ version: number }>();
  return `"v${row?.version}"`;
}

async function setApproverMustDiffer(on: boolean) {
  const saved = await as(
    "admin",
    "PATCH",
    "/api/v1/site",
    { approver_must_differ: on },
    { "If-Match": await siteEtag() },
  );
  return json(saved, 200);
}

async function refusedWith(response: Response, status: number, reason: string | undefined) {
  const problem = await json(response, status);
  expect(problem.detail).toBe(reason);
}

/**
 * Asserts a refusal in the rule book's words: `who` may not take `action`
 * on a text in `piece.status` by `piece.author` (its wording last changed
 * by `piece.writtenBy`, else the author), the site wanting a second reader.
 */
async function refusedByRule(
  response: Response,
  status: number,
  who: Who,
  action: Action,
  piece: { status: Piece["status"]; author: Who; writtenBy?: Who },
) {
  const person = { id: team[who].id, role: team[who].role };
  const stored = {
    status: piece.status,
    author_id: team[piece.author].id,
    written_by: team[piece.writtenBy ?? piece.author].id,
  };
  await refusedWith(
    response,
    status,
    refusal(action, person, stored, { approver_must_differ: true })?.reason,
  );
}

const history = async (at: string) =>
  (await read("admin", `${at}/history`)).events.map((event: any) => [event.action, event.person?.name]);

describe("clearance", () => {
  it("takes a draft from its author through an editor to a publisher, keeping each step", async () => {
    const piece = await draftBy("writer");
    expect(await read("writer", piece.at)).toMatchObject({
      status: "draft",
      author: { id: team.writer.id, name: "Wren Writer" },
    });

    const submitted = await json(await submit("writer", piece.at, { comment: "Ready for a read" }), 200);
    expect(submitted).toMatchObject({ status: "submitted", version: 1 });
    const listed = await json(await as("editor", "GET", "/api/v1/publications?status=submitted"), 200);
    expect(listed.items.map((item: any) => [item.id, item.status])).toEqual([[piece.id, "submitted"]]);
    expect((await json(await as("editor", "GET", "/api/v1/publications?status=draft"), 200)).items).toEqual(
      [],
    );

    const approved = await json(await approve("editor", piece.at, '"v1"', { comment: "Fine" }), 200);
    expect(approved).toMatchObject({ status: "approved", version: 1 });

    const published = await json(
      await as("publisher", "PATCH", piece.at, { status: "published" }, { "If-Match": '"v1"' }),
      200,
    );
    expect(published).toMatchObject({ status: "published", version: 2 });

    const { events } = await read("writer", `${piece.at}/history`);
    expect(
      events.map((event: any) => [event.action, event.person?.name, event.comment, event.version]),
    ).toEqual([
      ["submitted", "Wren Writer", "Ready for a read", 1],
      ["approved", "Edda Editor", "Fine", 1],
      ["published", "Pia Publisher", null, 2],
    ]);
    expect(events[2].actor).toBe(`Pia Publisher (token "Pia Publisher's token")`);
  });

  it("takes a submission without a body, and refuses a comment that is empty or too long", async () => {
    const piece = await draftBy("writer");
    await refusedWith(
      await submit("writer", piece.at, { comment: "" }),
      422,
      "Invalid fields: comment must not be empty.",
    );
    expect((await submit("writer", piece.at, { comment: "x".repeat(2001) })).status).toBe(422);
    expect((await json(await submit("writer", piece.at), 200)).status).toBe("submitted");
  });

  it("sends a text back to its author with a comment, where their queue shows it", async () => {
    const piece = await draftBy("writer");
    await json(await submit("writer", piece.at), 200);
    const noComment = await json(await sendBack("editor", piece.at), 422);
    expect(noComment["invalid-params"].map((param: any) => param.name)).toEqual(["comment"]);

    expect((await json(await sendBack("editor", piece.at, "Check the date"), 200)).status).toBe("draft");
    const queue = await json(await as("writer", "GET", "/api/v1/queue"), 200);
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({
      id: piece.id,
      status: "draft",
      author: { id: team.writer.id },
      latest: { action: "sent_back", comment: "Check the date", person: { name: "Edda Editor" } },
    });

    const again = await sendBack("editor", piece.at, "Twice");
    await refusedByRule(again, 409, "editor", "send_back", { status: "draft", author: "writer" });
    // Fixed and submitted again, it leaves the author's queue.
    await json(await as("writer", "PATCH", piece.at, { title: "Fixed" }, { "If-Match": '"v1"' }), 200);
    await json(await submit("writer", piece.at), 200);
    expect((await json(await as("writer", "GET", "/api/v1/queue"), 200)).items).toEqual([]);
    expect(await history(piece.at)).toEqual([
      ["submitted", "Wren Writer"],
      ["sent_back", "Edda Editor"],
      ["submitted", "Wren Writer"],
    ]);
  });

  it("approves only the version read, and only what was submitted", async () => {
    const piece = await draftBy("writer");
    const early = await approve("editor", piece.at, '"v1"');
    expect(early.status).toBe(409);
    await json(await submit("writer", piece.at), 200);
    expect((await as("editor", "POST", `${piece.at}/approve`)).status).toBe(428);
    const stale = await json(await approve("editor", piece.at, '"v7"'), 412);
    expect(stale.current_version).toBe(1);
    await json(await approve("editor", piece.at, '"v1"'), 200);
    expect((await approve("second", piece.at, '"v1"')).status).toBe(409);
    expect((await read("admin", piece.at)).status).toBe("approved");
  });

  it("keeps the author from editing what is with the editors", async () => {
    const piece = await draftBy("writer");
    await json(await submit("writer", piece.at), 200);
    const refused = await as("writer", "PATCH", piece.at, { title: "Sneaky" }, { "If-Match": '"v1"' });
    await refusedByRule(refused, 409, "writer", "edit", { status: "submitted", author: "writer" });
    expect((await read("admin", piece.at)).title).toBe(DRAFT.title);
  });

  it("voids an approval when an editor changes the text, and keeps it when nothing in it changes", async () => {
    const piece = await draftBy("writer");
    await json(await submit("writer", piece.at), 200);
    await json(await approve("editor", piece.at, '"v1"'), 200);
    const retitled = await json(
      await as("second", "PATCH", piece.at, { title: "A better title" }, { "If-Match": '"v1"' }),
      200,
    );
    expect(retitled).toMatchObject({ status: "submitted", version: 2 });

    await json(await approve("editor", piece.at, '"v2"'), 200);
    const same = await json(
      await as("second", "PATCH", piece.at, { title: "A better title", tags: [] }, { "If-Match": '"v2"' }),
      200,
    );
    expect(same.status).toBe("approved");
  });

  it("asks someone other than the author to approve, unless an admin turns that off", async () => {
    const piece = await draftBy("editor");
    await json(await submit("editor", piece.at), 200);
    await refusedByRule(await approve("editor", piece.at, '"v1"'), 403, "editor", "approve", {
      status: "submitted",
      author: "editor",
    });
    expect((await json(await as("editor", "GET", "/api/v1/queue"), 200)).items).toEqual([]);

    const site = await setApproverMustDiffer(false);
    expect(site.approver_must_differ).toBe(false);
    expect(await getJson("/api/v1/site")).not.toHaveProperty("approver_must_differ");
    const queue = await json(await as("editor", "GET", "/api/v1/queue"), 200);
    expect(queue.items.map((item: any) => item.id)).toEqual([piece.id]);
    expect((await json(await approve("editor", piece.at, '"v1"'), 200)).status).toBe("approved");
  });

  it("keeps an editor who rewrote a submitted text from approving it, unless an admin turns that off", async () => {
    const piece = await draftBy("writer");
    expect((await read("editor", piece.at)).written_by).toEqual({ id: team.writer.id, name: "Wren Writer" });
    await json(await submit("writer", piece.at), 200);
    const rewritten = await json(
      await as("editor", "PATCH", piece.at, { body: "<p>From Tuesday.</p>" }, { "If-Match": '"v1"' }),
      200,
    );
    expect(rewritten).toMatchObject({
      status: "submitted",
      version: 2,
      author: { id: team.writer.id },
      written_by: { id: team.editor.id, name: "Edda Editor" },
    });
    // Tags are no words of it: who changes only them may still approve.
    const retagged = await as("second", "PATCH", piece.at, { tags: ["visas"] }, { "If-Match": '"v2"' });
    expect((await json(retagged, 200)).written_by.id).toBe(team.editor.id);

    // Nor does it wait in the rewriter's queue, while it does in another editor's.
    const queued = async (role: Parameters<typeof as>[0]) =>
      (await json(await as(role, "GET", "/api/v1/queue"), 200)).items.map((item: { id: number }) => item.id);
    expect(await queued("editor")).not.toContain(piece.id);
    expect(await queued("second")).toContain(piece.id);

    const refused = await approve("editor", piece.at, '"v3"');
    await refusedByRule(refused.clone(), 403, "editor", "approve", {
      status: "submitted",
      author: "writer",
      writtenBy: "editor",
    });
    expect((await json(refused, 403)).detail).toContain("someone who wrote none of its words approves");
    expect((await read("admin", piece.at)).status).toBe("submitted");

    expect((await json(await approve("second", piece.at, '"v3"'), 200)).status).toBe("approved");
    expect(await history(piece.at)).toEqual([
      ["submitted", "Wren Writer"],
      ["approved", "Sol Second"],
    ]);

    const another = await draftBy("writer", { title: "Another" });
    await json(await submit("writer", another.at), 200);
    await json(await as("editor", "PATCH", another.at, { lead: "In short" }, { "If-Match": '"v1"' }), 200);
    await setApproverMustDiffer(false);
    expect((await json(await approve("editor", another.at, '"v2"'), 200)).status).toBe("approved");
  });

  it("publishes a text no one approved only with the reason, which the audit log keeps", async () => {
    const piece = await draftBy("writer");
    const missing = await json(
      await as("publisher", "PATCH", piece.at, { status: "published" }, { "If-Match": '"v1"' }),
      422,
    );
    expect(missing["invalid-params"].map((param: any) => param.name)).toEqual(["without_approval"]);
    const tooLong = await as(
      "publisher",
      "PATCH",
      piece.at,
      { status: "published", without_approval: "x".repeat(501) },
      { "If-Match": '"v1"' },
    );
    expect(tooLong.status).toBe(422);
    const reason = "The minister asked for it within the hour";
    const published = await json(
      await as(
        "publisher",
        "PATCH",
        piece.at,
        { status: "published", without_approval: reason },
        { "If-Match": '"v1"' },
      ),
      200,
    );
    expect(published.status).toBe("published");

    const audit = await json(await as("admin", "GET", `/api/v1/audit?subject=publication:${piece.id}`), 200);
    const skipped = audit.entries.find(
      (entry: any) => entry.action === "publication.published_without_approval",
    );
    expect(skipped).toMatchObject({
      actor: expect.stringContaining("Pia Publisher"),
      change: { comment: reason },
    });
    expect(await history(piece.at)).toEqual([["published_without_approval", "Pia Publisher"]]);
  });

  it("refuses a reason where nothing goes out unapproved", async () => {
    const reason = { without_approval: "Because" };
    const draft = await as("publisher", "POST", "/api/v1/publications", { ...DRAFT, ...reason });
    expect((await json(draft, 422))["invalid-params"][0]).toMatchObject({ name: "without_approval" });

    const piece = await draftBy("writer");
    await json(await submit("writer", piece.at), 200);
    await json(await approve("editor", piece.at, '"v1"'), 200);
    const approved = await as(
      "publisher",
      "PATCH",
      piece.at,
      { status: "published", ...reason },
      { "If-Match": '"v1"' },
    );
    expect((await json(approved, 422))["invalid-params"][0]).toMatchObject({ name: "without_approval" });
  });

  it("publishes a new text at once only with the reason, and records a scheduled one as scheduled", async () => {
    const now = await as("publisher", "POST", "/api/v1/publications", { ...DRAFT, status: "published" });
    expect((await json(now, 422))["invalid-params"][0].name).toBe("without_approval");

    const piece = await draftBy("writer");
    await json(await submit("writer", piece.at), 200);
    await json(await approve("editor", piece.at, '"v1"'), 200);
    const later = await json(
      await as(
        "publisher",
        "PATCH",
        piece.at,
        { status: "published", published_at: "2099-01-01T09:00:00Z" },
        { "If-Match": '"v1"' },
      ),
      200,
    );
    expect(later.status).toBe("scheduled");
    expect((await history(piece.at)).at(-1)).toEqual(["scheduled", "Pia Publisher"]);
  });

  it("shows each role what waits for it", async () => {
    const sentBack = await draftBy("writer", { title: "Sent back" });
    await json(await submit("writer", sentBack.at), 200);
    await json(await sendBack("editor", sentBack.at, "Shorter, please"), 200);
    const waiting = await draftBy("writer", { title: "Waiting" });
    await json(await submit("writer", waiting.at), 200);
    const editorsOwn = await draftBy("editor", { title: "The editor's own" });
    await json(await submit("editor", editorsOwn.at), 200);
    const approved = await draftBy("writer", { title: "Approved" });
    await json(await submit("writer", approved.at), 200);
    await json(await approve("second", approved.at, '"v1"'), 200);
    await draftBy("writer", { title: "Plain draft" });

    const titles = async (who: Who, query = "") =>
      (await json(await as(who, "GET", `/api/v1/queue${query}`), 200)).items.map((item: any) => item.title);
    expect(await titles("writer")).toEqual(["Sent back"]);
    expect(await titles("editor")).toEqual(["Waiting"]);
    expect(await titles("second")).toEqual(["Waiting", "The editor's own"]);
    expect(await titles("publisher")).toEqual(["Waiting", "The editor's own", "Approved"]);
    expect(await titles("admin")).toEqual(["Waiting", "The editor's own", "Approved"]);
    expect(await titles("admin", "?limit=1")).toEqual(["Waiting"]);
    expect((await as("admin", "GET", "/api/v1/queue?limit=101")).status).toBe(400);
  });

  it("keeps a contributor's import of drafts, refuses one that publishes, and wants each published line's reason", async () => {
    const line = (fields: Record<string, unknown>) => JSON.stringify({ ...DRAFT, ...fields });
    const ndjson = { "Content-Type": "application/x-ndjson" };
    const drafts = await as(
      "writer",
      "POST",
      "/api/v1/imports",
      `${line({ slug: "one" })}\n${line({ slug: "two" })}`,
      ndjson,
    );
    const imported = await json(drafts, 201);
    const first = await read("admin", `/api/v1/publications/by-id/${imported.lines[0].id}`);
    expect(first).toMatchObject({ status: "draft", author: { id: team.writer.id } });

    const publishing = line({ slug: "three", status: "published", without_approval: "Urgent" });
    const refused = await as("writer", "POST", "/api/v1/imports", publishing, ndjson);
    expect(refused.status).toBe(403);

    const unexplained = await as(
      "publisher",
      "POST",
      "/api/v1/imports",
      line({ slug: "four", status: "published" }),
      ndjson,
    );
    const report = await json(unexplained, 422);
    expect(report.lines[0].errors.map((error: any) => error.name)).toEqual(["without_approval"]);

    const explained = await as("publisher", "POST", "/api/v1/imports", publishing, ndjson);
    const { lines } = await json(explained, 201);
    expect(await history(`/api/v1/publications/by-id/${lines[0].id}`)).toEqual([
      ["published_without_approval", "Pia Publisher"],
    ]);
  });
});

describe("the site's clearance setting", () => {
  it("is on by default, in the editors' answer only, and refused when it is not a boolean", async () => {
    const refused = await as(
      "admin",
      "PATCH",
      "/api/v1/site",
      { approver_must_differ: "no" },
      {
        "If-Match": await siteEtag(),
      },
    );
    expect((await json(refused, 422))["invalid-params"][0].name).toBe("approver_must_differ");
    const saved = await json(
      await as("admin", "PATCH", "/api/v1/site", { name: "Embassy" }, { "If-Match": await siteEtag() }),
      200,
    );
    expect(saved.approver_must_differ).toBe(true);
  });

  it("needs the site scope of an admin to change", async () => {
    const publisher = await createToken(`publisher-${crypto.randomUUID()}`, ["publish"]);
    const refused = await sendAs(
      publisher,
      "PATCH",
      "/api/v1/site",
      { approver_must_differ: false },
      {
        "If-Match": await siteEtag(),
      },
    );
    expect(refused.status).toBe(403);
  });
});
