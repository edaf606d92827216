import { html, nothing } from "lit/html.js";
import { type AlertItem, parseAlerts } from "./alert-shape";
import { windowParts } from "./alert-window";
import {
  apiUrl,
  base,
  ChanceryElement,
  css,
  dateTime,
  langOf,
  localeOf,
  Resource,
  TickController,
} from "./kit";

/**
 * The citizen alerts active now, most severe first: each one's level in
 * words and in colour (emergency red, security amber, routine blue), its
 * title linked to its page, its lead, and when it was issued and until when
 * it holds, on the site's clock. An alert leaves at its end, on the shared
 * timer; a new one arrives when the live channel says the publications
 * changed, else at the next refresh. With none active the element hides.
 * An emergency interrupts a screen reader (role="alert"); the others are
 * regions named by their level and title.
 *
 * @element chancery-alert
 * @csspart alert - one alert; also named by its level: `emergency`, `security` or `routine`
 * @csspart level - its level, in words
 * @csspart title - its title, a link
 * @csspart lead - its lead paragraph
 * @csspart window - when it was issued and until when it holds
 * @slot - a server-rendered copy, shown until the element draws its own
 * @cssprop --chancery-alert-padding - space inside each alert (0.75em 1em)
 */
export class ChanceryAlert extends ChanceryElement {
  static override styles = [
    base,
    css`
      :host {
        min-height: 0;
      }
      [part~="alert"] {
        padding: var(--chancery-alert-padding, 0.75em 1em);
        border-block-end: 3px solid var(--_edge);
        background: var(--_fill);
        color: var(--_ink);
      }
      [part~="emergency"] {
        --_fill: light-dark(#b3261e, #ffb4ab);
        --_ink: light-dark(#fff, #410002);
        --_edge: light-dark(#6e0f0a, #ffdad6);
      }
      [part~="security"] {
        --_fill: light-dark(#f5b800, #ffd54f);
        --_ink: light-dark(#1f1a00, #241a00);
        --_edge: light-dark(#7a5c00, #fff0c2);
      }
      [part~="routine"] {
        --_fill: light-dark(#0b4f8a, #9ecaff);
        --_ink: light-dark(#fff, #00315c);
        --_edge: light-dark(#062d4f, #d1e4ff);
      }
      p {
        margin: 0.2em 0 0;
      }
      [part~="level"] {
        margin: 0;
        font-size: 0.8125em;
        font-weight: 700;
        letter-spacing: 0.04em;
        text-transform: uppercase;
      }
      [part~="title"] {
        font-size: 1.125em;
        font-weight: 700;
      }
      a {
        color: inherit;
      }
      [part~="window"] {
        font-size: 0.875em;
      }
    `,
  ];
  static override properties = { locale: {}, refresh: { type: Number } };

  /** A BCP 47 locale for the times the element writes, over the language; by default the site's. */
  declare locale: string | null;
  /** Seconds between refreshes when the live channel is away; 0 for none. */
  declare refresh: number;

  #site = this.readSite();
  #alerts = new Resource(this, {
    url: () => apiUrl(this.api, "/api/v1/alerts", { lang: langOf(this) }),
    parse: parseAlerts,
    refresh: () => this.refresh,
    topics: ["publications"],
  });

  constructor() {
    super();
    this.refresh = 300;
    // To the minute, and to the second in the last minute of an alert, so it leaves on time.
    new TickController(this, () =>
      this.#active().some((alert) => Date.parse(alert.expires_at) - Date.now() < 60_000)
        ? "second"
        : "minute",
    );
  }

  /** The alerts not yet at their end. */
  #active(): AlertItem[] {
    const now = Date.now();
    return this.#alerts.value?.items.filter((alert) => Date.parse(alert.expires_at) > now) ?? [];
  }

  override willUpdate(): void {
    // Until the first answer, the server's copy (if any) stands as it is.
    if (this.#alerts.value && this.#site.value) this.hidden = this.#active().length === 0;
  }

  override render() {
    const site = this.#site.value;
    const board = this.#alerts.value;
    if (!site || !board) return html`<slot></slot>`;
    const { words } = board;
    const locale = this.locale || localeOf(langOf(this), site.locale);
    const write = (instant: string) =>
      html`<time datetime=${instant}>${dateTime(Date.parse(instant), site.time_zone, locale)}</time>`;
    return this.#active().map((alert) => {
      const level = words.levels[alert.level];
      const instants = { issued: alert.published_at, until: alert.expires_at };
      return html`<section
        part="alert ${alert.level}"
        lang=${alert.lang}
        role=${alert.level === "emergency" ? "alert" : "region"}
        aria-label=${alert.level === "emergency" ? nothing : `${level}: ${alert.title}`}
      >
        <p part="level" lang=${langOf(this) ?? nothing}>${level}</p>
        <p part="title"><a href=${alert.url}>${alert.title}</a></p>
        ${alert.lead ? html`<p part="lead">${alert.lead}</p>` : nothing}
        <p part="window" lang=${langOf(this) ?? nothing}>
          ${windowParts(words.window).map((part) => ("text" in part ? part.text : write(instants[part.at])))}
        </p>
      </section>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "chancery-alert": ChanceryAlert;
  }
}
