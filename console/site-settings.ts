import { html, nothing } from "lit";
import { canonical } from "../widget/language-tag";
import { isTimeZone, longDate, wallTime } from "../widget/time";
import { lookupLanguage } from "../worker/languages";
import type { EditorSite, SiteTranslation } from "../worker/schemas/site";
import { call, type Problem } from "./api";
import { field, fieldErrors, problemSummary } from "./form";
import { languageName } from "./languages";
import { LightElement } from "./light";

const ZONES = Intl.supportedValuesOf("timeZone");

/** Why `tag` cannot be added to `languages`, if it cannot. */
function refusalOf(tag: string, languages: string[]): string | undefined {
  const spelt = canonical(tag);
  if (!/^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag) || !spelt)
    return "must be a BCP 47 language tag such as ru or pt-BR";
  if (spelt !== tag) return `must be spelt ${spelt}`;
  if (languages.some((lang) => lang.toLowerCase() === tag.toLowerCase()))
    return "is one of the site's languages already";
  return undefined;
}

/**
 * `words` with the part at `path` (`name`, `clocks.1`, `contacts.phone`,
 * `contacts.fields.0.label`) set; an empty value falls back to the default
 * language's, so it is left out.
 */
function withWord(words: SiteTranslation, site: EditorSite, path: string[], raw: string): SiteTranslation {
  const value = raw === "" ? undefined : raw;
  const [part, at, index, key] = path;
  if (part === "name") return { ...words, name: value };
  if (part === "clocks") {
    return {
      ...words,
      clocks: site.clocks.map((_, i) => (i === Number(at) ? value : words.clocks?.[i]) ?? null),
    };
  }
  const contacts = words.contacts ?? {};
  if (at !== "fields") return { ...words, contacts: { ...contacts, [at]: value } };
  const fields = (site.contacts.fields ?? []).map((_, i) => {
    const field = { ...contacts.fields?.[i], ...(i === Number(index) && { [key]: value }) };
    return field.label === undefined && field.value === undefined ? null : field;
  });
  return { ...words, contacts: { ...contacts, fields } };
}

/** A translation cut to the site's lists, which may have lost a clock since it was written. */
function fitted(words: SiteTranslation, site: EditorSite): SiteTranslation {
  const fields = site.contacts.fields?.length ?? 0;
  return {
    ...words,
    ...(words.clocks && { clocks: words.clocks.slice(0, site.clocks.length) }),
    ...(words.contacts?.fields && {
      contacts: { ...words.contacts, fields: words.contacts.fields.slice(0, fields) },
    }),
  };
}

/**
 * The site's settings: name, zone, locale, date format, clocks (previewed
 * live), contacts, its languages and its words in each, saved in one PATCH.
 *
 * @element console-site
 */
export class ConsoleSite extends LightElement {
  static override properties = {
    site: { state: true },
    problem: { state: true },
    message: { state: true },
    dirty: { state: true },
    newLanguage: { state: true },
    languageError: { state: true },
  };

  declare site?: EditorSite;
  declare problem?: Problem;
  declare message?: string;
  /** Changes not saved yet: a new default language waits for them. */
  declare dirty: boolean;
  declare newLanguage: string;
  declare languageError?: string;

  constructor() {
    super();
    this.dirty = false;
    this.newLanguage = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  async load(): Promise<void> {
    const answer = await call<EditorSite>("GET", "/api/v1/site/settings");
    if (answer.ok) this.site = answer.data;
    else this.problem = answer.problem;
  }

  #change(change: Partial<EditorSite>): void {
    if (!this.site) return;
    this.site = { ...this.site, ...change };
    this.dirty = true;
  }

  #addLanguage(): void {
    const site = this.site;
    if (!site) return;
    const tag = this.newLanguage.trim();
    this.languageError = refusalOf(tag, site.languages);
    if (this.languageError) return;
    this.#change({ languages: [...site.languages, tag] });
    this.newLanguage = "";
  }

  #removeLanguage(tag: string): void {
    const site = this.site;
    if (!site) return;
    const { [tag]: _dropped, ...translations } = site.translations;
    this.#change({ languages: site.languages.filter((lang) => lang !== tag), translations });
  }

  /** Saved at once, alone: the server brings the language's words forward, and the form shows them. */
  async #makeDefault(tag: string): Promise<void> {
    const site = this.site;
    if (!site) return;
    const languages = [tag, ...site.languages.filter((lang) => lang !== tag)];
    await this.#send(
      { languages },
      `${languageName(tag)} is now the default language; its words are the site's own.`,
    );
  }

  #onInput = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const site = this.site;
    if (!site) return;
    const [group, index, key] = input.name.split(".");
    if (group === "translations") {
      const words = withWord(
        site.translations[index] ?? {},
        site,
        input.name.split(".").slice(2),
        input.value,
      );
      this.#change({ translations: { ...site.translations, [index]: words } });
    } else if (group === "clocks") {
      this.#change({
        clocks: site.clocks.map((clock, at) =>
          at === Number(index) ? { ...clock, [key]: input.value } : clock,
        ),
      });
    } else if (group === "websub_hub") {
      // An empty field means no hub, which the API writes as null.
      this.#change({ websub_hub: input.value.trim() || null });
    } else if (group === "contacts") {
      this.#change({ contacts: { ...site.contacts, [index]: input.value || undefined } });
    } else {
      this.#change({ [group]: input.type === "checkbox" ? input.checked : input.value });
    }
  };

  async #save(): Promise<void> {
    const site = this.site;
    if (!site) return;
    const { version: _version, catalogues: _catalogues, ...settings } = site;
    const translations = Object.fromEntries(
      Object.entries(site.translations).map(([lang, words]) => [lang, fitted(words, site)]),
    );
    await this.#send({ ...settings, translations }, "Saved. The site and the widget show the change now.");
  }

  async #send(patch: Partial<EditorSite>, saved: string): Promise<void> {
    if (!this.site) return;
    const answer = await call<EditorSite>("PATCH", "/api/v1/site", {
      json: patch,
      headers: { "If-Match": `"v${this.site.version}"` },
    });
    if (answer.ok) {
      this.site = answer.data;
      this.dirty = false;
      this.problem = undefined;
      this.message = saved;
    } else {
      this.problem = answer.problem;
      this.message = undefined;
    }
  }

  override render() {
    const site = this.site;
    if (!site) return html`<h1 tabindex="-1">Site</h1>${problemSummary(this.problem)}`;
    const errors = fieldErrors(this.problem);
    const now = Date.now();
    const input =
      (name: string, value: string, type = "text") =>
      (a: { id: string; invalid: boolean; describedBy?: string }) =>
        html`<input id=${a.id} type=${type} name=${name} .value=${value} aria-invalid=${a.invalid ? "true" : "false"}
        aria-describedby=${a.describedBy ?? nothing} />`;
    return html`<h1 tabindex="-1">Site</h1>
      ${this.message ? html`<p class="message" role="status">${this.message}</p>` : nothing}
      ${problemSummary(this.problem)}
      <form class="site" @input=${this.#onInput} @change=${this.#onInput} @submit=${(event: Event) => {
        event.preventDefault();
        this.#save();
      }}>
        ${field("Name", "name", errors, input("name", site.name))}
        ${field(
          "Time zone",
          "time_zone",
          errors,
          (a) => html`<select id=${a.id} name="time_zone" aria-invalid=${a.invalid ? "true" : "false"}>
            ${ZONES.map((zone) => html`<option ?selected=${zone === site.time_zone}>${zone}</option>`)}
          </select>`,
          `Today there: ${isTimeZone(site.time_zone) ? longDate(now, site.time_zone, site.locale) : "—"}`,
        )}
        ${field("Locale", "locale", errors, input("locale", site.locale), "A BCP 47 tag, e.g. en-GB or ru-RU.")}
        ${field("Date format", "date_format", errors, input("date_format", site.date_format), "DD, MM, YYYY and separators, e.g. DD.MM.YYYY.")}
        <fieldset>
          <legend>Clocks</legend>
          ${site.clocks.map(
            (clock, index) => html`<div class="row clock">
              ${field(`Clock ${index + 1} label`, `clocks.${index}.label`, errors, input(`clocks.${index}.label`, clock.label))}
              ${field(
                `Clock ${index + 1} zone`,
                `clocks.${index}.time_zone`,
                errors,
                (a) => html`<select id=${a.id} name="clocks.${index}.time_zone"
                  aria-invalid=${a.invalid ? "true" : "false"}>
                  ${ZONES.map((zone) => html`<option ?selected=${zone === clock.time_zone}>${zone}</option>`)}
                </select>`,
              )}
              <output aria-label="${clock.label} now">${isTimeZone(clock.time_zone) ? wallTime(now, clock.time_zone, {}, site.locale) : "—"}</output>
              <button type="button" class="quiet" @click=${() => this.#change({ clocks: site.clocks.filter((_, at) => at !== index) })}>Remove</button>
            </div>`,
          )}
          <button type="button" class="quiet" @click=${() => this.#change({ clocks: [...site.clocks, { label: "London", time_zone: "Europe/London" }] })}>Add a clock</button>
        </fieldset>
        <fieldset>
          <legend>Contacts</legend>
          ${field("Phone", "contacts.phone", errors, input("contacts.phone", site.contacts.phone ?? "", "tel"))}
          ${field("E-mail", "contacts.email", errors, input("contacts.email", site.contacts.email ?? "", "email"))}
          ${field("Address", "contacts.address", errors, input("contacts.address", site.contacts.address ?? ""))}
        </fieldset>
        ${this.#languages(site, errors)}
        ${site.languages.slice(1).map((lang) => this.#translation(site, lang, errors))}
        <fieldset>
          <legend>Clearance</legend>
          <label class="check"><input type="checkbox" name="approver_must_differ" ?checked=${site.approver_must_differ}
            aria-describedby="approver-must-differ-hint" /> The approver must be someone other than the author</label>
          <p class="hint" id="approver-must-differ-hint">On, no one approves their own text: a second pair of eyes reads every piece.</p>
        </fieldset>
        <fieldset>
          <legend>Feed updates</legend>
          ${field(
            "WebSub hub",
            "websub_hub",
            errors,
            input("websub_hub", site.websub_hub ?? "", "url"),
            "An https address. The feeds name it, and feed readers subscribed through it hear of a new publication at once; leave empty for none.",
          )}
        </fieldset>
        <p class="actions"><button type="submit">Save settings</button></p>
      </form>
      <console-emblem></console-emblem>`;
  }

  #languages(site: EditorSite, errors: Map<string, string>) {
    const error = errors.get("languages");
    return html`<fieldset class="languages">
      <legend>Languages</legend>
      <p class="hint">Readers get the site in each of these; the first is the default, whose words the other
        languages fall back to.</p>
      ${error ? html`<p class="field-error" id="field-languages-error">Languages: ${error}</p>` : nothing}
      <ul>
        ${site.languages.map(
          (lang, at) => html`<li class="language">
            <span>${languageName(lang)}</span>${at === 0 ? html` <strong>default</strong>` : nothing}
            ${
              lookupLanguage(lang, site.catalogues)
                ? nothing
                : html`<p class="hint warning">${languageName(lang)} has no interface catalogue; pages in it
                    use ${languageName(site.languages[0])} labels.</p>`
            }
            ${
              at === 0
                ? nothing
                : html`<button type="button" class="quiet" ?disabled=${this.dirty}
                    title=${this.dirty ? "Save your changes first" : nothing}
                    @click=${() => this.#makeDefault(lang)}>Make ${languageName(lang)} the default</button>
                  <button type="button" class="quiet" @click=${() => this.#removeLanguage(lang)}>Remove ${languageName(lang)}</button>`
            }
          </li>`,
        )}
      </ul>
      <div class="row">
        <div class="field ${this.languageError ? "has-error" : ""}">
          <label for="field-new-language">Add a language</label>
          <input id="field-new-language" .value=${this.newLanguage} placeholder="e.g. ru or pt-BR"
            aria-invalid=${this.languageError ? "true" : "false"}
            aria-describedby=${this.languageError ? "field-new-language-error" : nothing}
            @input=${(event: Event) => {
              event.stopPropagation();
              this.newLanguage = (event.target as HTMLInputElement).value;
            }}
            @change=${(event: Event) => event.stopPropagation()}
            @keydown=${(event: KeyboardEvent) => {
              if (event.key !== "Enter") return;
              event.preventDefault();
              this.#addLanguage();
            }} />
          ${
            this.languageError
              ? html`<p class="field-error" id="field-new-language-error">Add a language: ${this.languageError}</p>`
              : nothing
          }
        </div>
        <p><button type="button" @click=${() => this.#addLanguage()}>Add</button></p>
      </div>
    </fieldset>`;
  }

  /** One language's words, each input showing the default language's as its placeholder. */
  #translation(site: EditorSite, lang: string, errors: Map<string, string>) {
    const words = site.translations[lang] ?? {};
    const name = languageName(lang);
    const input =
      (path: string, value: string | null | undefined, fallback: string | undefined, type = "text") =>
      (a: { id: string; invalid: boolean; describedBy?: string }) =>
        html`<input id=${a.id} type=${type} name="translations.${lang}.${path}" lang=${lang} .value=${value ?? ""}
          placeholder=${fallback ?? ""} aria-invalid=${a.invalid ? "true" : "false"}
          aria-describedby=${a.describedBy ?? nothing} />`;
    const at = (path: string) => `translations.${lang}.${path}`;
    const fields = site.contacts.fields ?? [];
    return html`<fieldset class="translation">
      <legend>Translations: ${name}</legend>
      <p class="hint">What is left empty shows the ${languageName(site.languages[0])} words.</p>
      ${field(`Name in ${name}`, at("name"), errors, input("name", words.name, site.name))}
      ${site.clocks.map((clock, index) =>
        field(
          `Clock ${index + 1} label in ${name}`,
          at(`clocks.${index}`),
          errors,
          input(`clocks.${index}`, words.clocks?.[index], clock.label),
        ),
      )}
      ${errors.has(at("clocks")) ? html`<p class="field-error">Clock labels: ${errors.get(at("clocks"))}</p>` : nothing}
      ${field(`Phone in ${name}`, at("contacts.phone"), errors, input("contacts.phone", words.contacts?.phone, site.contacts.phone, "tel"))}
      ${field(`E-mail in ${name}`, at("contacts.email"), errors, input("contacts.email", words.contacts?.email, site.contacts.email, "email"))}
      ${field(`Address in ${name}`, at("contacts.address"), errors, input("contacts.address", words.contacts?.address, site.contacts.address))}
      ${fields.map(
        (contact, index) => html`<div class="row">
          ${field(
            `Contact field ${index + 1} label in ${name}`,
            at(`contacts.fields.${index}.label`),
            errors,
            input(`contacts.fields.${index}.label`, words.contacts?.fields?.[index]?.label, contact.label),
          )}
          ${field(
            `Contact field ${index + 1} value in ${name}`,
            at(`contacts.fields.${index}.value`),
            errors,
            input(`contacts.fields.${index}.value`, words.contacts?.fields?.[index]?.value, contact.value),
          )}
        </div>`,
      )}
    </fieldset>`;
  }
}
