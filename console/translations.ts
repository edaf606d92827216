import { html, nothing } from "lit";
import type { MissingTranslation, TranslationDashboard } from "../worker/schemas/translation";
import { call, type Problem } from "./api";
import { languageName } from "./languages";
import { LightElement } from "./light";
import { refusalOf, translateInto } from "./translate";

const when = (iso: string) => html`<time datetime=${iso}>${new Date(iso).toLocaleDateString()}</time>`;

/**
 * The translation dashboard: per language, the texts out that have no
 * version in it, each with "Translate"; and the translations whose source's
 * words changed since they were last saved, each linked to its editor.
 *
 * @element console-translations
 */
export class ConsoleTranslations extends LightElement {
  static override properties = {
    board: { state: true },
    problem: { state: true },
    busy: { state: true },
  };

  declare board?: TranslationDashboard;
  declare problem?: Problem;
  declare busy?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  async load(): Promise<void> {
    const answer = await call<TranslationDashboard>("GET", "/api/v1/translations?limit=100");
    this.board = answer.ok ? answer.data : undefined;
    this.problem = answer.ok ? undefined : answer.problem;
  }

  async #translate(item: MissingTranslation, lang: string): Promise<void> {
    this.busy = `${item.source.id}:${lang}`;
    this.problem = await translateInto(item.source.id, lang);
    this.busy = undefined;
  }

  #missingIn(lang: string, items: MissingTranslation[]) {
    const lacking = items.filter((item) => item.languages.includes(lang));
    const name = languageName(lang);
    return html`<section class="missing" aria-labelledby="missing-${lang}">
      <h3 id="missing-${lang}">Not yet in ${name}</h3>
      ${
        lacking.length === 0
          ? html`<p class="hint">Every text out has a version in ${name}.</p>`
          : html`<ul class="translation-list">
            ${lacking.map(
              (item) => html`<li>
                <a href="#/publications/${item.source.id}" lang=${item.source.lang}>${item.source.title}</a>
                <span class="hint">${languageName(item.source.lang)} · ${item.source.kind} · ${when(item.source.published_at)}</span>
                <button type="button" class="quiet" ?disabled=${this.busy !== undefined}
                  aria-label="Translate “${item.source.title}” into ${name}"
                  @click=${() => this.#translate(item, lang)}>Translate</button>
              </li>`,
            )}
          </ul>`
      }
    </section>`;
  }

  #outdated(board: TranslationDashboard) {
    const { items, more } = board.outdated;
    return html`<section aria-labelledby="outdated-title">
      <h2 id="outdated-title">Out of date</h2>
      <p class="hint">Translations whose source's words changed since they were last saved.</p>
      ${
        items.length === 0
          ? html`<p role="status">Every translation follows its source.</p>`
          : html`<ul class="translation-list outdated-list">
            ${items.map(
              (item) => html`<li>
                <a href="#/publications/${item.id}" lang=${item.lang}>${item.title}</a>
                <span class="hint">${languageName(item.lang)} · from “<span lang=${item.source.lang}>${item.source.title}</span>”,
                  version ${item.source_version} → ${item.source.text_version}</span>
              </li>`,
            )}
          </ul>`
      }
      ${more ? html`<p class="hint">More translations are out of date than shown here.</p>` : nothing}
    </section>`;
  }

  override render() {
    const board = this.board;
    return html`<h1 tabindex="-1">Translations</h1>
      ${refusalOf(this.problem)}
      ${
        board
          ? html`${
              board.languages.length < 2
                ? html`<p>The site speaks one language (${languageName(board.languages[0] ?? "")}): add another
                  under Site to translate texts.</p>`
                : nothing
            }
            <section aria-labelledby="missing-title">
              <h2 id="missing-title">Missing</h2>
              <p class="hint">Texts published or scheduled that have no version in a language, newest first.</p>
              ${board.languages.map((lang) => this.#missingIn(lang, board.missing.items))}
              ${board.missing.more ? html`<p class="hint">More texts lack a language than shown here.</p>` : nothing}
            </section>
            ${this.#outdated(board)}`
          : this.problem
            ? nothing
            : html`<p role="status">Loading…</p>`
      }`;
  }
}
