import type { Context } from "hono";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import type * as v from "valibot";
import { findPolicy, listHistory, listQueue } from "../../data/clearance";
import { limitBody } from "../../http/body-limit";
import type { EditorEnv } from "../../http/editor-auth";
import type { Saved } from "../../http/idempotency";
import { editorRead, editorWrite, json } from "../../http/operations";
import { parseBody, valid } from "../../http/validate";
import { ClearanceStep, History, Queue, QueueQuery, SendBack } from "../../schemas/clearance";
import { EditorPublication, IdParam } from "../../schemas/publication-input";
import { atLeast } from "../../vocabulary";
import {
  approvePublication,
  currentPublication,
  sendBackPublication,
  submitPublication,
} from "../../writes/clearance";
import type { Writer } from "../../writes/commit";
import { readJson, write } from "./shared";

const PUBLICATION = "/publications/by-id/:id{[0-9]+}";
const STEP_BYTES = 16 * 1024;
const NO_ID = { 404: "No publication has this id" };
const STEP_PROBLEMS = {
  ...NO_ID,
  403: "Your role may not take this step, or the site wants someone other than the author to approve",
  409: "The publication is not in a state this step starts from",
};

/** What a step's route says of itself; the rest is the same for every step. */
type StepOperation = Pick<Parameters<typeof editorWrite>[0], "summary" | "description" | "ifMatch"> & {
  /** The success answer's description. */
  answered: string;
};

/** A step's body: its schema, and whether it may be left out. */
interface StepBody<Schema> {
  schema: Schema;
  optional?: true;
}

/** The publication's id, as the path gives it. */
type ById = { out: { param: v.InferOutput<typeof IdParam> } };

/** A step's optional body: none at all, or JSON. */
async function optionalJson(c: Context): Promise<{ text: string; value: unknown }> {
  if ((await c.req.text()) === "") return { text: "", value: {} };
  return readJson(c);
}

/** A step's description: a write answered with the publication, its body perhaps left out. */
function describeStep(
  { answered, ...operation }: StepOperation,
  { schema, optional }: StepBody<v.GenericSchema>,
) {
  const described = editorWrite({
    ...operation,
    status: 200,
    body: json(schema),
    answer: { description: answered, content: json(EditorPublication) },
    problems: STEP_PROBLEMS,
  });
  if (!optional) return described;
  return { ...described, requestBody: { required: false, content: json(schema) } };
}

/**
 * A step's route after its path: described, its body read and checked
 * against the schema, then `take` on the publication in the path with the
 * body's comment.
 */
function step<Schema extends v.GenericSchema<unknown, { comment?: string }>>(
  operation: StepOperation,
  body: StepBody<Schema>,
  take: (writer: Writer, id: number, comment: v.InferOutput<Schema>["comment"]) => Promise<Saved>,
) {
  return [
    describeRoute(describeStep(operation, body)),
    limitBody(STEP_BYTES),
    valid("param", IdParam),
    async (c: Context<EditorEnv, string, ById>) => {
      const { text, value } = await (body.optional ? optionalJson(c) : readJson(c));
      const { comment } = parseBody(body.schema, value);
      return write(c, text, (writer) => take(writer, c.req.valid("param").id, comment));
    },
  ] as const;
}

/**
 * Clearance of publications: a draft is submitted, approved or sent back
 * with a comment, each step kept in its history; and the queue of what
 * waits for whom. Who may take which step is worker/clearance.ts's.
 */
export const clearance = new Hono<EditorEnv>()
  .post(
    `${PUBLICATION}/submit`,
    ...step(
      {
        summary: "Submit a draft for review",
        description:
          "Hands a draft to the editors: its author, or an editor, does it. The body is optional. " +
          "The text's version stays as it is.",
        answered: "Submitted",
      },
      { schema: ClearanceStep, optional: true },
      submitPublication,
    ),
  )
  .post(
    `${PUBLICATION}/approve`,
    ...step(
      {
        summary: "Approve a submitted text",
        description:
          "An editor or above clears the version they read (If-Match, required) for publishing; unless an " +
          "admin turned it off, someone other than the author. An edit of the text afterwards voids the " +
          "approval. The body is optional.",
        ifMatch: "required",
        answered: "Approved",
      },
      { schema: ClearanceStep, optional: true },
      approvePublication,
    ),
  )
  .post(
    `${PUBLICATION}/send-back`,
    ...step(
      {
        summary: "Send a text back to its author",
        description:
          "An editor or above returns a submitted or approved text to a draft, saying what to change; it " +
          "waits in its author's queue.",
        answered: "Sent back",
      },
      { schema: SendBack },
      sendBackPublication,
    ),
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
      await currentPublication(c.env.DB, id);
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
