import { html } from "lit/html.js";
import { base, ChanceryElement, dateInZone, langOf, localeOf, longDate, TickController } from "./kit";

/**
 * Today's date in the site's time zone, rolling over at its midnight,
 * written in the element's language.
 *
 * @element chancery-today
 * @csspart date - the date
 * @slot - shown before the date is known, and to visitors without JavaScript
 */
export class ChanceryToday extends ChanceryElement {
  static override styles = base;
  static override properties = {
    zone: {},
    locale: {},
  };

  /** An IANA time zone; by default the site's. */
  declare zone: string | null;
  /** A BCP 47 locale for the date's format, over the language; by default the site's. */
  declare locale: string | null;

  #site = this.readSite(() => !(this.zone && this.locale));

  constructor() {
    super();
    new TickController(this, () => "minute");
  }

  override render() {
    const zone = this.zone || this.#site.value?.time_zone;
    if (!zone) return html`<slot></slot>`;
    const now = Date.now();
    return html`<time part="date" datetime=${dateInZone(now, zone)}
      >${longDate(now, zone, this.locale || localeOf(langOf(this), this.#site.value?.locale))}</time
    >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "chancery-today": ChanceryToday;
  }
}
