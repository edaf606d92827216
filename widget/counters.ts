import { css, html, LitElement } from "lit";
import { apiUrl } from "./api";
import { Resource } from "./resource";
import { parseCounters } from "./shapes";
import { base, notice } from "./styles";
import { TickController } from "./tick-controller";
import { counterSentence, dateInZone } from "./time";

/**
 * The site's day counters as sentences ("966 days have passed since ..."),
 * counted on the site's calendar and rolling over at its midnight.
 *
 * @element chancery-counters
 * @csspart list - the list of counters
 * @csspart counter - one counter's sentence
 * @slot - shown before the counters arrive, and to visitors without JavaScript
 */
export class ChanceryCounters extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        /* Two counters, one line each, before they arrive. */
        min-height: calc(var(--chancery-reserve-lines, 2) * 1.5em + var(--_gap) / 2);
      }
      li + li {
        margin-top: calc(var(--_gap) / 2);
      }
    `,
  ];
  static override properties = {
    api: {},
    only: {},
  };

  /** The API's origin; by default the one the script came from. */
  declare api: string | null;
  /** Comma-separated slugs of the counters to show; by default all. */
  declare only: string | null;

  #board = new Resource(this, {
    url: () => apiUrl(this.api, "/api/v1/counters"),
    parse: parseCounters,
  });

  constructor() {
    super();
    // Each minute checks the date, so the count turns over at the site's midnight.
    new TickController(this, () => "minute");
  }

  override render() {
    const board = this.#board.value;
    if (!board) return html`${notice(this.#board, "the counters")}<slot></slot>`;
    const only = this.only?.split(",").map((slug) => slug.trim());
    const today = dateInZone(Date.now(), board.time_zone);
    const counters = board.counters.filter((counter) => !only || only.includes(counter.slug));
    return html`<ul part="list">
        ${counters.map(
          (counter) =>
            html`<li part="counter" data-slug=${counter.slug}>
              ${counterSentence(counter.template, counter.since, today)}
            </li>`,
        )}
      </ul>
      ${notice(this.#board, "the counters")}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "chancery-counters": ChanceryCounters;
  }
}
