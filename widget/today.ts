import { html, LitElement } from "lit";
import { apiUrl } from "./api";
import { Resource } from "./resource";
import { parseSite } from "./shapes";
import { base } from "./styles";
import { TickController } from "./tick-controller";
import { dateInZone, longDate } from "./time";

/**
 * Today's date in the site's time zone, rolling over at its midnight.
 *
 * @element chancery-today
 * @csspart date - the date
 * @slot - shown before the date is known, and to visitors without JavaScript
 */
export class ChanceryToday extends LitElement {
  static override styles = base;
  static override properties = {
    api: {},
    zone: {},
    locale: {},
  };

  /** The API's origin; by default the one the script came from. */
  declare api: string | null;
  /** An IANA time zone; by default the site's. */
  declare zone: string | null;
  /** A BCP 47 locale for the month's name; by default the site's. */
  declare locale: string | null;

  #site = new Resource(this, {
    url: () => (this.zone && this.locale ? undefined : apiUrl(this.api, "/api/v1/site")),
    parse: parseSite,
  });

  constructor() {
    super();
    new TickController(this, () => "minute");
  }

  override render() {
    const zone = this.zone || this.#site.value?.time_zone;
    if (!zone) return html`<slot></slot>`;
    const now = Date.now();
    return html`<time part="date" datetime=${dateInZone(now, zone)}
      >${longDate(now, zone, this.locale || this.#site.value?.locale)}</time
    >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "chancery-today": ChanceryToday;
  }
}
