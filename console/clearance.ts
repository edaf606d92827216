import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { type Action, type Refusal, type Piece as Ruled, refusal, skipsApproval } from "../worker/clearance";
import type { ClearanceAction, ClearanceEvent } from "../worker/schemas/clearance";
import type { EditorPublication } from "../worker/schemas/publication-input";
import { type Answer, call, type Problem } from "./api";
import { LightElement } from "./light";
import { personOf, type Session } from "./session";

/** What a step is called in the history and the queue. */
export const STEP_NAMES: Record<ClearanceAction, string> = {
  submitted: "Submitted",
  approved: "Approved",
  sent_back: "Sent back",
  published: "Published",
  scheduled: "Scheduled",
  published_without_approval: "Published without approval",
};

/** A piece as the rules read it; one not saved yet is the writer's own draft. */
const ruled = (session: Session, piece: EditorPublication | undefined): Ruled =>
  piece
    ? { status: piece.status, author_id: piece.author?.id ?? null, written_by: piece.written_by?.id ?? null }
    : { status: "draft", author_id: session.editor.id, written_by: session.editor.id };

/** Why the person signed in may not do `action` to `piece`, in the server's own words; undefined when they may. */
export function refused(
  action: Action,
  session: Session,
  piece: EditorPublication | undefined,
): Refusal | undefined {
  return refusal(action, personOf(session), ruled(session, piece), session.policy);
}

/** Whether publishing `piece` now puts out a text no second reader approved: the publisher says why. */
export function goesOutUnapproved(session: Session, piece: EditorPublication | undefined): boolean {
  const out = piece?.status === "published" || piece?.status === "scheduled";
  return !out && skipsApproval(ruled(session, piece));
}

/**
 * A button that is disabled, with the reason beside it and in its title,
 * when the rules would refuse what it does: the person learns why before
 * the click, not from an error after it.
 */
export function gated(
  label: string,
  refusing: Refusal | undefined,
  onClick: () => void,
  options: { quiet?: boolean; id: string },
): TemplateResult {
  const reason = refusing ? `${options.id}-refusal` : undefined;
  return html`<span class="gated">
    <button type="button" class=${options.quiet ? "quiet" : ""} ?disabled=${Boolean(refusing)}
      title=${refusing?.reason ?? nothing} aria-describedby=${reason ?? nothing} @click=${onClick}>${label}</button>
    ${refusing ? html`<span class="refusal" id=${reason}>${refusing.reason}</span>` : nothing}
  </span>`;
}

/** Where a text is on its way through clearance; past it, or archived, it takes no step. */
const IN_CLEARANCE: readonly EditorPublication["status"][] = ["draft", "submitted", "approved"];

/** A clearance step's answer, handed to the editor that holds the piece. */
export type Cleared = Extract<Answer<EditorPublication>, { ok: true }>;

/**
 * The clearance bar of one publication: where it stands, who wrote it, and
 * the steps the person signed in may take (submit, approve, send back with
 * a comment). It tells its editor of a new state with `cleared` and of a
 * refusal with `problem`, so the editor shows both where it shows its own.
 *
 * @element console-clearance
 * @fires cleared - the piece after a step: `detail` is the API's answer
 * @fires problem - the server refused: `detail` is its problem
 */
export class ConsoleClearance extends LightElement {
  static override properties = {
    piece: { attribute: false },
    etag: { attribute: false },
    session: { attribute: false },
    comment: { state: true },
    sendingBack: { state: true },
  };

  declare piece: EditorPublication;
  declare etag: string;
  declare session: Session;
  declare comment: string;
  /** Whether the comment a send-back needs is being asked for. */
  declare sendingBack: boolean;

  constructor() {
    super();
    this.comment = "";
    this.sendingBack = false;
  }

  async #step(step: "submit" | "approve" | "send-back"): Promise<void> {
    const comment = this.comment.trim();
    const answer = await call<EditorPublication>(
      "POST",
      `/api/v1/publications/by-id/${this.piece.id}/${step}`,
      {
        json: comment ? { comment } : {},
        headers: step === "approve" ? { "If-Match": this.etag } : {},
      },
    );
    if (!answer.ok) {
      this.dispatchEvent(new CustomEvent<Problem>("problem", { detail: answer.problem }));
      return;
    }
    this.comment = "";
    this.sendingBack = false;
    this.dispatchEvent(new CustomEvent<Cleared>("cleared", { detail: answer }));
  }

  #comment(label: string, required: boolean) {
    return html`<div class="field">
      <label for="clearance-comment">${label}</label>
      <textarea id="clearance-comment" rows="2" ?required=${required} .value=${this.comment}
        aria-describedby="clearance-comment-hint"
        @input=${(event: Event) => {
          this.comment = (event.target as HTMLTextAreaElement).value;
        }}></textarea>
      <p class="hint" id="clearance-comment-hint">${
        required
          ? "Say what to change: the author sees it in their queue and in the history."
          : "Optional; kept in the history beside the step."
      }</p>
    </div>`;
  }

  #steps() {
    const piece = this.piece;
    // Out or archived, a text has left clearance: its steps would all be refused.
    if (!IN_CLEARANCE.includes(piece.status)) return nothing;
    const gate = (action: Action) => refused(action, this.session, piece);
    return this.sendingBack
      ? html`${this.#comment("Why it goes back", true)}
            <p class="actions">
              <button type="button" ?disabled=${this.comment.trim() === ""} @click=${() => this.#step("send-back")}>Send back</button>
              <button type="button" class="quiet" @click=${() => {
                this.sendingBack = false;
              }}>Cancel</button>
            </p>`
      : html`${this.#comment("Comment", false)}
            <p class="actions">
              ${gated("Submit for review", gate("submit"), () => this.#step("submit"), { id: "submit" })}
              ${gated("Approve", gate("approve"), () => this.#step("approve"), { id: "approve" })}
              ${gated(
                "Send back…",
                gate("send_back"),
                () => {
                  this.sendingBack = true;
                },
                { id: "send-back", quiet: true },
              )}
            </p>`;
  }

  override render() {
    const piece = this.piece;
    return html`<section class="clearance" aria-labelledby="clearance-title">
      <h2 id="clearance-title">Clearance</h2>
      <p>
        <span class="status status-${piece.status}">${piece.status}</span>
        · Author: ${piece.author?.name ?? "unknown"}
      </p>
      ${this.#steps()}
    </section>`;
  }
}

/**
 * A piece's history: who submitted, approved, sent back and published it,
 * when, with their comments; read again whenever the piece changes.
 *
 * @element console-history
 */
export class ConsoleHistory extends LightElement {
  static override properties = {
    piece: { attribute: false },
    events: { state: true },
    problem: { state: true },
  };

  declare piece: EditorPublication;
  declare events?: ClearanceEvent[];
  declare problem?: Problem;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("piece")) this.load();
  }

  async load(): Promise<void> {
    const answer = await call<{ events: ClearanceEvent[] }>(
      "GET",
      `/api/v1/publications/by-id/${this.piece.id}/history`,
    );
    this.events = answer.ok ? answer.data.events : undefined;
    this.problem = answer.ok ? undefined : answer.problem;
  }

  #list() {
    if (this.problem) return html`<p class="hint">The history could not be read: ${this.problem.detail}</p>`;
    if (!this.events) return nothing;
    if (this.events.length === 0) return html`<p class="hint">No step yet: it has not been submitted.</p>`;
    return html`<ol class="history">
      ${this.events.map(
        (event) => html`<li>
          <p><strong>${STEP_NAMES[event.action] ?? event.action}</strong> by ${event.person?.name ?? event.actor}
            <span class="when">on <time datetime=${event.at}>${new Date(event.at).toLocaleString()}</time>, version ${event.version}</span></p>
          ${event.comment ? html`<blockquote>${event.comment}</blockquote>` : nothing}
        </li>`,
      )}
    </ol>`;
  }

  override render() {
    return html`<section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      ${this.#list()}
    </section>`;
  }
}
