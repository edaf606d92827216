import { html, nothing } from "lit";
import type { Person } from "../worker/schemas/person";
import { ROLES } from "../worker/vocabulary";
import { call } from "./api";
import { field, fieldErrors, problemSummary } from "./form";
import { OutcomeElement } from "./outcome";
import { copyText } from "./preview-links";
import { when } from "./when";

/** A one-time link to sign up with, as the API hands it over once. */
interface Invitation {
  url: string;
  expires_at: string;
}

interface Invitee {
  name: string;
  email: string;
  role: Person["role"];
}

const blank = (): Invitee => ({ name: "", email: "", role: "contributor" });

/**
 * The people who work in the console, for an admin: invite one (the link
 * is shown once, to copy and hand over), change a role, disable or enable
 * an account, sign someone out everywhere, or send a new link.
 *
 * @element console-people
 */
export class ConsolePeople extends OutcomeElement {
  static override properties = {
    people: { state: true },
    invitee: { state: true },
    invited: { state: true },
  };

  declare people?: Person[];
  declare invitee: Invitee;
  /** The link just made and whom it is for: shown apart so it can be copied at once. */
  declare invited?: { name: string; invitation: Invitation };

  constructor() {
    super();
    this.invitee = blank();
  }

  override async load(): Promise<void> {
    const answer = await call<{ people: Person[] }>("GET", "/api/v1/people");
    if (answer.ok) this.people = answer.data.people;
    else this.problem = answer.problem;
  }

  async #invite(): Promise<void> {
    const answer = await call<{ person: Person; invitation: Invitation }>("POST", "/api/v1/people", {
      json: this.invitee,
    });
    if (!(await this.done(answer, `Invited ${this.invitee.name}.`)) || !answer.ok) return;
    this.invited = { name: answer.data.person.name, invitation: answer.data.invitation };
    this.invitee = blank();
    await this.updateComplete;
    this.querySelector<HTMLInputElement>("#invitation-link")?.select();
  }

  async #reinvite(person: Person): Promise<void> {
    const answer = await call<Invitation>("POST", `/api/v1/people/${person.id}/invitations`);
    if (!(await this.done(answer, `A new link for ${person.name}; the earlier one no longer works.`))) return;
    if (answer.ok) this.invited = { name: person.name, invitation: answer.data };
  }

  #change(person: Person, change: Partial<Pick<Person, "role">> & { disabled?: boolean }, message: string) {
    return call<Person>("PATCH", `/api/v1/people/${person.id}`, { json: change }).then((answer) =>
      this.done(answer, message),
    );
  }

  async #signOut(person: Person): Promise<void> {
    const answer = await call("POST", `/api/v1/people/${person.id}/sign-out`);
    await this.done(answer, `${person.name} is signed out everywhere, and their tokens are revoked.`);
  }

  async #copy(url: string): Promise<void> {
    this.message = await copyText(
      url,
      "Copied. The link works once, until it expires: hand it to them alone.",
    );
  }

  #invited() {
    const invited = this.invited;
    if (!invited) return nothing;
    return html`<div class="field made-link">
      <label for="invitation-link">Sign-up link for ${invited.name}, until ${new Date(invited.invitation.expires_at).toLocaleString()}</label>
      <input id="invitation-link" readonly .value=${invited.invitation.url} aria-describedby="invitation-link-hint" />
      <p class="hint" id="invitation-link-hint">Shown this once. It lets them add a passkey, then sign in with it.</p>
      <button type="button" @click=${() => this.#copy(invited.invitation.url)}>Copy</button>
    </div>`;
  }

  #standing(person: Person) {
    if (person.disabled_at)
      return html`<span class="status status-withdrawn">Disabled</span> <span class="when">on ${when(person.disabled_at)}</span>`;
    const signedIn = person.last_signed_in_at
      ? html`last signed in ${when(person.last_signed_in_at)}`
      : "never signed in";
    const invitation = person.invitation_expires_at
      ? html` · link waiting until ${when(person.invitation_expires_at)}`
      : nothing;
    return html`${person.passkeys} passkey${person.passkeys === 1 ? "" : "s"} · ${signedIn}${invitation}`;
  }

  #row(person: Person) {
    const disabled = Boolean(person.disabled_at);
    return html`<tr>
      <td>${person.name}</td>
      <td>${person.email}</td>
      <td>
        <select aria-label="Role of ${person.name}" @change=${(event: Event) => {
          const role = (event.target as HTMLSelectElement).value as Person["role"];
          this.#change(person, { role }, `${person.name} is now a ${role}.`);
        }}>
          ${ROLES.map((role) => html`<option value=${role} ?selected=${role === person.role}>${role}</option>`)}
        </select>
      </td>
      <td>${this.#standing(person)}</td>
      <td class="actions">
        <button type="button" class="quiet" @click=${() =>
          this.#change(
            person,
            { disabled: !disabled },
            disabled
              ? `${person.name} may sign in again.`
              : `${person.name} is disabled: signed out, tokens revoked.`,
          )}>${disabled ? "Enable" : "Disable"}<span class="visually-hidden"> ${person.name}</span></button>
        <button type="button" class="quiet" @click=${() => this.#signOut(person)}>Sign out everywhere<span class="visually-hidden">: ${person.name}</span></button>
        <button type="button" class="quiet" @click=${() => this.#reinvite(person)}>New sign-up link<span class="visually-hidden"> for ${person.name}</span></button>
      </td>
    </tr>`;
  }

  #list() {
    if (!this.people) return nothing;
    return html`<table class="people">
      <thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Sign-in</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>${this.people.map((person) => this.#row(person))}</tbody>
    </table>`;
  }

  #onInput = (event: Event) => {
    const input = event.target as HTMLInputElement;
    this.invitee = { ...this.invitee, [input.name]: input.value };
  };

  override render() {
    const errors = fieldErrors(this.problem);
    const i = this.invitee;
    const input =
      (name: "name" | "email", type = "text") =>
      (a: { id: string; invalid: boolean; describedBy?: string }) =>
        html`<input id=${a.id} type=${type} name=${name} required .value=${i[name]}
          aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing} />`;
    return html`<h1 tabindex="-1">People</h1>
      ${this.message ? html`<p class="message" role="status">${this.message}</p>` : nothing}
      ${problemSummary(this.problem)} ${this.#invited()} ${this.#list()}
      <form class="invite" @input=${this.#onInput} @change=${this.#onInput} @submit=${(event: Event) => {
        event.preventDefault();
        this.#invite();
      }}>
        <h2>Invite someone</h2>
        <div class="row">
          ${field("Name", "name", errors, input("name"))}
          ${field("E-mail", "email", errors, input("email", "email"))}
          ${field(
            "Role",
            "role",
            errors,
            (a) => html`<select id=${a.id} name="role" aria-invalid=${a.invalid ? "true" : "false"}>
              ${ROLES.map((role) => html`<option value=${role} ?selected=${role === i.role}>${role}</option>`)}
            </select>`,
          )}
        </div>
        <p class="hint">A contributor writes and submits drafts; an editor approves or sends them back; a publisher puts them out; an admin also keeps people, the site and counters.</p>
        <p class="actions"><button type="submit">Invite</button></p>
      </form>`;
  }
}
