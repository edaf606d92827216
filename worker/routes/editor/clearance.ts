import type { Context } from "hono";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { findPolicy, listHistory, listQueue } from "../../data/clearance";
import { findPublicationById } from "../../data/publication-writes";
import { limitBody } from "../../http/body-limit";
import type { EditorEnv } from "../../http/editor-auth";
import { editorRead, editorWrite, json } from "../../http/operations";
import { problem } from "../../http/problem";
import { parseBody, valid } from "../../http/validate";
import { ClearanceStep, History, Queue, QueueQuery, SendBack } from "../../schemas/clearance";
import { EditorPublication, IdParam } from "../../schemas/publication-input";
import { atLeast } from "../../vocabulary";
import { approvePublication, sendBackPublication, submitPublication } from "../../writes/clearance";
import { readJson, write } from "./shared";

const PUBLICATION = "/publications/by-id/:id{[0-9]+}";
const STEP_BYTES = 16 * 1024;
const NO_ID = { 404: "No publication has this id" };
const STEP_PROBLEMS = {
  ...NO_ID,
  403: "Your role may not take this step, or the site wants someone other than the author to approve",
  409: "The publication is not in a state this step starts from",
};

/** A step's optional body: none at all, or JSON. */
async function optionalJson(c: Context): Promise<{ text: string; value: unknown }> {
  if ((await c.req.text()) === "") return { text: "", value: {} };
  return readJson(c);
}

/** A write whose body may be left out. */
function optionalBody(operation: Parameters<typeof editorWrite>[0]) {
  const described = editorWrite(operation);
  return { ...described, requestBody: { required: false, content: json(ClearanceStep) } };
}

/**
 * Clearance of publications: a draft is submitted, approved or sent back
 * with a comment, each step kept in its history; and the queue of what
 * waits for whom. Who may take which step is worker/clearance.ts's.
 */
export const clearance = new Hono<EditorEnv>()
  .post(
    `${PUBLICATION}/submit`,
    describeRoute(
      optionalBody({
        summary: "Submit a draft for review",
        description:
          "Hands a draft to the editors: its author, or an editor, does it. The body is optional. " +
          "The text's version stays as it is.",
        status: 200,
        body: json(ClearanceStep),
        answer: { description: "Submitted", content: json(EditorPublication) },
        problems: STEP_PROBLEMS,
      }),
    ),
    limitBody(STEP_BYTES),
    valid("param", IdParam),
    async (c) => {
      const { text, value } = await optionalJson(c);
      const { comment } = parseBody(ClearanceStep, value);
      return write(c, text, (writer) => submitPublication(writer, c.req.valid("param").id, comment));
    },
  )
  .post(
    `${PUBLICATION}/approve`,
    describeRoute(
      optionalBody({
        summary: "Approve a submitted text",
        description:
          "An editor or above clears the version they read (If-Match, required) for publishing; unless an " +
          "admin turned it off, someone other than the author. An edit of the text afterwards voids the " +
          "approval. The body is optional.",
        status: 200,
        body: json(ClearanceStep),
        ifMatch: "required",
        answer: { description: "Approved", content: json(EditorPublication) },
        problems: STEP_PROBLEMS,
      }),
    ),
    limitBody(STEP_BYTES),
    valid("param", IdParam),
    async (c) => {
      const { text, value } = await optionalJson(c);
      const { comment } = parseBody(ClearanceStep, value);
      return write(c, text, (writer) => approvePublication(writer, c.req.valid("param").id, comment));
    },
  )
  .post(
    `${PUBLICATION}/send-back`,
    describeRoute(
      editorWrite({
        summary: "Send a text back to its author",
        description:
          "An editor or above returns a submitted or approved text to a draft, saying what to change; it " +
          "waits in its author's queue.",
        status: 200,
        body: json(SendBack),
        answer: { description: "Sent back", content: json(EditorPublication) },
        problems: STEP_PROBLEMS,
      }),
    ),
    limitBody(STEP_BYTES),
    valid("param", IdParam),
    async (c) => {
      const { text, value } = await readJson(c);
      const { comment } = parseBody(SendBack, value);
      return write(c, text, (writer) => sendBackPublication(writer, c.req.valid("param").id, comment));
    },
  )
  .get(
    `${PUBLICATION}/history`,
    describeRoute(
      editorRead({
        summary: "A publication's clearance history",
        description:
          "Who submitted, approved, sent back and published it, when, with their comments, oldest first.",
        answer: { description: "The history", content: json(History) },
        problems: NO_ID,
      }),
    ),
    valid("param", IdParam),
    async (c) => {
      const { id } = c.req.valid("param");
      if (!(await findPublicationById(c.env.DB, id))) throw problem(404, `No publication has the id ${id}.`);
      c.header("Cache-Control", "private, no-store");
      return c.json({ events: await listHistory(c.env.DB, id) });
    },
  )
  .get(
    "/queue",
    describeRoute(
      editorRead({
        summary: "What waits for me",
        description:
          "A contributor's drafts sent back to them; for an editor, also the submitted texts (not their own " +
          "when the site wants a second reader); for a publisher and an admin, also the approved ones. " +
          "Longest waiting first, each with its latest step.",
        answer: { description: "The queue", content: json(Queue) },
      }),
    ),
    valid("query", QueueQuery),
    async (c) => {
      const { editor } = c.var;
      const items = await listQueue(c.env.DB, {
        personId: editor.id,
        approves: atLeast(editor.role, "editor"),
        publishes: atLeast(editor.role, "publisher"),
        policy: await findPolicy(c.env.DB),
        limit: c.req.valid("query").limit,
      });
      c.header("Cache-Control", "private, no-store");
      return c.json({ items });
    },
  );
