import { html, nothing } from "lit";
import type { Delivery, Webhook } from "../worker/schemas/webhook";
import { call } from "./api";
import { field, fieldErrors, problemSummary } from "./form";
import { OutcomeElement } from "./outcome";
import { copyText } from "./preview-links";
import { when } from "./when";

interface NewWebhook {
  url: string;
  description: string;
  events: string[];
}

const blank = (): NewWebhook => ({ url: "", description: "", events: [] });

const OUTCOMES: Record<Delivery["outcome"], string> = {
  delivered: "Delivered",
  failed: "Failed, to be retried",
  refused: "Not sent",
  gave_up: "Gave up",
};

/** What became of an attempt, in a few words: the outcome and the status or the reason. */
function attemptSummary(attempt: {
  outcome: Delivery["outcome"];
  status: number | null;
  error: string | null;
}) {
  const detail = attempt.status !== null ? `HTTP ${attempt.status}` : attempt.error;
  return detail ? `${OUTCOMES[attempt.outcome]} (${detail})` : OUTCOMES[attempt.outcome];
}

/**
 * The site's webhooks, for an admin: add one (its signing secret is shown
 * once, to copy), choose its events, send it a test, enable or disable it,
 * rotate its secret, and read its delivery log with a redeliver button on
 * each attempt.
 *
 * @element console-webhooks
 */
export class ConsoleWebhooks extends OutcomeElement {
  static override properties = {
    webhooks: { state: true },
    eventTypes: { state: true },
    draft: { state: true },
    secret: { state: true },
    log: { state: true },
  };

  declare webhooks?: Webhook[];
  declare eventTypes: string[];
  declare draft: NewWebhook;
  /** The secret just made and whose it is: shown apart so it can be copied at once. */
  declare secret?: { url: string; secret: string };
  /** The delivery log on show, and whose. */
  declare log?: { webhook: Webhook; deliveries: Delivery[] };

  constructor() {
    super();
    this.eventTypes = [];
    this.draft = blank();
  }

  override async load(): Promise<void> {
    const answer = await call<{ webhooks: Webhook[]; event_types: string[] }>("GET", "/api/v1/webhooks");
    if (!answer.ok) {
      this.problem = answer.problem;
      return;
    }
    this.webhooks = answer.data.webhooks;
    this.eventTypes = answer.data.event_types;
    const shown = this.log && this.webhooks.find((webhook) => webhook.id === this.log?.webhook.id);
    if (shown) await this.#readLog(shown);
    else this.log = undefined;
  }

  async #readLog(webhook: Webhook): Promise<void> {
    const answer = await call<{ deliveries: Delivery[] }>("GET", `/api/v1/webhooks/${webhook.id}/deliveries`);
    if (answer.ok) this.log = { webhook, deliveries: answer.data.deliveries };
    else this.problem = answer.problem;
  }

  async #showSecret(url: string, secret: string): Promise<void> {
    this.secret = { url, secret };
    await this.updateComplete;
    this.querySelector<HTMLInputElement>("#webhook-secret")?.select();
  }

  async #add(): Promise<void> {
    const { url, description, events } = this.draft;
    const answer = await call<Webhook & { secret: string }>("POST", "/api/v1/webhooks", {
      json: { url, events, ...(description.trim() ? { description: description.trim() } : {}) },
    });
    if (!(await this.done(answer, `Added ${url}. Copy its secret now: it is not shown again.`)) || !answer.ok)
      return;
    this.draft = blank();
    await this.#showSecret(answer.data.url, answer.data.secret);
  }

  async #rotate(webhook: Webhook): Promise<void> {
    const answer = await call<Webhook & { secret: string }>("POST", `/api/v1/webhooks/${webhook.id}/secret`);
    const message = `A new secret for ${webhook.url}; the old one no longer signs. Copy it now.`;
    if ((await this.done(answer, message)) && answer.ok)
      await this.#showSecret(webhook.url, answer.data.secret);
  }

  async #change(webhook: Webhook, change: { enabled: boolean }, message: string): Promise<void> {
    await this.done(await call("PATCH", `/api/v1/webhooks/${webhook.id}`, { json: change }), message);
  }

  async #test(webhook: Webhook): Promise<void> {
    const answer = await call("POST", `/api/v1/webhooks/${webhook.id}/test`);
    if (await this.done(answer, `A test event is on its way to ${webhook.url}; its delivery shows below.`)) {
      await this.#readLog(webhook);
    }
  }

  async #delete(webhook: Webhook): Promise<void> {
    if (!confirm(`Delete the webhook to ${webhook.url}, with its delivery log?`)) return;
    await this.done(
      await call("DELETE", `/api/v1/webhooks/${webhook.id}`),
      `Deleted the webhook to ${webhook.url}.`,
    );
  }

  async #redeliver(webhook: Webhook, delivery: Delivery): Promise<void> {
    const answer = await call("POST", `/api/v1/webhooks/${webhook.id}/deliveries/${delivery.id}/redeliver`);
    await this.done(
      answer,
      `Sent ${delivery.type} (${delivery.webhook_id}) again; the new attempt shows below.`,
    );
  }

  async #copy(secret: string): Promise<void> {
    this.message = await copyText(secret, "Copied. Keep it where only the receiving server can read it.");
  }

  #secret() {
    const made = this.secret;
    if (!made) return nothing;
    return html`<div class="field made-link">
      <label for="webhook-secret">Signing secret for ${made.url}</label>
      <input id="webhook-secret" readonly .value=${made.secret} aria-describedby="webhook-secret-hint" />
      <p class="hint" id="webhook-secret-hint">Shown this once. The receiver checks each delivery's <code>webhook-signature</code> with it (Standard Webhooks).</p>
      <button type="button" @click=${() => this.#copy(made.secret)}>Copy</button>
    </div>`;
  }

  #status(webhook: Webhook) {
    if (!webhook.enabled) {
      const why = webhook.disabled_reason ?? "Disabled by an admin.";
      return html`<span class="status status-withdrawn">Disabled</span> <span class="hint">${why}</span>`;
    }
    const failing = webhook.failing_since
      ? html` <span class="hint">Failing since ${when(webhook.failing_since)}</span>`
      : nothing;
    return html`<span class="status status-published">Enabled</span>${failing}`;
  }

  #row(webhook: Webhook) {
    const last = webhook.last_delivery;
    return html`<tr>
      <td><span class="url">${webhook.url}</span>${webhook.description ? html`<br /><span class="hint">${webhook.description}</span>` : nothing}</td>
      <td>${webhook.events.join(", ")}</td>
      <td>${this.#status(webhook)}</td>
      <td>${last ? html`${attemptSummary(last)}, ${when(last.at)}` : "None yet"}</td>
      <td class="actions">
        <button type="button" class="quiet" ?disabled=${!webhook.enabled} @click=${() => this.#test(webhook)}>Send test<span class="visually-hidden"> to ${webhook.url}</span></button>
        <button type="button" class="quiet" @click=${() => this.#readLog(webhook)}>Deliveries<span class="visually-hidden"> to ${webhook.url}</span></button>
        <button type="button" class="quiet" @click=${() =>
          this.#change(
            webhook,
            { enabled: !webhook.enabled },
            webhook.enabled ? `${webhook.url} is sent nothing now.` : `${webhook.url} receives events again.`,
          )}>${webhook.enabled ? "Disable" : "Enable"}<span class="visually-hidden"> ${webhook.url}</span></button>
        <button type="button" class="quiet" @click=${() => this.#rotate(webhook)}>New secret<span class="visually-hidden"> for ${webhook.url}</span></button>
        <button type="button" class="quiet" @click=${() => this.#delete(webhook)}>Delete<span class="visually-hidden"> ${webhook.url}</span></button>
      </td>
    </tr>`;
  }

  #list() {
    if (!this.webhooks) return nothing;
    if (this.webhooks.length === 0)
      return html`<p>No webhooks yet: partners hear of changes only when they poll.</p>`;
    return html`<table class="webhooks">
      <thead><tr><th scope="col">URL</th><th scope="col">Events</th><th scope="col">Status</th><th scope="col">Last delivery</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>${this.webhooks.map((webhook) => this.#row(webhook))}</tbody>
    </table>`;
  }

  #log() {
    const log = this.log;
    if (!log) return nothing;
    const { webhook, deliveries } = log;
    return html`<section aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Deliveries to ${webhook.url}</h2>
      <p class="actions"><button type="button" class="quiet" @click=${() => this.#readLog(webhook)}>Refresh</button></p>
      ${
        deliveries.length === 0
          ? html`<p>Nothing was sent yet.</p>`
          : html`<table class="deliveries">
            <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Attempt</th><th scope="col">Outcome</th><th scope="col">Time</th><th scope="col">Answer</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>${deliveries.map(
              (delivery) => html`<tr>
                <td>${when(delivery.at)}</td>
                <td>${delivery.type}<br /><code>${delivery.webhook_id}</code></td>
                <td>${delivery.attempt}</td>
                <td>${attemptSummary(delivery)}</td>
                <td>${delivery.latency_ms === null ? "" : `${delivery.latency_ms} ms`}</td>
                <td>${delivery.response ? html`<code>${delivery.response}</code>` : nothing}</td>
                <td class="actions"><button type="button" class="quiet" ?disabled=${!webhook.enabled}
                  @click=${() => this.#redeliver(webhook, delivery)}>Redeliver<span class="visually-hidden"> ${delivery.webhook_id}, attempt ${delivery.attempt}</span></button></td>
              </tr>`,
            )}</tbody>
          </table>`
      }
    </section>`;
  }

  #form() {
    const errors = fieldErrors(this.problem);
    const d = this.draft;
    const set = (change: Partial<NewWebhook>) => {
      this.draft = { ...this.draft, ...change };
    };
    return html`<form class="add-webhook" @submit=${(event: Event) => {
      event.preventDefault();
      this.#add();
    }}>
      <h2>Add a webhook</h2>
      ${field(
        "URL",
        "url",
        errors,
        (
          a,
        ) => html`<input id=${a.id} type="url" required placeholder="https://partner.example/hooks/chancery" .value=${d.url}
          aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing}
          @input=${(event: Event) => set({ url: (event.target as HTMLInputElement).value })} />`,
        "An https address on the public Internet, where the partner's server listens.",
      )}
      ${field(
        "Description",
        "description",
        errors,
        (a) => html`<input id=${a.id} maxlength="200" .value=${d.description}
          aria-invalid=${a.invalid ? "true" : "false"} aria-describedby=${a.describedBy ?? nothing}
          @input=${(event: Event) => set({ description: (event.target as HTMLInputElement).value })} />`,
      )}
      <fieldset>
        <legend>Events it receives</legend>
        ${this.eventTypes.map(
          (type) => html`<label><input type="checkbox" value=${type} ?checked=${d.events.includes(type)}
            @change=${(event: Event) => {
              const checked = (event.target as HTMLInputElement).checked;
              set({ events: checked ? [...d.events, type] : d.events.filter((held) => held !== type) });
            }} /> ${type}</label>`,
        )}
        ${errors.has("events") ? html`<p class="field-error">Events: ${errors.get("events")}</p>` : nothing}
      </fieldset>
      <p class="actions"><button type="submit">Add the webhook</button></p>
    </form>`;
  }

  override render() {
    return html`<h1 tabindex="-1">Webhooks</h1>
      <p class="hint">Partners' servers hear of each change as it happens: a signed POST, retried for two days if they are down.</p>
      ${this.message ? html`<p class="message" role="status">${this.message}</p>` : nothing}
      ${problemSummary(this.problem)} ${this.#secret()} ${this.#list()} ${this.#log()} ${this.#form()}`;
  }
}
