import { html, nothing, type PropertyValues } from "lit";
import type { PreviewLink } from "../worker/schemas/preview-link";
import { call, type Problem } from "./api";
import { field, fieldErrors, problemSummary } from "./form";
import { LightElement } from "./light";

const DEFAULT_HOURS = 48;

/** Copies `text`, and says what happened: `done` when it went, how to copy by hand when the browser refused. */
export async function copyText(text: string, done: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return done;
  } catch {
    return "Your browser did not let the page copy: select the address and copy it.";
  }
}

/**
 * A draft's or a scheduled publication's preview links: make one to copy
 * and send, see which still work and until when, and revoke any at once.
 *
 * @element console-preview-links
 */
export class ConsolePreviewLinks extends LightElement {
  static override properties = {
    publicationId: { type: Number, attribute: "publication-id" },
    links: { state: true },
    made: { state: true },
    hours: { state: true },
    problem: { state: true },
    message: { state: true },
  };

  declare publicationId: number;
  declare links?: PreviewLink[];
  /** The link just made, shown apart so it can be copied at once. */
  declare made?: PreviewLink;
  declare hours: string;
  declare problem?: Problem;
  declare message?: string;

  constructor() {
    super();
    this.hours = String(DEFAULT_HOURS);
  }

  // The editor reuses this element when it opens another publication.
  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("publicationId")) {
      this.made = undefined;
      this.load();
    }
  }

  get #path(): string {
    return `/api/v1/publications/by-id/${this.publicationId}/previews`;
  }

  async load(): Promise<void> {
    const answer = await call<{ preview_links: PreviewLink[] }>("GET", this.#path);
    if (answer.ok) this.links = answer.data.preview_links;
    else this.problem = answer.problem;
  }

  async #make(): Promise<void> {
    this.message = undefined;
    const answer = await call<PreviewLink>("POST", this.#path, {
      json: { expires_in_hours: Number(this.hours) },
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    if (!answer.ok) {
      this.problem = answer.problem;
      return;
    }
    this.problem = undefined;
    await this.load();
    this.made = answer.data;
    await this.updateComplete;
    this.querySelector<HTMLInputElement>("#made-preview-link")?.select();
  }

  async #copy(url: string): Promise<void> {
    this.message = await copyText(
      url,
      "Copied. Anyone holding the link can read the text until it expires or you revoke it.",
    );
  }

  async #revoke(link: PreviewLink): Promise<void> {
    const answer = await call<null>("DELETE", `${this.#path}/${link.id}`);
    if (!answer.ok) {
      this.problem = answer.problem;
      return;
    }
    if (this.made?.id === link.id) this.made = undefined;
    this.message = "Revoked: the link opens nothing any more.";
    await this.load();
  }

  #made() {
    const made = this.made;
    if (!made) return nothing;
    return html`<div class="field made-link">
      <label for="made-preview-link">New preview link, until ${new Date(made.expires_at).toLocaleString()}</label>
      <input id="made-preview-link" readonly .value=${made.url} />
      <button type="button" @click=${() => this.#copy(made.url)}>Copy</button>
    </div>`;
  }

  #list() {
    if (!this.links) return nothing;
    if (this.links.length === 0) return html`<p>No live preview links.</p>`;
    return html`<table class="preview-links">
      <thead><tr><th scope="col">Link</th><th scope="col">Works until</th><th scope="col">Made by</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>
        ${this.links.map(
          (link) => html`<tr>
            <td><a href=${link.url} target="_blank" rel="noopener noreferrer">${link.id.slice(0, 8)}…</a></td>
            <td><time datetime=${link.expires_at}>${new Date(link.expires_at).toLocaleString()}</time></td>
            <td>${link.created_by ?? "—"}</td>
            <td>
              <button type="button" class="quiet" @click=${() => this.#copy(link.url)}>Copy</button>
              <button type="button" class="quiet" @click=${() => this.#revoke(link)}>Revoke</button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  override render() {
    const errors = fieldErrors(this.problem);
    return html`<section aria-labelledby="preview-links-title">
      <h2 id="preview-links-title">Preview links</h2>
      <p class="hint">A link shows this text as the site will, marked “Preview, not published”, to anyone who holds it: no account needed.</p>
      ${problemSummary(this.problem)}
      ${this.message ? html`<p class="message" role="status">${this.message}</p>` : nothing}
      <div class="row">
        ${field(
          "Works for (hours)",
          "expires_in_hours",
          errors,
          (a) => html`<input id=${a.id} type="number" min="1" max="720" step="1" .value=${this.hours}
            aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing}
            @input=${(event: Event) => {
              this.hours = (event.target as HTMLInputElement).value;
            }} />`,
        )}
        <p class="actions"><button type="button" @click=${() => this.#make()}>Make a preview link</button></p>
      </div>
      ${this.#made()} ${this.#list()}
    </section>`;
  }
}
