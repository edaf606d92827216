import { type Action, mayHandle, type Person, type Piece, refusal } from "../clearance";
import { eventStatement, findPolicy, reviewStatement } from "../data/clearance";
import { type Actor, findPublicationById, publicationAnswer, type Review } from "../data/publication-writes";
import type { Database } from "../data/sql";
import { effectiveStatus } from "../data/status";
import type { Saved } from "../http/idempotency";
import { problem } from "../http/problem";
import type { ClearanceAction } from "../schemas/clearance";
import type { EditorPublication } from "../schemas/publication-input";
import { changedSince, commit, expectedVersion, type Writer } from "./commit";

/**
 * The steps of clearance (submit, approve, send back), and the one check
 * every write to a publication passes: the rule book's (worker/clearance.ts)
 * word on who may do what to it in the state it is in.
 */

export const personOf = (actor: Actor): Person => ({ id: actor.personId, role: actor.role });

/** What the rules read of a stored publication at `now`. */
export const pieceOf = (stored: EditorPublication, now: string): Piece => ({
  status: effectiveStatus(stored.status, stored.published_at, now),
  author_id: stored.author?.id ?? null,
  written_by: stored.written_by?.id ?? null,
});

/** A 403 or 409 in the rule book's words when the writer may not do `action` to `piece`. */
export async function assertAllowed(writer: Writer, action: Action, piece: Piece): Promise<void> {
  const refused = refusal(action, personOf(writer.actor), piece, await findPolicy(writer.db));
  if (refused) throw problem(refused.status, refused.reason);
}

/** A 403 when `person` may not handle `publication` at all, whatever its state allows (its preview links). */
export function assertMayHandle(person: Person, publication: EditorPublication, now: string): void {
  const refused = mayHandle(person, pieceOf(publication, now));
  if (refused) throw problem(refused.status, refused.reason);
}

/** Publication `id` as stored; a 404 when there is none. */
export async function currentPublication(db: Database, id: number): Promise<EditorPublication> {
  const publication = await findPublicationById(db, id);
  if (!publication) throw problem(404, `No publication has the id ${id}.`);
  return publication;
}

interface Step {
  action: Extract<Action, "submit" | "approve" | "send_back">;
  event: ClearanceAction;
  to: Review;
}

const STEPS = {
  submit: { action: "submit", event: "submitted", to: "submitted" },
  approve: { action: "approve", event: "approved", to: "approved" },
  send_back: { action: "send_back", event: "sent_back", to: null },
} as const satisfies Record<string, Step>;

/** Where a draft stands in review, as stored. */
const reviewOf = (piece: Piece): Review =>
  piece.status === "submitted" || piece.status === "approved" ? piece.status : null;

/**
 * Takes `step` on publication `id` at `version`, with its comment, in one
 * batch: the review moves and the history gains the step, or neither.
 */
async function take(
  writer: Writer,
  id: number,
  step: Step,
  comment: string | null,
  version?: number,
): Promise<Saved> {
  const stored = await currentPublication(writer.db, id);
  const piece = pieceOf(stored, writer.actor.at);
  await assertAllowed(writer, step.action, piece);
  if (version !== undefined && version !== stored.version) changedSince("publication", version, stored);
  const change = { from: reviewOf(piece), to: step.to };
  const saved = await commit(writer, {
    statements: [
      reviewStatement(writer.db, id, stored.version, change, writer.actor),
      eventStatement(writer.db, "id", id, { action: step.event, comment }, writer.actor),
    ],
    answer: publicationAnswer("id", id, writer.actor),
    status: 200,
  });
  if (saved) return saved;
  throw problem(409, "The publication changed while this step was taken; read it again and retry.");
}

/** Hands a draft to the editors. */
export const submitPublication = (writer: Writer, id: number, comment?: string) =>
  take(writer, id, STEPS.submit, comment ?? null);

/** Clears the version the editor read (If-Match, required) for publishing. */
export const approvePublication = (writer: Writer, id: number, comment?: string) =>
  take(writer, id, STEPS.approve, comment ?? null, expectedVersion(writer.ifMatch));

/** Back to a draft, with what its author should change. */
export const sendBackPublication = (writer: Writer, id: number, comment: string) =>
  take(writer, id, STEPS.send_back, comment);
