import { html, nothing, type PropertyValues } from "lit";
import { unsafeHTML } from "lit/directives/unsafe-html.js";
import type { EditorPublication } from "../worker/schemas/publication-input";
import type { TranslationGroup } from "../worker/schemas/translation";
import { call, type Problem } from "./api";
import { type Comparison, compare, comparison, textOf } from "./compare";
import { problemSummary } from "./form";
import { languageName } from "./languages";
import { LightElement } from "./light";

/** What a 409 of "Translate" names: the version the text has in that language already. */
type Clash = Problem & { translation?: { id: number; title: string } };

/**
 * Asks the API for a draft of publication `id` in `lang`, and opens it; on
 * a refusal, the problem (a 409 names the version that exists).
 */
export async function translateInto(id: number, lang: string): Promise<Clash | undefined> {
  const answer = await call<EditorPublication>("POST", `/api/v1/publications/by-id/${id}/translations`, {
    json: { lang },
    headers: { "Idempotency-Key": crypto.randomUUID() },
  });
  if (!answer.ok) return answer.problem as Clash;
  location.hash = `#/publications/${answer.data.id}`;
  return undefined;
}

/** The refusal, with a link to the version that exists when there is one. */
export function refusalOf(problem?: Clash) {
  if (!problem) return nothing;
  const existing = problem.translation;
  return html`${problemSummary(problem)}
    ${existing ? html`<p><a href="#/publications/${existing.id}">Open “${existing.title}”</a></p>` : nothing}`;
}

/** Where publication `id` stands among its languages; undefined when it cannot be read. */
async function groupOf(id: number): Promise<TranslationGroup | undefined> {
  const answer = await call<TranslationGroup>("GET", `/api/v1/publications/by-id/${id}/translations`);
  return answer.ok ? answer.data : undefined;
}

/**
 * A publication's languages: its versions, linked, and "Translate into…"
 * for each of the site's languages it has none in.
 *
 * @element console-translate
 */
export class ConsoleTranslate extends LightElement {
  static override properties = {
    publication: { attribute: false },
    group: { state: true },
    problem: { state: true },
    busy: { state: true },
  };

  /** The publication as the editor has it saved. */
  declare publication?: EditorPublication;
  declare group?: TranslationGroup;
  declare problem?: Clash;
  declare busy?: string;

  override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get("publication") as EditorPublication | undefined;
    const now = this.publication;
    if (changed.has("publication") && now && (before?.id !== now.id || before.version !== now.version))
      groupOf(now.id).then((group) => {
        this.group = group;
      });
  }

  async #translate(lang: string): Promise<void> {
    if (!this.publication) return;
    this.busy = lang;
    this.problem = await translateInto(this.publication.id, lang);
    this.busy = undefined;
  }

  override render() {
    const group = this.group;
    const publication = this.publication;
    if (!group || !publication || group.languages.length < 2) return nothing;
    const others = group.versions.filter((version) => version.id !== publication.id);
    return html`<section class="translate" aria-labelledby="translate-title">
      <h2 id="translate-title">Languages</h2>
      ${
        others.length > 0
          ? html`<ul class="versions">
            ${others.map(
              (version) => html`<li lang=${version.lang}>
                <span class="hint">${languageName(version.lang)}:</span>
                <a href="#/publications/${version.id}">${version.title}</a>
                <span class="status status-${version.status}">${version.status}</span>
              </li>`,
            )}
          </ul>`
          : nothing
      }
      ${
        group.missing.length > 0
          ? html`<p class="actions">
            ${group.missing.map(
              (lang) => html`<button type="button" class="quiet" ?disabled=${this.busy !== undefined}
                @click=${() => this.#translate(lang)}>Translate into ${languageName(lang)}</button>`,
            )}
          </p>`
          : html`<p class="hint">This text has a version in each of the site's languages.</p>`
      }
      ${refusalOf(this.problem)}
    </section>`;
  }
}

/** What a translation shows of its source: its words, and what changed in them since. */
interface SourceView {
  source: EditorPublication;
  /** The source's words then and now, when they changed after the translation was last saved. */
  since?: Comparison;
  sourceVersion: number | null;
}

type RevisionWords = Pick<EditorPublication, "title" | "lead" | "body_html">;

const wordsOf = (label: string, words: RevisionWords) => ({
  label,
  title: words.title,
  lead: words.lead,
  body: textOf(words.body_html),
});

/**
 * Beside a translation's fields: its source, read-only, and when the
 * source's words changed after the version the translation was last saved
 * from, what changed, word by word. Nothing for a text that is no
 * translation.
 *
 * @element console-translation-source
 */
export class ConsoleTranslationSource extends LightElement {
  static override properties = {
    publication: { attribute: false },
    view: { state: true },
  };

  declare publication?: EditorPublication;
  declare view?: SourceView;

  override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get("publication") as EditorPublication | undefined;
    const now = this.publication;
    if (changed.has("publication") && now && (before?.id !== now.id || before.version !== now.version))
      this.#load(now.id);
  }

  async #load(id: number): Promise<void> {
    const group = await groupOf(id);
    const ref = group?.source;
    const self = group?.versions.find((version) => version.id === id);
    if (!group || !ref) {
      this.view = undefined;
      return;
    }
    const source = await call<EditorPublication>("GET", `/api/v1/publications/by-id/${ref.id}`);
    if (!source.ok) return;
    const sourceVersion = self?.source_version ?? null;
    const then =
      group.outdated && sourceVersion !== null
        ? await call<RevisionWords>("GET", `/api/v1/publications/by-id/${ref.id}/revisions/${sourceVersion}`)
        : undefined;
    const since =
      then?.ok === true
        ? compare(
            wordsOf(`Source, version ${sourceVersion}`, then.data),
            wordsOf(`Source now (version ${source.data.version})`, source.data),
          )
        : undefined;
    this.view = { source: source.data, since, sourceVersion };
  }

  override render() {
    const view = this.view;
    if (!view) return nothing;
    const { source, since } = view;
    return html`<aside class="source-pane" aria-labelledby="source-title">
      <h2 id="source-title">Source: ${languageName(source.lang)}</h2>
      <p class="hint">Read-only. <a href="#/publications/${source.id}">Open the source</a></p>
      ${
        since
          ? html`<div class="outdated" role="status">
            <p><strong>The source changed since this translation was last saved</strong> (from version
              ${view.sourceVersion} to ${source.version}). Bring the translation up to date, then save it.</p>
            ${comparison(since)}
          </div>`
          : nothing
      }
      <dl class="source-words">
        <dt>Title</dt>
        <dd class="source-title" lang=${source.lang}>${source.title}</dd>
        <dt>Lead</dt>
        <dd class="source-lead" lang=${source.lang}>${source.lead}</dd>
        <dt>Body</dt>
        <dd><article class="preview body source-body" lang=${source.lang}>${unsafeHTML(source.body_html)}</article></dd>
      </dl>
    </aside>`;
  }
}
