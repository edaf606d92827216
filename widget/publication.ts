import { unsafeHTML } from "lit/directives/unsafe-html.js";
import { html, nothing } from "lit/html.js";
import { apiUrl, base, ChanceryElement, css, dateInZone, formatDate, getJson, langOf, listen } from "./kit";
import { type PublicationItem, parsePublication } from "./publication-shape";

/** Why no publication is shown: still asked for, gone (404), expired (410) or the API unreachable. */
type Missing = "loading" | 404 | 410 | "failed";

const NOTICES: Record<Missing, string> = {
  loading: "Loading the publication…",
  404: "This publication is not available.",
  410: "This publication has expired.",
  failed: "The publication is unavailable right now.",
};

/**
 * The body's links and images made absolute against the API's address: the
 * server writes them for its own pages, and here they sit in another's. An
 * inert template parses the markup, so nothing loads before they are fixed.
 */
function resolved(body: string, from: string): string {
  const template = document.createElement("template");
  template.innerHTML = body;
  for (const element of template.content.querySelectorAll("[href], [src]")) {
    for (const name of ["href", "src"]) {
      const value = element.getAttribute(name);
      try {
        if (value !== null) element.setAttribute(name, new URL(value, from).href);
      } catch {
        // One the URL parser refuses stays as it is: a browser would not follow it either.
      }
    }
  }
  return template.innerHTML;
}

/** The version of `item` in `lang` (its own, a translation, or one of the same base language), if any. */
function versionIn(item: PublicationItem, lang: string) {
  const wanted = lang.toLowerCase();
  const fits = (tag: string) => wanted === tag.toLowerCase() || wanted.startsWith(`${tag.toLowerCase()}-`);
  return fits(item.lang) ? undefined : item.translations.find((translation) => fits(translation.lang));
}

/**
 * One publication: its title (a link to its page), its date on the site's
 * calendar, its lead and a link to read it; with `full`, its whole text.
 * Read again when the live channel says publications changed.
 *
 * @element chancery-publication
 * @csspart title - its title, a link to its page
 * @csspart date - its date, in the site's format and zone
 * @csspart lead - its lead paragraph
 * @csspart body - its whole text, with `full`
 * @csspart more - the link to read it on the site, without `full`
 * @csspart notice - said while it loads, when it is gone or expired, or when the API is away
 * @slot - shown until the publication arrives, and to visitors without JavaScript: a link to it, say
 */
export class ChanceryPublication extends ChanceryElement {
  static override styles = [
    base,
    css`
      [part~="title"] {
        color: var(--chancery-link-color, inherit);
        font-weight: 600;
        font-size: 1.125em;
      }
      [part~="date"] {
        display: block;
        color: var(--_muted);
        font-size: 0.875em;
        font-variant-numeric: tabular-nums;
      }
      [part~="lead"] {
        margin: 0.25em 0 0;
      }
      [part~="body"] img {
        max-width: 100%;
        height: auto;
      }
    `,
  ];
  static override properties = {
    slug: {},
    full: { type: Boolean },
  };

  /** The publication's slug, as in its address `/publications/{slug}`. */
  declare slug: string | null;
  /** Shows the whole text, not only the lead. */
  declare full: boolean;

  #site = this.readSite();
  #publication?: PublicationItem;
  /** Why nothing is shown; undefined once the publication is. */
  #missing?: Missing = "loading";
  /** What was last asked for (address and language), so an older answer arriving late is dropped. */
  #asked?: string;
  #stopListening?: () => void;

  constructor() {
    super();
    this.full = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopListening = listen(apiUrl(this.api, "/api/v1/publications"), (changed) => {
      if (changed.includes("publications")) this.#load(true);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopListening?.();
  }

  #url = (slug: string) => apiUrl(this.api, `/api/v1/publications/${encodeURIComponent(slug)}`);

  /** An attribute or a `lang` around that changes what is shown reads again at once. */
  override willUpdate(): void {
    if (this.slug && `${this.#url(this.slug)} ${langOf(this)}` !== this.#asked) this.#load();
  }

  async #load(fresh = false): Promise<void> {
    if (!this.slug) return;
    const url = this.#url(this.slug);
    const lang = langOf(this);
    const asked = `${url} ${lang}`;
    this.#asked = asked;
    let found: PublicationItem | undefined;
    let missing: Missing | undefined;
    try {
      found = parsePublication(await getJson(url, fresh), url);
      const other = found && lang && versionIn(found, lang);
      if (other) {
        const translated = this.#url(other.slug);
        found = parsePublication(await getJson(translated, fresh), translated) ?? found;
      }
      if (!found) missing = "failed";
    } catch (error) {
      // getJson names the HTTP status of a refusal; anything else is the network.
      const status = Number((error as Error).message);
      missing = status === 404 || status === 410 ? status : "failed";
    }
    if (asked !== this.#asked) return;
    // When the API is away, what was shown stays; a publication gone or expired leaves.
    if (missing === "failed" && this.#publication) return;
    this.#publication = found;
    this.#missing = missing;
    this.requestUpdate();
  }

  override render() {
    const item = this.#publication;
    if (!item) {
      const missing = this.#missing ?? "loading";
      const notice = html`<p part="notice">${NOTICES[missing]}</p>`;
      return missing === 404 || missing === 410 ? notice : html`<slot>${notice}</slot>`;
    }
    const site = this.#site.value;
    // The body was sanitized by the server (worker/content/sanitize.ts) before it was
    // stored: that, and only that, is why it may go in as HTML here.
    const body = this.full ? unsafeHTML(resolved(item.body_html, item.url)) : nothing;
    return html`<article lang=${item.lang}>
      <a part="title" href=${item.url}>${item.title}</a>
      ${
        site
          ? html`<time part="date" datetime=${item.published_at}
              >${formatDate(dateInZone(Date.parse(item.published_at), site.time_zone), site.date_format)}</time
            >`
          : nothing
      }
      <p part="lead">${item.lead}</p>
      ${this.full ? html`<div part="body">${body}</div>` : html`<a part="more" href=${item.url}>Read more</a>`}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "chancery-publication": ChanceryPublication;
  }
}
