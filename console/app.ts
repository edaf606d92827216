import { html } from "lit";
import { LightElement } from "./light";

interface Route {
  section: "publications" | "media" | "counters" | "site";
  /** A publication's id, or "new". */
  item?: string;
}

/** `#/publications/12` and the like; anything else is the publications list. */
export function routeOf(hash: string): Route {
  const [section, item] = hash.replace(/^#\/?/, "").split("/");
  if (section === "media" || section === "counters" || section === "site") return { section };
  return { section: "publications", item: item || undefined };
}

const SECTIONS = [
  { section: "publications", label: "Publications" },
  { section: "media", label: "Media" },
  { section: "counters", label: "Counters" },
  { section: "site", label: "Site" },
] as const;

/**
 * The console's frame: its sections by the address's hash, so the back
 * button and bookmarks work.
 *
 * @element chancery-console
 */
export class ConsoleApp extends LightElement {
  #route = routeOf(location.hash);

  #onHash = () => {
    this.#route = routeOf(location.hash);
    this.requestUpdate();
    // A new section takes the focus, so keyboard and screen-reader users land in it.
    this.updateComplete.then(() => this.querySelector<HTMLElement>("main h1")?.focus());
  };

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener("hashchange", this.#onHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener("hashchange", this.#onHash);
  }

  #section() {
    const { section, item } = this.#route;
    if (section === "media") return html`<console-media></console-media>`;
    if (section === "counters") return html`<console-counters></console-counters>`;
    if (section === "site") return html`<console-site></console-site>`;
    if (item)
      return html`<console-publication-editor .publicationId=${item === "new" ? undefined : Number(item)}></console-publication-editor>`;
    return html`<console-publications></console-publications>`;
  }

  override render() {
    return html`<nav class="sections" aria-label="Console">
        <ul>
          ${SECTIONS.map(
            ({ section, label }) =>
              html`<li><a href="#/${section}" aria-current=${section === this.#route.section ? "page" : "false"}>${label}</a></li>`,
          )}
        </ul>
      </nav>
      <main>${this.#section()}</main>`;
  }
}
