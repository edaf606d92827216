import { startRegistration } from "@simplewebauthn/browser";
import { html, nothing } from "lit";
import type { Passkey } from "../worker/schemas/passkey";
import type { Token } from "../worker/schemas/token";
import { scopesOf } from "../worker/vocabulary";
import { call } from "./api";
import { field, fieldErrors, problemSummary } from "./form";
import { OutcomeElement } from "./outcome";
import { copyText } from "./preview-links";
import { readSession } from "./session";

type Scope = Token["scopes"][number];

const when = (iso: string | null, never = "never") =>
  iso ? html`<time datetime=${iso}>${new Date(iso).toLocaleString()}</time>` : never;

/**
 * The signed-in person's own account: the passkeys they sign in with (add
 * one on this device, remove one), the tokens their programs use (made and
 * shown once, revoked), and signing out on every device.
 *
 * @element console-account
 */
export class ConsoleAccount extends OutcomeElement {
  static override properties = {
    passkeys: { state: true },
    tokens: { state: true },
    passkeyName: { state: true },
    tokenName: { state: true },
    tokenScopes: { state: true },
    made: { state: true },
  };

  declare passkeys?: Passkey[];
  declare tokens?: Token[];
  declare passkeyName: string;
  declare tokenName: string;
  declare tokenScopes: Scope[];
  /** The token just made: its secret is shown this once. */
  declare made?: { name: string; token: string };
  #session = readSession();

  constructor() {
    super();
    this.passkeyName = "";
    this.tokenName = "";
    this.tokenScopes = ["publish"];
  }

  override async load(): Promise<void> {
    const [passkeys, tokens] = await Promise.all([
      call<{ passkeys: Passkey[] }>("GET", "/api/v1/passkeys"),
      call<{ tokens: Token[] }>("GET", "/api/v1/tokens"),
    ]);
    if (passkeys.ok) this.passkeys = passkeys.data.passkeys;
    if (tokens.ok) this.tokens = tokens.data.tokens;
    const failed = [passkeys, tokens].find((answer) => !answer.ok);
    if (failed && !failed.ok) this.problem = failed.problem;
  }

  async #addPasskey(): Promise<void> {
    const options = await call<Parameters<typeof startRegistration>[0]["optionsJSON"]>(
      "POST",
      "/api/v1/passkeys/options",
    );
    if (!options.ok) return void this.done(options, "");
    let response: Awaited<ReturnType<typeof startRegistration>>;
    try {
      response = await startRegistration({ optionsJSON: options.data });
    } catch (error) {
      this.message = undefined;
      this.problem = {
        type: "about:blank",
        title: "No passkey was made",
        status: 0,
        detail: `Your device did not make one: ${(error as Error).message}`,
      };
      return;
    }
    const answer = await call<Passkey>("POST", "/api/v1/passkeys", {
      json: { name: this.passkeyName, response },
    });
    if (await this.done(answer, `Passkey “${this.passkeyName}” added: you may sign in with it.`))
      this.passkeyName = "";
  }

  async #removePasskey(passkey: Passkey): Promise<void> {
    const answer = await call("DELETE", `/api/v1/passkeys/${passkey.id}`);
    await this.done(answer, `Passkey “${passkey.name}” removed: it signs in no more.`);
  }

  async #makeToken(): Promise<void> {
    const answer = await call<{ name: string; token: string }>("POST", "/api/v1/tokens", {
      json: { name: this.tokenName, scopes: this.tokenScopes },
    });
    if (!(await this.done(answer, `Token “${this.tokenName}” made.`)) || !answer.ok) return;
    this.made = { name: answer.data.name, token: answer.data.token };
    this.tokenName = "";
    await this.updateComplete;
    this.querySelector<HTMLInputElement>("#made-token")?.select();
  }

  async #revoke(token: Token): Promise<void> {
    const answer = await call("DELETE", `/api/v1/tokens/${token.id}`);
    if (this.made?.name === token.name) this.made = undefined;
    await this.done(answer, `Token “${token.name}” revoked: programs using it are refused from now on.`);
  }

  async #signOutEverywhere(): Promise<void> {
    const answer = await call("POST", "/api/v1/me/sign-out");
    if (!answer.ok) return void this.done(answer, "");
    location.assign("/admin");
  }

  #passkeys() {
    const errors = fieldErrors(this.problem);
    return html`<section aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">Passkeys</h2>
      ${
        this.passkeys
          ? html`<table class="passkeys">
            <thead><tr><th scope="col">Name</th><th scope="col">Added</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              ${this.passkeys.map(
                (passkey) => html`<tr>
                  <td>${passkey.name}</td>
                  <td>${when(passkey.created_at)}</td>
                  <td>${when(passkey.last_used_at)}</td>
                  <td><button type="button" class="quiet" @click=${() => this.#removePasskey(passkey)}>Remove<span class="visually-hidden"> ${passkey.name}</span></button></td>
                </tr>`,
              )}
            </tbody>
          </table>`
          : nothing
      }
      <form class="row" @submit=${(event: Event) => {
        event.preventDefault();
        this.#addPasskey();
      }}>
        ${field(
          "Name of the new passkey",
          "name",
          errors,
          (
            a,
          ) => html`<input id=${a.id} name="name" required placeholder="Work laptop" .value=${this.passkeyName}
            aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing}
            @input=${(event: Event) => {
              this.passkeyName = (event.target as HTMLInputElement).value;
            }} />`,
          "Made on this device, or a security key you hold to it.",
        )}
        <p class="actions"><button type="submit">Add a passkey</button></p>
      </form>
    </section>`;
  }

  #made() {
    const made = this.made;
    if (!made) return nothing;
    return html`<div class="field made-link">
      <label for="made-token">Token “${made.name}”</label>
      <input id="made-token" readonly .value=${made.token} aria-describedby="made-token-hint" />
      <p class="hint" id="made-token-hint">Shown this once: copy it into the program now. Send it as Authorization: Bearer.</p>
      <button type="button" @click=${async () => {
        this.message = await copyText(made.token, "Copied. Keep it as you would a password.");
      }}>Copy</button>
    </div>`;
  }

  #tokens() {
    const errors = fieldErrors(this.problem);
    const allowed = scopesOf(this.#session.editor.role);
    return html`<section aria-labelledby="tokens-title">
      <h2 id="tokens-title">Tokens for programs</h2>
      ${this.#made()}
      ${
        this.tokens
          ? html`<table class="tokens">
            <thead><tr><th scope="col">Name</th><th scope="col">May</th><th scope="col">Made</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              ${this.tokens.map(
                (token) => html`<tr>
                  <td>${token.name}</td>
                  <td>${token.scopes.join(", ")}</td>
                  <td>${when(token.created_at)}</td>
                  <td>${when(token.last_used_at)}</td>
                  <td>${
                    token.revoked_at
                      ? html`revoked ${when(token.revoked_at)}`
                      : html`<button type="button" class="quiet" @click=${() => this.#revoke(token)}>Revoke<span class="visually-hidden"> ${token.name}</span></button>`
                  }</td>
                </tr>`,
              )}
            </tbody>
          </table>`
          : nothing
      }
      <form @submit=${(event: Event) => {
        event.preventDefault();
        this.#makeToken();
      }}>
        ${field(
          "Token name",
          "token-name",
          errors,
          (a) => html`<input id=${a.id} required placeholder="Press office feed" .value=${this.tokenName}
            aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing}
            @input=${(event: Event) => {
              this.tokenName = (event.target as HTMLInputElement).value;
            }} />`,
          "The audit log names what the program does by it.",
        )}
        <fieldset>
          <legend>It may</legend>
          ${allowed.map(
            (
              scope,
            ) => html`<label><input type="checkbox" value=${scope} ?checked=${this.tokenScopes.includes(scope)}
              @change=${(event: Event) => {
                const checked = (event.target as HTMLInputElement).checked;
                this.tokenScopes = checked
                  ? [...this.tokenScopes, scope]
                  : this.tokenScopes.filter((held) => held !== scope);
              }} /> ${scope}</label>`,
          )}
          ${errors.has("scopes") ? html`<p class="field-error">Scopes: ${errors.get("scopes")}</p>` : nothing}
        </fieldset>
        <p class="actions"><button type="submit">Make a token</button></p>
      </form>
    </section>`;
  }

  override render() {
    const me = this.#session.editor;
    return html`<h1 tabindex="-1">Account</h1>
      <p>${me.name} · ${me.email} · ${me.role}</p>
      ${this.message ? html`<p class="message" role="status">${this.message}</p>` : nothing}
      ${problemSummary(this.problem)} ${this.#passkeys()} ${this.#tokens()}
      <section aria-labelledby="everywhere-title">
        <h2 id="everywhere-title">Sign out everywhere</h2>
        <p class="hint">Ends every session of yours, on every device, and revokes your tokens.</p>
        <p class="actions"><button type="button" @click=${() => this.#signOutEverywhere()}>Sign out everywhere</button></p>
      </section>`;
  }
}
