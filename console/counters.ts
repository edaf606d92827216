import { html, nothing } from "lit";
import { counterSentence, dateInZone, isCalendarDate } from "../widget/time";
import type { Counters } from "../worker/schemas/counter";
import { call, type Problem } from "./api";
import { field, fieldErrors, problemSummary } from "./form";
import { LightElement } from "./light";

interface Draft {
  /** The counter being edited, or undefined for a new one. */
  editing?: string;
  /** The version the edit starts from, sent as If-Match. */
  version?: number;
  slug: string;
  since: string;
  template: string;
}

const blank = (): Draft => ({ slug: "", since: "", template: "{days} days have passed since " });

/** The sentence as the site will show it today, or why it cannot yet. */
export function sentencePreview(draft: Pick<Draft, "since" | "template">, today: string): string {
  if (!isCalendarDate(draft.since)) return "Pick the date to count from.";
  if (!draft.template.includes("{days}")) return "The sentence needs {days} where the count goes.";
  return counterSentence(draft.template, draft.since, today);
}

/**
 * Day counters: the list as the site shows it today, and a form to add or
 * change one with its sentence and count previewed as you type.
 *
 * @element console-counters
 */
export class ConsoleCounters extends LightElement {
  static override properties = {
    board: { state: true },
    draft: { state: true },
    problem: { state: true },
    message: { state: true },
  };

  declare board?: Counters;
  declare draft: Draft;
  declare problem?: Problem;
  declare message?: string;

  constructor() {
    super();
    this.draft = blank();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  async load(): Promise<void> {
    const answer = await call<Counters>("GET", "/api/v1/counters", {
      headers: { "Cache-Control": "no-cache" },
    });
    if (answer.ok) this.board = answer.data;
    else this.problem = answer.problem;
  }

  async #save(): Promise<void> {
    const { editing, version, slug, since, template } = this.draft;
    const answer = editing
      ? await call("PATCH", `/api/v1/counters/${editing}`, {
          json: { since, template },
          headers: { "If-Match": `"v${version}"` },
        })
      : await call("POST", "/api/v1/counters", { json: { slug, since, template } });
    if (!answer.ok) {
      this.problem = answer.problem;
      return;
    }
    this.message = `Saved “${editing ?? slug}”.`;
    this.problem = undefined;
    this.draft = blank();
    this.load();
  }

  async #remove(slug: string): Promise<void> {
    const answer = await call("DELETE", `/api/v1/counters/${slug}`);
    if (!answer.ok) this.problem = answer.problem;
    else this.message = `Removed “${slug}”.`;
    this.load();
  }

  #onInput = (event: Event) => {
    const input = event.target as HTMLInputElement;
    this.draft = { ...this.draft, [input.name]: input.value };
  };

  override render() {
    const errors = fieldErrors(this.problem);
    const today = this.board ? dateInZone(Date.now(), this.board.time_zone) : "";
    const d = this.draft;
    return html`<h1 tabindex="-1">Counters</h1>
      ${this.message ? html`<p class="message" role="status">${this.message}</p>` : nothing}
      ${problemSummary(this.problem)}
      ${
        this.board
          ? html`<ul class="counters">
            ${this.board.counters.map(
              (counter) => html`<li>
                <p>${counter.text}</p>
                <p class="hint">${counter.slug} · since ${counter.since}</p>
                <button type="button" class="quiet" @click=${() => {
                  this.draft = {
                    editing: counter.slug,
                    version: counter.version,
                    slug: counter.slug,
                    since: counter.since,
                    template: counter.template,
                  };
                }}>Edit</button>
                <button type="button" class="quiet" @click=${() => this.#remove(counter.slug)}>Remove</button>
              </li>`,
            )}
          </ul>`
          : nothing
      }
      <form class="counter" @input=${this.#onInput} @submit=${(event: Event) => {
        event.preventDefault();
        this.#save();
      }}>
        <h2>${d.editing ? `Edit “${d.editing}”` : "New counter"}</h2>
        ${
          d.editing
            ? nothing
            : field(
                "Slug",
                "slug",
                errors,
                (a) => html`<input id=${a.id} name="slug" required .value=${d.slug}
              aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing} />`,
              )
        }
        ${field(
          "Counting from",
          "since",
          errors,
          (a) => html`<input id=${a.id} type="date" name="since" required .value=${d.since}
            aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing} />`,
        )}
        ${field(
          "Sentence",
          "template",
          errors,
          (a) => html`<input id=${a.id} name="template" required .value=${d.template}
            aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing} />`,
          "{days} becomes the count of whole days in the site's time zone.",
        )}
        <p class="preview" aria-live="polite"><strong>Today (${today}):</strong> ${sentencePreview(d, today)}</p>
        <p class="actions">
          <button type="submit">${d.editing ? "Save" : "Add counter"}</button>
          ${
            d.editing
              ? html`<button type="button" class="quiet" @click=${() => {
                  this.draft = blank();
                }}>Cancel</button>`
              : nothing
          }
        </p>
      </form>`;
  }
}
