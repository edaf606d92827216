import { html } from "lit/html.js";
import { EVENT_FIELDS } from "./embed-snippet";
import {
  apiUrl,
  base,
  ChanceryElement,
  css,
  dateInZone,
  formatDate,
  langOf,
  localeOf,
  notice,
  parseEvents,
  Resource,
} from "./kit";

/**
 * The latest publications: date, title (a link to the publication) and
 * lead, newest first, refreshed on an interval and when the page shows.
 * One version of each text: the one in the element's language when there
 * is one, else the site's default language's.
 *
 * @element chancery-events
 * @csspart list - the list of publications
 * @csspart item - one publication
 * @csspart date - its date, in the site's format and zone
 * @csspart lang - the name of its language, when it is not the element's (the text has no version in it)
 * @csspart title - its title, a link
 * @csspart lead - its lead paragraph
 * @slot - follows the list (an "all messages" link, say); alone without JavaScript
 * @slot static - a server-rendered copy of the list, shown only until the element draws its own
 * @cssprop --chancery-lead-lines - lines of lead shown before it is cut (2)
 */
export class ChanceryEvents extends ChanceryElement {
  static override styles = [
    base,
    css`
      :host {
        --_lead-lines: var(--chancery-lead-lines, 2);
        /* An item is a date, a one-line title and its lead; room for all before they arrive. */
        min-height: calc(var(--_rows, 10) * (3.1em + var(--_lead-lines) * 1.5em + var(--_gap)));
      }
      li + li {
        margin-top: var(--_gap);
      }
      [part~="date"],
      [part~="lang"] {
        color: var(--_muted);
        font-size: 0.875em;
        margin-inline-end: 0.5em;
      }
      [part~="date"] {
        display: block;
        font-variant-numeric: tabular-nums;
      }
      [part~="title"] {
        color: var(--chancery-link-color, inherit);
        font-weight: 600;
      }
      [part~="lead"] {
        margin: 0.15em 0 0;
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: var(--_lead-lines);
        overflow: hidden;
      }
    `,
  ];
  static override properties = {
    limit: { type: Number },
    kind: {},
    locale: {},
    refresh: { type: Number },
  };

  /** How many publications, 1 to 100. */
  declare limit: number;
  /**
   * One kind or a comma list, as the API's `kind` takes them (e.g. `speech,interview`).
   * Passed on unchecked: a pinned bundle outlives the kinds it was built with.
   */
  declare kind: string | null;
  /** A BCP 47 locale for the times the element writes, over the language; by default the site's. */
  declare locale: string | null;
  /** Seconds between refreshes; 0 for none. */
  declare refresh: number;

  #site = this.readSite();
  #events = new Resource(this, {
    url: () =>
      apiUrl(this.api, "/api/v1/publications", {
        limit: this.limit,
        fields: EVENT_FIELDS,
        kind: this.kind,
        // "und" (undetermined) asks for no language: each text then comes in the site's default one.
        prefer_lang: langOf(this) ?? "und",
      }),
    parse: parseEvents,
    refresh: () => this.refresh,
    topics: ["publications"],
  });

  // What the last answer showed: only items a refresh brings fade in, so a
  // takeover of the server's copy, or a reload, never flickers.
  #shown?: Set<string>;

  constructor() {
    super();
    this.limit = 10;
    this.refresh = 300;
  }

  override willUpdate(): void {
    this.style.setProperty("--_rows", String(this.limit));
  }

  override updated(): void {
    const events = this.#events.value;
    if (events) this.#shown = new Set(events.map((event) => event.url));
  }

  override render() {
    const site = this.#site.value;
    const events = this.#events.value;
    const locale = this.locale || localeOf(langOf(this), site?.locale);
    // Without the site's answer no date can be written: its failure is the one to tell.
    if (!site || !events)
      return html`${notice(site ? this.#events : this.#site, "the latest events", locale)}<slot></slot>`;
    const lang = langOf(this);
    // No more than asked for, whatever came back: the space kept is for `limit` items.
    return html`<ol part="list">
        ${events.slice(0, this.limit).map((event) => {
          const date = dateInZone(Date.parse(event.published_at), site.time_zone);
          const fresh = this.#shown !== undefined && !this.#shown.has(event.url);
          // A text with no version in the element's language comes in another, named in the element's.
          const other = lang && event.lang.toLowerCase() !== lang.toLowerCase();
          return html`<li part="item" class=${fresh ? "fresh" : ""} lang=${event.lang}>
            <time part="date" datetime=${event.published_at}>${formatDate(date, site.date_format)}</time>
            ${other ? html`<span part="lang" lang=${lang}>${new Intl.DisplayNames(lang, { type: "language" }).of(event.lang)}</span>` : ""}
            <a part="title" href=${event.url}>${event.title}</a>
            <p part="lead">${event.lead}</p>
          </li>`;
        })}
      </ol>
      ${notice(this.#events, "the latest events", locale)}<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "chancery-events": ChanceryEvents;
  }
}
