import { html } from "lit/html.js";
import {
  apiUrl,
  base,
  ChanceryElement,
  css,
  dateInZone,
  langOf,
  notice,
  parseCounters,
  Resource,
  TickController,
} from "./kit";
import { sentence } from "./plural";

/**
 * The site's day counters as sentences ("966 days have passed since ..."),
 * counted on the site's calendar and rolling over at its midnight, each in
 * the form its count takes in the element's language.
 *
 * @element chancery-counters
 * @csspart list - the list of counters
 * @csspart counter - one counter's sentence
 * @csspart days - the count within it
 * @slot - shown before the counters arrive, and to visitors without JavaScript
 */
export class ChanceryCounters extends ChanceryElement {
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
      /* The count, the only span, stands out as on the site's own page. */
      span {
        font-variant-numeric: tabular-nums;
        font-weight: 700;
        font-size: 1.25em;
        line-height: 1;
      }
    `,
  ];
  static override properties = {
    only: {},
  };

  /** Comma-separated slugs of the counters to show; by default all. */
  declare only: string | null;

  #board = new Resource(this, {
    url: () => apiUrl(this.api, "/api/v1/counters", { lang: langOf(this) }),
    parse: parseCounters,
    // The site's zone and languages shape the sentences too.
    topics: ["counters", "site"],
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
        ${counters.map((counter) => {
          const { count, parts } = sentence(counter.forms, counter.lang, counter.since, today);
          // No whitespace around the parts: the text reads exactly as the server's.
          return html`<li part="counter" data-slug=${counter.slug} lang=${counter.lang}>${parts.map(
            (part, at) => (at ? html`<span part="days">${count}</span>${part}` : part),
          )}</li>`;
        })}
      </ul>
      ${notice(this.#board, "the counters")}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "chancery-counters": ChanceryCounters;
  }
}
