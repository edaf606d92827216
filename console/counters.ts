import { html, nothing } from "lit";
import { pluralCategories, sentence, sentenceText } from "../widget/plural";
import { dateInZone, isCalendarDate } from "../widget/time";
import type { Counters } from "../worker/schemas/counter";
import { call, type Problem } from "./api";
import { field, fieldErrors, problemSummary } from "./form";
import { languageName } from "./languages";
import { LightElement } from "./light";

/** Forms per language: `{ "<lang>": { "<category>": "<form>" } }`, as the API takes them. */
type Sentences = Record<string, Record<string, string>>;

interface Draft {
  /** The counter being edited, or undefined for a new one. */
  editing?: string;
  /** The version the edit starts from, sent as If-Match. */
  version?: number;
  slug: string;
  since: string;
  sentences: Sentences;
}

const blank = (): Draft => ({ slug: "", since: "", sentences: {} });

/** The counts the preview shows each language's sentence at, besides today's. */
export const SAMPLE_COUNTS = [1, 2, 5, 21, 111];

/**
 * The first counts that take `category` in `lang`, for a field's label; a
 * category no whole number takes (Russian `other`) gets its fractions.
 * @example countExamples("ru", "one") // "1, 21, 31…"
 */
export function countExamples(lang: string, category: string): string {
  const rules = new Intl.PluralRules(lang);
  for (const step of [1, 0.1]) {
    const found: number[] = [];
    for (let n = 0; n <= 1000 && found.length < 4; n++) {
      const count = Math.round(n * step * 10) / 10;
      if (rules.select(count) === category) found.push(count);
    }
    if (found.length > 0) return found.length > 3 ? `${found.slice(0, 3).join(", ")}…` : found.join(", ");
  }
  return "";
}

/** The calendar date `days` after `date`. */
function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The sentences that have any words: a language left blank is left out. */
const written = (sentences: Sentences): Sentences =>
  Object.fromEntries(
    Object.entries(sentences)
      .map(([lang, forms]) => [
        lang,
        Object.fromEntries(Object.entries(forms).filter(([, form]) => form !== "")),
      ])
      .filter(([, forms]) => Object.keys(forms).length > 0),
  );

/**
 * The sentence in `lang` at today's count and at each sample count, or why
 * there is none yet.
 */
export function sentencePreview(
  draft: Pick<Draft, "since" | "sentences">,
  lang: string,
  today: string,
): { today: string; samples: string[] } | string {
  const forms = draft.sentences[lang] ?? {};
  if (!isCalendarDate(draft.since)) return "Pick the date to count from.";
  if (!forms.other?.includes("{days}")) return "The “other” form needs {days} where the count goes.";
  const at = (date: string) => sentenceText(sentence(forms, lang, draft.since, date));
  return { today: at(today), samples: SAMPLE_COUNTS.map((days) => at(plusDays(draft.since, days))) };
}

/**
 * Day counters: the list as the site shows it today, and a form to add or
 * change one, with a field per plural category of each of the site's
 * languages and the sentences previewed as you type.
 *
 * @element console-counters
 */
export class ConsoleCounters extends LightElement {
  static override properties = {
    languages: { state: true },
    boards: { state: true },
    draft: { state: true },
    problem: { state: true },
    message: { state: true },
  };

  /** The site's languages, the default first. */
  declare languages: string[];
  /** Today's counters in each of the site's languages. */
  declare boards: Record<string, Counters>;
  declare draft: Draft;
  declare problem?: Problem;
  declare message?: string;

  constructor() {
    super();
    this.languages = [];
    this.boards = {};
    this.draft = blank();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  async load(): Promise<void> {
    const fresh = { headers: { "Cache-Control": "no-cache" } };
    const site = await call<{ languages: string[] }>("GET", "/api/v1/site", fresh);
    if (!site.ok) {
      this.problem = site.problem;
      return;
    }
    const answers = await Promise.all(
      site.data.languages.map((lang) =>
        call<Counters>("GET", `/api/v1/counters?lang=${encodeURIComponent(lang)}`, fresh),
      ),
    );
    const failed = answers.find((answer) => !answer.ok);
    if (failed && !failed.ok) {
      this.problem = failed.problem;
      return;
    }
    this.languages = site.data.languages;
    this.boards = Object.fromEntries(
      answers.flatMap((answer, at) => (answer.ok ? [[site.data.languages[at], answer.data]] : [])),
    );
  }

  /** The counter's forms in each language it has a sentence in; a missing category reads as `other`. */
  #sentencesOf(slug: string): Sentences {
    return Object.fromEntries(
      this.languages.flatMap((lang) => {
        const counter = this.boards[lang]?.counters.find((c) => c.slug === slug);
        if (!counter || counter.lang !== lang) return [];
        const forms = Object.fromEntries(
          pluralCategories(lang).map((category) => [
            category,
            counter.forms[category] ?? counter.forms.other ?? "",
          ]),
        );
        return [[lang, forms]];
      }),
    );
  }

  async #save(): Promise<void> {
    const { editing, version, slug, since } = this.draft;
    const sentences = written(this.draft.sentences);
    const answer = editing
      ? await call("PATCH", `/api/v1/counters/${editing}`, {
          json: { since, sentences },
          headers: { "If-Match": `"v${version}"` },
        })
      : await call("POST", "/api/v1/counters", { json: { slug, since, sentences } });
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
    const [, lang, category] = /^sentences\.([^.]+)\.(.+)$/.exec(input.name) ?? [];
    if (lang && category) {
      const { sentences } = this.draft;
      this.draft = {
        ...this.draft,
        sentences: { ...sentences, [lang]: { ...sentences[lang], [category]: input.value } },
      };
    } else this.draft = { ...this.draft, [input.name]: input.value };
  };

  /** One language's forms, a field per plural category, with the preview beside them. */
  #language(lang: string, required: boolean, errors: Map<string, string>, today: string) {
    const forms = this.draft.sentences[lang] ?? {};
    const preview = sentencePreview(this.draft, lang, today);

    return html`<fieldset class="sentence" lang=${lang}>
      <legend lang="en">${languageName(lang)}${required ? ", required" : ", optional"}</legend>
      ${pluralCategories(lang).map((category) =>
        field(
          `${category} (${countExamples(lang, category)})`,
          `sentences.${lang}.${category}`,
          errors,
          (a) => html`<input id=${a.id} name=${`sentences.${lang}.${category}`} ?required=${required}
            .value=${forms[category] ?? ""} placeholder="{days} …"
            aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing} />`,
        ),
      )}
      <div class="preview" aria-live="polite">
        ${
          typeof preview === "string"
            ? html`<p><strong>Today (${today}):</strong> ${preview}</p>`
            : html`<p><strong>Today (${today}):</strong> ${preview.today}</p>
              <ul>
                ${preview.samples.map(
                  (text, at) => html`<li><span class="hint">${SAMPLE_COUNTS[at]}:</span> ${text}</li>`,
                )}
              </ul>`
        }
      </div>
    </fieldset>`;
  }

  override render() {
    const errors = fieldErrors(this.problem);
    const [first] = this.languages;
    const board = first === undefined ? undefined : this.boards[first];
    const today = board ? dateInZone(Date.now(), board.time_zone) : "";
    const d = this.draft;
    return html`<h1 tabindex="-1">Counters</h1>
      ${this.message ? html`<p class="message" role="status">${this.message}</p>` : nothing}
      ${problemSummary(this.problem)}
      ${
        board
          ? html`<ul class="counters">
            ${board.counters.map(
              (counter) => html`<li>
                <p>${counter.text}</p>
                <p class="hint">${counter.slug} · since ${counter.since}</p>
                <button type="button" class="quiet" @click=${() => {
                  this.draft = {
                    editing: counter.slug,
                    version: counter.version,
                    slug: counter.slug,
                    since: counter.since,
                    sentences: this.#sentencesOf(counter.slug),
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
        <p class="hint">
          The sentence in each of the site's languages, one form for each count the language tells apart
          (its plural categories): {days} becomes the count of whole days in the site's time zone, {since}
          the date counted from.
        </p>
        ${this.languages.map((lang, at) => this.#language(lang, at === 0, errors, today))}
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
