import { html, nothing } from "lit";
import type { ClearanceEvent, QueueItem } from "../worker/schemas/clearance";
import { call, type Problem } from "./api";
import { STEP_NAMES } from "./clearance";
import { problemSummary } from "./form";
import { LightElement } from "./light";
import { readSession } from "./session";
import { when } from "./when";

/** What each role's queue holds, said above it so an empty one is not a puzzle. */
const WHAT_WAITS = {
  contributor: "Your drafts an editor sent back to you.",
  editor: "Texts submitted for review.",
  publisher: "Texts submitted for review, and approved texts ready to publish.",
  admin: "Your drafts sent back, texts submitted for review, and approved texts ready to publish.",
} as const;

/**
 * What waits for the person signed in: each piece linked to its editor,
 * with the latest step and its comment, so a text sent back says why.
 *
 * @element console-queue
 */
export class ConsoleQueue extends LightElement {
  static override properties = { items: { state: true }, problem: { state: true } };

  declare items?: QueueItem[];
  declare problem?: Problem;
  #session = readSession();

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  async load(): Promise<void> {
    const answer = await call<{ items: QueueItem[] }>("GET", "/api/v1/queue");
    this.items = answer.ok ? answer.data.items : undefined;
    this.problem = answer.ok ? undefined : answer.problem;
  }

  #latest(event: ClearanceEvent | null) {
    if (!event) return nothing;
    return html`<p class="hint">${STEP_NAMES[event.action] ?? event.action} by ${event.person?.name ?? event.actor}
      on ${when(event.at)}</p>
      ${event.comment ? html`<blockquote>${event.comment}</blockquote>` : nothing}`;
  }

  #list() {
    if (!this.items) return nothing;
    if (this.items.length === 0) return html`<p role="status">Nothing waits for you.</p>`;
    return html`<ul class="queue">
      ${this.items.map(
        (item) => html`<li>
          <p><a href="#/publications/${item.id}">${item.title}</a>
            <span class="status status-${item.status}">${item.status}</span></p>
          <p class="hint">${item.kind} · ${item.lang} · by ${item.author?.name ?? "unknown"} · changed ${when(item.updated_at)}</p>
          ${this.#latest(item.latest)}
        </li>`,
      )}
    </ul>`;
  }

  override render() {
    return html`<h1 tabindex="-1">Queue</h1>
      <p>${WHAT_WAITS[this.#session.editor.role]}</p>
      ${problemSummary(this.problem)} ${this.#list()}`;
  }
}
