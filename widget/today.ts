import { html, LitElement } from "lit";
import {
  apiUrl,
  base,
  dateInZone,
  LangController,
  langOf,
  localeOf,
  longDate,
  parseSite,
  Resource,
  TickController,
} from "./kit";

/**
 * Today's date in the site's time zone, rolling over at its midnight,
 * written in the element's language.
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
    lang: {},
    locale: {},
  };

  /** The API's origin; by default the one the script came from. */
  declare api: string | null;
  /** An IANA time zone; by default the site's. */
  declare zone: string | null;
  /**
   * The language (BCP 47) the date is written in; by default the nearest
   * `lang` of the page around the element, else the site's.
   */
  declare lang: string;
  /** A BCP 47 locale for the date's format, over the language; by default the site's. */
  declare locale: string | null;

  #site = new Resource(this, {
    url: () =>
      this.zone && this.locale ? undefined : apiUrl(this.api, "/api/v1/site", { lang: langOf(this) }),
    parse: parseSite,
    topics: ["site"],
  });

  constructor() {
    super();
    new TickController(this, () => "minute");
    new LangController(this);
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
