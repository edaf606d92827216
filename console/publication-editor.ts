import { html, nothing, type PropertyValues } from "lit";
import { unsafeHTML } from "lit/directives/unsafe-html.js";
import type { EditorPublication, PublicationInput } from "../worker/schemas/publication-input";
import { KINDS, LEVELS } from "../worker/vocabulary";
import { call, type Problem, upload } from "./api";
import { type Cleared, gated, goesOutUnapproved, refused } from "./clearance";
import { type Comparison, compare, comparison, textOf, type Version } from "./compare";
import { field, fieldErrors, problemSummary } from "./form";
import { LightElement } from "./light";
import { standing } from "./publications";
import { readSession } from "./session";

interface FormValues {
  title: string;
  slug: string;
  kind: string;
  /** An alert's level; empty until one is chosen, and for other kinds. */
  level: string;
  lang: string;
  lead: string;
  body: string;
  body_format: PublicationInput["body_format"];
  /** A `datetime-local` value, in the editor's own zone. */
  published_at: string;
  featured: boolean;
  tags: string;
  translation_group: string;
  /** A `datetime-local` value, in the editor's own zone; empty for never. */
  expires_at: string;
  /** A public note on an edit of a published text. */
  change_note: string;
  minor: boolean;
}

interface Revision {
  version: number;
  changed_by: string | null;
  created_at: string;
  status: string;
  title: string;
}

/** A revision's fields, as the API returns them. */
type RevisionFields = Omit<EditorPublication, "id" | "version" | "created_at" | "updated_at">;

const PREVIEW_DELAY_MS = 300;
const editorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** An instant as a `datetime-local` value in the editor's zone ("sv-SE" writes ISO-like dates). */
export function toLocalInput(iso: string): string {
  const parts = new Intl.DateTimeFormat("sv-SE", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
  return parts.replace(" ", "T");
}

/** A saved version or a revision, as a comparison shows it. */
const versionOf = (label: string, fields: Pick<RevisionFields, "title" | "lead" | "body_html">): Version => ({
  label,
  title: fields.title,
  lead: fields.lead,
  body: textOf(fields.body_html),
});

const yourText = (values: FormValues): Version => ({
  label: "Your text",
  title: values.title,
  lead: values.lead,
  body: textOf(values.body, values.body_format),
});

const blank = (): FormValues => ({
  title: "",
  slug: "",
  kind: "news",
  level: "",
  lang: "en",
  lead: "",
  body: "",
  body_format: "markdown",
  published_at: "",
  featured: false,
  tags: "",
  translation_group: "",
  expires_at: "",
  change_note: "",
  minor: false,
});

function valuesOf(publication: EditorPublication): FormValues {
  return {
    title: publication.title,
    slug: publication.slug,
    kind: publication.kind,
    level: publication.level ?? "",
    lang: publication.lang,
    lead: publication.lead,
    body: publication.body_markdown ?? publication.body_html,
    body_format: publication.body_markdown === null ? "html" : "markdown",
    published_at: toLocalInput(publication.published_at),
    featured: publication.featured,
    tags: publication.tags.join(", "),
    translation_group: publication.translation_group ?? "",
    expires_at: publication.expires_at ? toLocalInput(publication.expires_at) : "",
    change_note: "",
    minor: false,
  };
}

/** What an edit of a published text tells readers: its note, or that it is minor. */
function editNoteOf(values: FormValues) {
  if (values.minor) return { minor: true };
  const note = values.change_note.trim();
  return note ? { change_note: note } : {};
}

/**
 * The API's fields from the form: empty optional ones are left for the API's
 * defaults. `published` says the text is out, so the edit may carry a note;
 * `withoutApproval` is the publisher's reason for putting out a text no
 * second reader approved.
 */
function payloadOf(
  values: FormValues,
  status: PublicationInput["status"],
  published: boolean,
  withoutApproval?: string,
) {
  return {
    title: values.title,
    ...(values.slug ? { slug: values.slug } : {}),
    kind: values.kind,
    // Only an alert has a level: the API names the field when an alert lacks one.
    level: values.kind === "alert" ? values.level || null : null,
    lang: values.lang,
    lead: values.lead,
    body: values.body,
    body_format: values.body_format,
    ...(values.published_at ? { published_at: new Date(values.published_at).toISOString() } : {}),
    status,
    featured: values.featured,
    tags: values.tags
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
    translation_group: values.translation_group || null,
    expires_at: values.expires_at ? new Date(values.expires_at).toISOString() : null,
    ...(published ? editNoteOf(values) : {}),
    ...(withoutApproval === undefined ? {} : { without_approval: withoutApproval }),
  };
}

/**
 * Writes one publication: Markdown with a live preview of the sanitized
 * result, images uploaded in place, drafts, publishing and scheduling,
 * archiving, revisions compared and restored, and a version conflict shown
 * side by side instead of losing either text.
 *
 * @element console-publication-editor
 */
export class ConsolePublicationEditor extends LightElement {
  static override properties = {
    publicationId: { attribute: false },
    values: { state: true },
    saved: { state: true },
    preview: { state: true },
    problem: { state: true },
    theirs: { state: true },
    revisions: { state: true },
    compared: { state: true },
    yours: { state: true },
    progress: { state: true },
    message: { state: true },
    withdrawing: { state: true },
    publishingUnapproved: { state: true },
  };

  declare publicationId?: number;
  declare values: FormValues;
  declare saved?: EditorPublication;
  declare preview?: string;
  declare problem?: Problem;
  /** The version someone else saved while this form was open. */
  declare theirs?: EditorPublication;
  declare revisions?: Revision[];
  declare compared?: { version: number; fields: RevisionFields };
  /** The form as the conflict compares it with theirs: taken when typing pauses. */
  declare yours?: Version;
  declare progress?: number;
  declare message?: string;
  /** The reason typed while a withdrawal is being asked for; undefined when none is. */
  declare withdrawing?: string;
  /** The reason typed while publishing without approval is being asked for; undefined when it is not. */
  declare publishingUnapproved?: string;

  #etag?: string;
  #idempotencyKey = crypto.randomUUID();
  #previewTimer?: ReturnType<typeof setTimeout>;
  #yoursTimer?: ReturnType<typeof setTimeout>;
  #revisionComparison?: Comparison;
  #conflictComparison?: Comparison;
  #session = readSession();

  constructor() {
    super();
    this.values = blank();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.publicationId !== undefined) this.load(this.publicationId);
  }

  // A word diff of a long text is the costliest thing the editor does: made
  // when the versions it compares change, not on each keystroke.
  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("compared") || changed.has("saved"))
      this.#revisionComparison =
        this.compared && this.saved
          ? compare(
              versionOf(`Version ${this.compared.version}`, this.compared.fields),
              versionOf(`Current (version ${this.saved.version})`, this.saved),
            )
          : undefined;
    if (changed.has("theirs") || changed.has("yours"))
      this.#conflictComparison =
        this.theirs && this.yours
          ? compare(versionOf(`Saved version ${this.theirs.version}`, this.theirs), this.yours)
          : undefined;
  }

  async load(id: number): Promise<void> {
    const answer = await call<EditorPublication>("GET", `/api/v1/publications/by-id/${id}`);
    if (!answer.ok) {
      this.problem = answer.problem;
      return;
    }
    this.#take(answer);
    this.loadRevisions();
  }

  async loadRevisions(): Promise<void> {
    if (!this.saved) return;
    const answer = await call<{ revisions: Revision[] }>(
      "GET",
      `/api/v1/publications/by-id/${this.saved.id}/revisions`,
    );
    if (answer.ok) this.revisions = answer.data.revisions;
  }

  #take(answer: Cleared): void {
    this.saved = answer.data;
    this.#etag = answer.etag ?? `"v${answer.data.version}"`;
    this.values = valuesOf(answer.data);
    this.problem = undefined;
    this.theirs = undefined;
    this.#schedulePreview();
  }

  #set<K extends keyof FormValues>(name: K, value: FormValues[K]): void {
    this.values = { ...this.values, [name]: value };
    if (name === "body" || name === "body_format") this.#schedulePreview();
    if (this.theirs) this.#scheduleYours();
  }

  #scheduleYours(): void {
    clearTimeout(this.#yoursTimer);
    this.#yoursTimer = setTimeout(() => {
      this.yours = yourText(this.values);
    }, PREVIEW_DELAY_MS);
  }

  #onInput = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const name = input.name as keyof FormValues;
    if (!(name in this.values)) return;
    this.#set(name, (input.type === "checkbox" ? input.checked : input.value) as never);
  };

  #schedulePreview(): void {
    clearTimeout(this.#previewTimer);
    this.#previewTimer = setTimeout(() => this.#renderPreview(), PREVIEW_DELAY_MS);
  }

  async #renderPreview(): Promise<void> {
    const { body, body_format } = this.values;
    const answer = await call<{ body_html: string }>("POST", "/api/v1/previews", {
      json: { body, body_format },
    });
    this.preview = answer.ok ? answer.data.body_html : undefined;
    if (!answer.ok) this.problem = answer.problem;
  }

  /** Publishing a text no second reader approved asks the publisher why, first. */
  #publish(): void {
    if (goesOutUnapproved(this.#session, this.saved) && this.publishingUnapproved === undefined) {
      this.publishingUnapproved = "";
      this.updateComplete.then(() => this.querySelector<HTMLElement>("#field-without_approval")?.focus());
      return;
    }
    this.#save("published", this.#etag, this.publishingUnapproved);
  }

  async #save(
    status: PublicationInput["status"],
    etag = this.#etag,
    withoutApproval?: string,
  ): Promise<void> {
    this.message = undefined;
    const json = payloadOf(this.values, status, this.saved?.status === "published", withoutApproval);
    const answer = this.saved
      ? await call<EditorPublication>("PATCH", `/api/v1/publications/by-id/${this.saved.id}`, {
          json,
          headers: { "If-Match": etag ?? "" },
        })
      : await call<EditorPublication>("POST", "/api/v1/publications", {
          json,
          headers: { "Idempotency-Key": this.#idempotencyKey },
        });
    if (answer.ok) {
      const created = !this.saved;
      this.publishingUnapproved = undefined;
      this.#take(answer);
      this.message = `Saved as version ${answer.data.version}: ${answer.data.status}.`;
      if (created) history.replaceState(null, "", `#/publications/${answer.data.id}`);
      this.loadRevisions();
      return;
    }
    if (answer.status === 412) {
      this.theirs = (answer.data as { current: EditorPublication }).current;
      this.yours = yourText(this.values);
      this.problem = undefined;
      await this.updateComplete;
      this.querySelector<HTMLElement>(".conflict")?.focus();
      return;
    }
    this.#show(answer.problem);
  }

  async #show(problem: Problem): Promise<void> {
    this.problem = problem;
    await this.updateComplete;
    this.querySelector<HTMLElement>(".problem")?.focus();
  }

  async #archiveOrRestore(): Promise<void> {
    if (!this.saved) return;
    const archived = this.saved.status === "archived";
    const answer = archived
      ? await call<EditorPublication>("POST", `/api/v1/publications/by-id/${this.saved.id}/restore`)
      : await call<EditorPublication>("DELETE", `/api/v1/publications/by-id/${this.saved.id}`, {
          headers: { "If-Match": this.#etag ?? "" },
        });
    if (!answer.ok) return this.#show(answer.problem);
    this.#take(answer);
    this.message = archived ? "Restored." : "Archived: it has left the site, and can be restored.";
    this.loadRevisions();
  }

  async #withdraw(): Promise<void> {
    if (!this.saved || this.withdrawing === undefined) return;
    const answer = await call<EditorPublication>(
      "POST",
      `/api/v1/publications/by-id/${this.saved.id}/withdraw`,
      {
        json: { reason: this.withdrawing },
        headers: { "If-Match": this.#etag ?? "" },
      },
    );
    if (!answer.ok) return this.#show(answer.problem);
    this.#take(answer);
    this.withdrawing = undefined;
    this.message =
      "Withdrawn: the text stays at its address under your reason, and has left lists and search.";
    this.loadRevisions();
  }

  #withdrawal() {
    const saved = this.saved;
    if (!saved) return nothing;
    if (saved.withdrawn_at) {
      return html`<p class="message withdrawn">Withdrawn on ${new Date(saved.withdrawn_at).toLocaleString()}: ${saved.withdrawal_reason}</p>`;
    }
    if (this.withdrawing === undefined) return nothing;
    const errors = fieldErrors(this.problem);
    return html`<section class="withdrawal" aria-labelledby="withdrawal-title">
      <h2 id="withdrawal-title">Withdraw this text</h2>
      ${field(
        "Reason",
        "reason",
        errors,
        (a) => html`<textarea id=${a.id} name="reason" rows="2" .value=${this.withdrawing ?? ""}
          aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing}
          @input=${(event: Event) => {
            this.withdrawing = (event.target as HTMLTextAreaElement).value;
          }}></textarea>`,
        "Readers see it under the text: “Withdrawn on DATE: REASON”. The text leaves lists, search and the sitemap.",
      )}
      <p class="actions">
        <button type="button" @click=${() => this.#withdraw()}>Withdraw</button>
        <button type="button" class="quiet" @click=${() => {
          this.withdrawing = undefined;
        }}>Cancel</button>
      </p>
    </section>`;
  }

  #unapproved() {
    if (this.publishingUnapproved === undefined) return nothing;
    const errors = fieldErrors(this.problem);
    return html`<section class="without-approval" aria-labelledby="without-approval-title">
      <h2 id="without-approval-title">Publish without approval</h2>
      <p>No second reader has approved this text. The audit log keeps your reason.</p>
      ${field(
        "Why this goes out without a second reader's approval",
        "without_approval",
        errors,
        (
          a,
        ) => html`<textarea id=${a.id} name="without_approval" rows="2" .value=${this.publishingUnapproved ?? ""}
          aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing}
          @input=${(event: Event) => {
            this.publishingUnapproved = (event.target as HTMLTextAreaElement).value;
          }}></textarea>`,
      )}
      <p class="actions">
        <button type="button" ?disabled=${(this.publishingUnapproved ?? "").trim() === ""} @click=${() => this.#publish()}>Publish without approval</button>
        <button type="button" class="quiet" @click=${() => {
          this.publishingUnapproved = undefined;
        }}>Cancel</button>
      </p>
    </section>`;
  }

  #clearance() {
    const saved = this.saved;
    if (!saved) return nothing;
    return html`<console-clearance .piece=${saved} .etag=${this.#etag ?? ""} .session=${this.#session}
      @cleared=${(event: CustomEvent<Cleared>) => {
        this.#take(event.detail);
        this.message = `Now ${event.detail.data.status}.`;
      }}
      @problem=${(event: CustomEvent<Problem>) => this.#show(event.detail)}></console-clearance>`;
  }

  async #compare(version: number): Promise<void> {
    if (!this.saved) return;
    const answer = await call<RevisionFields & { version: number }>(
      "GET",
      `/api/v1/publications/by-id/${this.saved.id}/revisions/${version}`,
    );
    if (!answer.ok) return this.#show(answer.problem);
    this.compared = { version, fields: answer.data };
  }

  async #restoreRevision(version: number): Promise<void> {
    if (!this.saved) return;
    const answer = await call<EditorPublication>(
      "POST",
      `/api/v1/publications/by-id/${this.saved.id}/revisions/${version}/restore`,
      { headers: { "If-Match": this.#etag ?? "" } },
    );
    if (!answer.ok) return this.#show(answer.problem);
    this.#take(answer);
    this.compared = undefined;
    this.message = `Version ${version} restored as version ${answer.data.version}.`;
    this.loadRevisions();
  }

  async #insertImage(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.progress = 0;
    const answer = await upload<{ url: string }>("/api/v1/media", file, (fraction) => {
      this.progress = fraction;
    });
    this.progress = undefined;
    input.value = "";
    if (!answer.ok) return this.#show(answer.problem);
    const alt = file.name.replace(/\.[^.]+$/, "").replaceAll(/[-_]+/g, " ");
    // The site's own path, not this host: the body stays right wherever the site is served.
    const src = new URL(answer.data.url).pathname;
    const markup =
      this.values.body_format === "markdown" ? `![${alt}](${src})` : `<img src="${src}" alt="${alt}">`;
    const body = this.querySelector<HTMLTextAreaElement>("textarea[name=body]");
    const at = body?.selectionStart ?? this.values.body.length;
    this.#set(
      "body",
      `${this.values.body.slice(0, at)}\n\n${markup}\n\n${this.values.body.slice(at)}`.trim(),
    );
    this.message = `Image uploaded and inserted: ${src}`;
  }

  #conflict() {
    const theirs = this.theirs;
    if (!theirs || !this.#conflictComparison) return nothing;
    return html`<section class="conflict" role="alert" tabindex="-1" aria-labelledby="conflict-title">
      <h2 id="conflict-title">Someone else saved this publication while you were editing</h2>
      <p>Version ${theirs.version} was saved on ${new Date(theirs.updated_at).toLocaleString()}. Nothing is lost: choose which text to keep.</p>
      ${comparison(this.#conflictComparison)}
      <p class="actions">
        <button type="button" @click=${() => this.#save(theirs.status === "published" || theirs.status === "scheduled" ? "published" : "draft", `"v${theirs.version}"`)}>
          Keep mine (save over version ${theirs.version})
        </button>
        <button type="button" class="quiet" @click=${() => this.#take({ ok: true, status: 200, data: theirs, etag: `"v${theirs.version}"` })}>
          Take theirs (discard my changes)
        </button>
      </p>
    </section>`;
  }

  /** Only a text not out yet has preview links: a published one is read at its own address. */
  #previewLinks() {
    const saved = this.saved;
    if (!saved || refused("preview", this.#session, saved)) return nothing;
    return html`<console-preview-links publication-id=${saved.id}></console-preview-links>`;
  }

  #revisions() {
    if (!this.revisions || !this.saved) return nothing;
    const saved = this.saved;
    return html`<section aria-labelledby="revisions-title">
      <h2 id="revisions-title">Revisions</h2>
      <table>
        <thead><tr><th scope="col">Version</th><th scope="col">Saved</th><th scope="col">By</th><th scope="col">Status</th><th scope="col">Title</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          ${this.revisions.map(
            (revision) => html`<tr>
              <td>${revision.version}</td>
              <td>${new Date(revision.created_at).toLocaleString()}</td>
              <td>${revision.changed_by ?? "—"}</td>
              <td>${revision.status}</td>
              <td>${revision.title}</td>
              <td>${
                revision.version === saved.version
                  ? "current"
                  : html`<button type="button" class="quiet" @click=${() => this.#compare(revision.version)}>Compare</button>
                    <button type="button" class="quiet" @click=${() => this.#restoreRevision(revision.version)}>Restore</button>`
              }</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${
        this.compared && this.#revisionComparison
          ? html`<div class="compared">
            ${comparison(this.#revisionComparison)}
            <button type="button" @click=${() => this.#restoreRevision(this.compared?.version ?? 0)}>Restore version ${this.compared.version}</button>
          </div>`
          : nothing
      }
    </section>`;
  }

  /** The form's buttons, each disabled with the rules' reason when the person may not use it. */
  #actions(future: boolean) {
    const saved = this.saved;
    const gate = (action: Parameters<typeof refused>[0]) => refused(action, this.#session, saved);
    const inReview = saved?.status === "submitted" || saved?.status === "approved";
    const archived = saved?.status === "archived";
    return html`<p class="actions">
      ${gated(future ? "Schedule" : "Publish", gate("publish"), () => this.#publish(), { id: "publish" })}
      ${gated(inReview ? "Save" : "Save as draft", gate("edit"), () => this.#save("draft"), { id: "save", quiet: true })}
      ${
        saved
          ? gated(
              archived ? "Restore" : "Archive",
              gate(archived ? "restore" : "archive"),
              () => this.#archiveOrRestore(),
              { id: "archive", quiet: true },
            )
          : nothing
      }
      ${
        saved?.status === "published" && !saved.withdrawn_at && this.withdrawing === undefined
          ? gated(
              "Withdraw…",
              gate("withdraw"),
              () => {
                this.withdrawing = "";
              },
              { id: "withdraw", quiet: true },
            )
          : nothing
      }
    </p>`;
  }

  override render() {
    const errors = fieldErrors(this.problem);
    const v = this.values;
    const future = v.published_at !== "" && new Date(v.published_at).getTime() > Date.now();
    const text = (name: keyof FormValues, a: { id: string; invalid: boolean; describedBy?: string }) =>
      html`<input id=${a.id} name=${name} .value=${String(v[name])} aria-invalid=${a.invalid ? "true" : "false"}
        aria-describedby=${a.describedBy ?? nothing} />`;
    return html`<h1 tabindex="-1">${this.saved ? `Edit “${this.saved.title}”` : "New publication"}</h1>
      <p><a href="#/publications">← All publications</a>
        ${
          this.saved
            ? html` · ${standing(this.saved)} · version ${this.saved.version}
            ${this.saved.status === "published" ? html` · <a href="/publications/${this.saved.slug}" target="_blank" rel="noopener">View on the site</a>` : nothing}`
            : nothing
        }
      </p>
      ${this.message ? html`<p class="message" role="status">${this.message}</p>` : nothing}
      ${problemSummary(this.problem)} ${this.#conflict()} ${this.#clearance()}
      ${this.saved ? html`<console-translate .publication=${this.saved}></console-translate>` : nothing}
      <form class="publication" @input=${this.#onInput} @change=${this.#onInput} @submit=${(event: Event) => event.preventDefault()}>
        <div class="columns">
          ${this.saved ? html`<console-translation-source .publication=${this.saved}></console-translation-source>` : nothing}
          <div class="fields">
            ${field("Title", "title", errors, (a) => text("title", a))}
            ${field("Slug", "slug", errors, (a) => text("slug", a), "Part of the address; made from the title when left empty.")}
            <div class="row">
              ${field(
                "Kind",
                "kind",
                errors,
                (a) => html`<select id=${a.id} name="kind" aria-invalid=${a.invalid ? "true" : "false"}>
                  ${KINDS.map((kind) => html`<option value=${kind} ?selected=${kind === v.kind}>${kind}</option>`)}
                </select>`,
              )}
              ${
                v.kind === "alert"
                  ? field(
                      "Level",
                      "level",
                      errors,
                      (a) => html`<select id=${a.id} name="level" aria-invalid=${a.invalid ? "true" : "false"}
                        aria-describedby=${a.describedBy ?? nothing}>
                        <option value="" ?selected=${v.level === ""}>Choose…</option>
                        ${LEVELS.map((level) => html`<option value=${level} ?selected=${level === v.level}>${level}</option>`)}
                      </select>`,
                      "Every page shows the alert in this colour until it expires, which an alert must.",
                    )
                  : nothing
              }
              ${field("Language", "lang", errors, (a) => text("lang", a))}
            </div>
            ${field(
              "Lead",
              "lead",
              errors,
              (a) => html`<textarea id=${a.id} name="lead" rows="3" .value=${v.lead}
                aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing}></textarea>`,
            )}
            <fieldset class="format">
              <legend>Body format</legend>
              <label><input type="radio" name="body_format" value="markdown" ?checked=${v.body_format === "markdown"} /> Markdown</label>
              <label><input type="radio" name="body_format" value="html" ?checked=${v.body_format === "html"} /> HTML</label>
            </fieldset>
            ${field(
              "Body",
              "body",
              errors,
              (a) => html`<textarea id=${a.id} name="body" rows="16" .value=${v.body}
                aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing}></textarea>`,
              "Sanitized when saved: the preview shows exactly what the site will show.",
            )}
            <div class="field">
              <label for="insert-image">Insert an image</label>
              <input id="insert-image" type="file" accept="image/*" @change=${this.#insertImage} />
              ${this.progress === undefined ? nothing : html`<progress max="1" .value=${this.progress} aria-label="Upload">${Math.round(this.progress * 100)}%</progress>`}
            </div>
            ${field(
              "Publish at",
              "published_at",
              errors,
              (a) => html`<input type="datetime-local" id=${a.id} name="published_at" .value=${v.published_at}
                aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing} />`,
              `Your time (${editorZone}). Empty means now; a later time schedules it.`,
            )}
            ${field(
              "Expires",
              "expires_at",
              errors,
              (a) => html`<input type="datetime-local" id=${a.id} name="expires_at" .value=${v.expires_at}
                aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing} />`,
              `Your time (${editorZone}). Empty means never; at this time it leaves the site and its address answers “gone”.`,
            )}
            ${field("Tags", "tags", errors, (a) => text("tags", a), "Separated by commas.")}
            <details class="advanced" ?open=${Boolean(errors.get("translation_group"))}>
              <summary>Advanced</summary>
              ${field("Translation group", "translation_group", errors, (a) => text("translation_group", a), "Language versions of one text share a group; “Translate into…” sets it for you.")}
            </details>
            <label class="check"><input type="checkbox" name="featured" ?checked=${v.featured} /> Featured</label>
          </div>
          <section class="preview-pane" aria-labelledby="preview-title">
            <h2 id="preview-title">Preview</h2>
            <article class="preview body" aria-live="polite">${this.preview === undefined ? nothing : unsafeHTML(this.preview)}</article>
          </section>
        </div>
        ${
          this.saved?.status === "published"
            ? html`<fieldset class="change-note">
              <legend>This edit</legend>
              ${field(
                "Change note",
                "change_note",
                errors,
                (a) => html`<input id=${a.id} name="change_note" .value=${v.change_note} ?disabled=${v.minor}
                  aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing} />`,
                "Public: the page shows it under “Updated”, e.g. “Corrected the date of the visit”.",
              )}
              <label class="check"><input type="checkbox" name="minor" ?checked=${v.minor} /> Minor edit (no note, no “Updated”)</label>
            </fieldset>`
            : nothing
        }
        ${this.#actions(future)}
      </form>
      ${this.#unapproved()} ${this.#withdrawal()}
      ${this.#previewLinks()}
      ${this.saved ? html`<console-history .piece=${this.saved}></console-history>` : nothing}
      ${this.#revisions()}`;
  }
}
