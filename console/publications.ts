import { html, nothing } from "lit";
import { unsafeHTML } from "lit/directives/unsafe-html.js";
import type { PublicationSummary, Status } from "../worker/schemas/publication";
import { KINDS, queryWords, STATUSES } from "../worker/vocabulary";
import { call, type Problem } from "./api";
import { problemSummary } from "./form";
import { LightElement } from "./light";
import { when } from "./when";

type Item = PublicationSummary & {
  status: Status;
  expires_at: string | null;
  withdrawn_at: string | null;
  author: { id: number; name: string } | null;
  snippet?: string;
};

/** What says where a piece stands: its stored status, and when it was withdrawn or is to expire. */
export type Standing = Pick<Item, "status" | "expires_at" | "withdrawn_at">;

/**
 * A piece's status as readers meet it: the stored status says "published"
 * of a text that was withdrawn or has expired, so those are named instead,
 * with their date; a coming expiry is shown beside the status.
 * @example standing({ status: "published", expires_at: null, withdrawn_at: "2020-10-26T09:00:00Z" })
 */
export function standing(piece: Standing, now = Date.now()) {
  const out = piece.status === "published" || piece.status === "scheduled";
  if (out && piece.withdrawn_at) {
    return html`<span class="status status-withdrawn">Withdrawn</span> <span class="when">on ${when(piece.withdrawn_at)}</span>`;
  }
  const expires = piece.expires_at && piece.status !== "archived" ? piece.expires_at : undefined;
  if (out && expires && Date.parse(expires) <= now) {
    return html`<span class="status status-expired">Expired</span> <span class="when">on ${when(expires)}</span>`;
  }
  return html`<span class="status status-${piece.status}">${piece.status}</span>${
    expires ? html` <span class="when">Expires ${when(expires)}</span>` : nothing
  }`;
}

const LIMIT = 100;
const SEARCH_LIMIT = 50;
const TYPING_PAUSE_MS = 250;

/**
 * Every publication an editor may touch, drafts and archives included,
 * filtered by status, kind and language, and searched (full text, best
 * match first) as one types.
 *
 * @element console-publications
 */
export class ConsolePublications extends LightElement {
  static override properties = { items: { state: true }, problem: { state: true } };

  declare items?: Item[];
  declare problem?: Problem;
  #filter = { status: [...STATUSES] as string[], kind: "", lang: "", query: "" };
  #typing?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  async load(): Promise<void> {
    if (this.#filter.status.length === 0) {
      this.items = [];
      return;
    }
    const searching = queryWords(this.#filter.query).length > 0;
    const query = new URLSearchParams({
      status: this.#filter.status.join(","),
      limit: String(searching ? SEARCH_LIMIT : LIMIT),
    });
    if (searching) query.set("q", this.#filter.query);
    if (this.#filter.kind) query.set("kind", this.#filter.kind);
    if (this.#filter.lang) query.set("lang", this.#filter.lang);
    const answer = await call<{ items: Item[] }>(
      "GET",
      `/api/v1/${searching ? "search" : "publications"}?${query}`,
    );
    this.items = answer.ok ? answer.data.items : undefined;
    this.problem = answer.ok ? undefined : answer.problem;
  }

  #onChange = (event: Event) => {
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this.#filter = {
      status: data.getAll("status").map(String),
      kind: String(data.get("kind") ?? ""),
      lang: String(data.get("lang") ?? "").trim(),
      query: String(data.get("query") ?? ""),
    };
    if ((event.target as HTMLInputElement).name !== "query") this.load();
  };

  #onInput = (event: Event) => {
    const input = event.target as HTMLInputElement;
    if (input.name !== "query") return;
    this.#filter.query = input.value;
    clearTimeout(this.#typing);
    this.#typing = setTimeout(() => this.load(), TYPING_PAUSE_MS);
  };

  #list() {
    if (!this.items) return nothing;
    const shown = this.items;
    if (shown.length === 0) return html`<p role="status">No publication matches.</p>`;
    return html`<p role="status" class="hint">${shown.length} shown${shown.length === LIMIT ? ` (the newest ${LIMIT})` : ""}.</p>
      <table class="publications">
        <thead><tr><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Author</th><th scope="col">Kind</th><th scope="col">Language</th><th scope="col">Date</th></tr></thead>
        <tbody>
          ${shown.map(
            (item) => html`<tr>
              <td>
                <a href="#/publications/${item.id}">${item.title}</a>
                ${item.snippet ? html`<p class="hint">${unsafeHTML(item.snippet)}</p>` : nothing}
              </td>
              <td>${standing(item)}</td>
              <td>${item.author?.name ?? "—"}</td>
              <td>${item.kind}</td>
              <td>${item.lang}</td>
              <td><time datetime=${item.published_at}>${new Date(item.published_at).toLocaleString()}</time></td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }

  override render() {
    return html`<h1 tabindex="-1">Publications</h1>
      <p><a class="button" href="#/publications/new">New publication</a></p>
      <form class="filters" @change=${this.#onChange} @input=${this.#onInput} @submit=${(event: Event) => event.preventDefault()}>
        <fieldset>
          <legend>Status</legend>
          ${STATUSES.map(
            (status) =>
              html`<label><input type="checkbox" name="status" value=${status} ?checked=${this.#filter.status.includes(status)} /> ${status}</label>`,
          )}
        </fieldset>
        <label>Kind
          <select name="kind">
            <option value="">Any</option>
            ${KINDS.map((kind) => html`<option value=${kind}>${kind}</option>`)}
          </select>
        </label>
        <label>Language <input name="lang" size="6" placeholder="en" /></label>
        <label>Search <input type="search" name="query" placeholder="Words in the title, lead or body" /></label>
      </form>
      ${problemSummary(this.problem)} ${this.#list()}`;
  }
}
