import { html, nothing } from "lit";
import { call, type Problem, upload } from "./api";
import { problemSummary } from "./form";
import { LightElement } from "./light";

/** What `PUT /api/v1/site/emblem` takes; the server checks the bytes, this only narrows the file picker. */
const ACCEPT = "image/png,image/jpeg,image/webp";

/**
 * The site's emblem: a preview of the one shown, and a file to upload in
 * its place (the masthead, the favicon and link previews take it at once),
 * or none.
 *
 * @element console-emblem
 */
export class ConsoleEmblem extends LightElement {
  static override properties = {
    emblem: { state: true },
    busy: { state: true },
    problem: { state: true },
    message: { state: true },
  };

  /** The address of the emblem shown now; null when the site has none, undefined before it is read. */
  declare emblem?: string | null;
  declare busy: boolean;
  declare problem?: Problem;
  declare message?: string;

  constructor() {
    super();
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#load();
  }

  async #load(): Promise<void> {
    const answer = await call<{ emblem: string | null }>("GET", "/api/v1/site", {
      headers: { "Cache-Control": "no-cache" },
    });
    if (answer.ok) this.emblem = answer.data.emblem ?? null;
    else this.problem = answer.problem;
  }

  async #replace(file: File): Promise<void> {
    this.busy = true;
    this.message = undefined;
    const uploaded = await upload<{ key: string }>("/api/v1/media", file, () => {});
    const answer = uploaded.ok
      ? await call<{ url: string }>("PUT", "/api/v1/site/emblem", { json: { key: uploaded.data.key } })
      : uploaded;
    this.busy = false;
    if (answer.ok) {
      this.emblem = answer.data.url;
      this.problem = undefined;
      this.message = "Saved. The site shows the new emblem now.";
    } else {
      this.problem = answer.problem;
    }
  }

  async #remove(): Promise<void> {
    this.busy = true;
    const answer = await call("DELETE", "/api/v1/site/emblem");
    this.busy = false;
    if (answer.ok) {
      this.emblem = null;
      this.problem = undefined;
      this.message = "Removed. The site shows its name alone.";
    } else {
      this.problem = answer.problem;
    }
  }

  #onPick = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) this.#replace(file);
    input.value = "";
  };

  override render() {
    return html`<section class="emblem" aria-labelledby="emblem-heading">
      <h2 id="emblem-heading">Emblem</h2>
      <p class="hint" id="emblem-hint">
        A PNG, JPEG or WebP image, square at best: the masthead shows it beside the site's name, browsers as the
        tab's icon, and link previews of pages without a picture of their own.
      </p>
      ${this.message ? html`<p class="message" role="status">${this.message}</p>` : nothing}
      ${problemSummary(this.problem)}
      ${
        this.emblem
          ? html`<p class="emblem-preview"><img src=${this.emblem} alt="The emblem the site shows now" /></p>`
          : this.emblem === null
            ? html`<p>The site has no emblem: it shows its name alone.</p>`
            : nothing
      }
      <div class="field">
        <label for="emblem-file">${this.emblem ? "Replace the emblem" : "Upload an emblem"}</label>
        <input id="emblem-file" type="file" accept=${ACCEPT} ?disabled=${this.busy}
          aria-describedby="emblem-hint" @change=${this.#onPick} />
      </div>
      ${
        this.emblem
          ? html`<p class="actions">
            <button type="button" class="quiet" ?disabled=${this.busy} @click=${() => this.#remove()}>
              Remove the emblem
            </button>
          </p>`
          : nothing
      }
    </section>`;
  }
}
