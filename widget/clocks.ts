import { html } from "lit/html.js";
import {
  base,
  ChanceryElement,
  css,
  isTimeZone,
  langOf,
  localeOf,
  longDate,
  notice,
  type SiteInfo,
  TickController,
  wallTime,
} from "./kit";

type Clock = SiteInfo["clocks"][number];

/** Reads `zones="Europe/Moscow=Moscow, Europe/London=London"`; unknown zones are left out. */
export function parseZones(text: string): Clock[] {
  return text.split(",").flatMap((entry) => {
    const [zone = "", label = zone] = entry.split("=").map((part) => part.trim());
    return isTimeZone(zone) ? [{ label, time_zone: zone }] : [];
  });
}

/**
 * Live clocks, one per time zone, moving on the minute (or second) boundary;
 * the site's labels and the times in the element's language.
 *
 * @element chancery-clocks
 * @csspart list - the list of clocks
 * @csspart clock - one clock
 * @csspart label - a clock's label
 * @csspart time - a clock's wall time
 * @csspart date - a clock's date, with `date`
 * @slot - shown before the clocks are known, and to visitors without JavaScript
 */
export class ChanceryClocks extends ChanceryElement {
  static override styles = [
    base,
    css`
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gap) calc(var(--_gap) * 2);
      }
      [part~="label"] {
        color: var(--_muted);
        margin-inline-end: 0.4em;
      }
      [part~="time"] {
        font-variant-numeric: tabular-nums;
        font-weight: var(--chancery-clock-weight, 600);
      }
      [part~="date"] {
        color: var(--_muted);
        margin-inline-start: 0.4em;
      }
    `,
  ];
  static override properties = {
    zones: {},
    hour12: { type: Boolean },
    seconds: { type: Boolean },
    date: { type: Boolean },
    locale: {},
  };

  /** `Zone=Label` pairs, comma-separated; by default the site's clocks. */
  declare zones: string | null;
  /** A 12-hour clock instead of 24 hours. */
  declare hour12: boolean;
  /** Show and tick seconds. */
  declare seconds: boolean;
  /** Show each clock's date as well. */
  declare date: boolean;
  /** A BCP 47 locale for the time's format, over the language; by default the site's. */
  declare locale: string | null;

  #site = this.readSite(() => !this.zones);

  constructor() {
    super();
    this.hour12 = false;
    this.seconds = false;
    this.date = false;
    new TickController(this, () => (this.seconds ? "second" : "minute"));
  }

  override render() {
    const clocks = this.zones ? parseZones(this.zones) : this.#site.value?.clocks;
    const locale = this.locale || localeOf(langOf(this), this.#site.value?.locale);
    if (!clocks) return html`${notice(this.#site, "the clocks", locale)}<slot></slot>`;
    const now = Date.now();
    const face = { hour12: this.hour12, seconds: this.seconds };
    return html`<ul part="list">
      ${clocks.map(
        (clock) =>
          html`<li part="clock">
            <span part="label">${clock.label}</span>
            <time part="time" datetime=${new Date(now).toISOString()}
              >${wallTime(now, clock.time_zone, face, locale)}</time
            >${this.date ? html`<span part="date">${longDate(now, clock.time_zone, locale)}</span>` : ""}
          </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "chancery-clocks": ChanceryClocks;
  }
}
