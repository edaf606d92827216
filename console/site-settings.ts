import { html, nothing } from "lit";
import { isTimeZone, longDate, wallTime } from "../widget/time";
import type { EditorSite } from "../worker/schemas/site";
import { call, type Problem } from "./api";
import { field, fieldErrors, problemSummary } from "./form";
import { LightElement } from "./light";
import { readSession } from "./session";

const ZONES = Intl.supportedValuesOf("timeZone");

/**
 * The site's settings: name, zone, locale, date format, clocks (previewed
 * live) and contacts, saved in one PATCH.
 *
 * @element console-site
 */
export class ConsoleSite extends LightElement {
  static override properties = { site: { state: true }, problem: { state: true }, message: { state: true } };

  declare site?: EditorSite;
  declare problem?: Problem;
  declare message?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  async load(): Promise<void> {
    const answer = await call<Omit<EditorSite, "approver_must_differ">>("GET", "/api/v1/site", {
      headers: { "Cache-Control": "no-cache" },
    });
    // The public read leaves the clearance policy out; the page carries it.
    if (answer.ok) this.site = { ...answer.data, ...readSession().policy };
    else this.problem = answer.problem;
  }

  #change(change: Partial<EditorSite>): void {
    if (this.site) this.site = { ...this.site, ...change };
  }

  #onInput = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const site = this.site;
    if (!site) return;
    const [group, index, key] = input.name.split(".");
    if (group === "clocks") {
      this.#change({
        clocks: site.clocks.map((clock, at) =>
          at === Number(index) ? { ...clock, [key]: input.value } : clock,
        ),
      });
    } else if (group === "contacts") {
      this.#change({ contacts: { ...site.contacts, [index]: input.value || undefined } });
    } else {
      this.#change({ [group]: input.type === "checkbox" ? input.checked : input.value });
    }
  };

  async #save(): Promise<void> {
    if (!this.site) return;
    const { version, ...settings } = this.site;
    const answer = await call<EditorSite>("PATCH", "/api/v1/site", {
      json: settings,
      headers: { "If-Match": `"v${version}"` },
    });
    if (answer.ok) {
      this.site = answer.data;
      this.problem = undefined;
      this.message = "Saved. The site and the widget show the change now.";
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
        <fieldset>
          <legend>Clearance</legend>
          <label class="check"><input type="checkbox" name="approver_must_differ" ?checked=${site.approver_must_differ}
            aria-describedby="approver-must-differ-hint" /> The approver must be someone other than the author</label>
          <p class="hint" id="approver-must-differ-hint">On, no one approves their own text: a second pair of eyes reads every piece.</p>
        </fieldset>
        <p class="actions"><button type="submit">Save settings</button></p>
      </form>`;
  }
}
