import { html } from "lit";
import { keyed } from "lit/directives/keyed.js";
import { LightElement } from "./light";
import { mayUse, readSession, type Session } from "./session";

const SECTIONS = [
  { section: "queue", label: "Queue" },
  { section: "publications", label: "Publications" },
  { section: "translations", label: "Translations" },
  { section: "media", label: "Media" },
  { section: "counters", label: "Counters" },
  { section: "site", label: "Site" },
  { section: "webhooks", label: "Webhooks" },
  { section: "people", label: "People" },
  { section: "account", label: "Account" },
] as const;

type Section = (typeof SECTIONS)[number]["section"];

interface Route {
  section: Section;
  /** A publication's id, or "new". */
  item?: string;
}

const OWN_PAGES: readonly Section[] = SECTIONS.map(({ section }) => section).filter(
  (section) => section !== "publications",
);

/** `#/publications/12` and the like; anything else is the publications list. */
export function routeOf(hash: string): Route {
  const [section, item] = hash.replace(/^#\/?/, "").split("/");
  const known = OWN_PAGES.find((page) => page === section);
  if (known) return { section: known };
  return { section: "publications", item: item || undefined };
}

/** Whether the person signed in may use a section: the rest are not offered to them at all. */
export function offers(session: Session, section: Section): boolean {
  if (section === "counters") return mayUse(session, "counters");
  if (section === "site" || section === "webhooks") return mayUse(session, "site");
  if (section === "people") return mayUse(session, "admin");
  return true;
}

/**
 * The console's frame: its sections by the address's hash, so the back
 * button and bookmarks work.
 *
 * @element chancery-console
 */
export class ConsoleApp extends LightElement {
  #route = routeOf(location.hash);
  #session = readSession();

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
    if (!offers(this.#session, section))
      return html`<h1 tabindex="-1">Not for your role</h1>
        <p>This section is for an admin; you are a ${this.#session.editor.role}.</p>`;
    if (section === "queue") return html`<console-queue></console-queue>`;
    if (section === "people") return html`<console-people></console-people>`;
    if (section === "account") return html`<console-account></console-account>`;
    if (section === "media") return html`<console-media></console-media>`;
    if (section === "translations") return html`<console-translations></console-translations>`;
    if (section === "counters") return html`<console-counters></console-counters>`;
    if (section === "site") return html`<console-site></console-site>`;
    if (section === "webhooks") return html`<console-webhooks></console-webhooks>`;
    // Keyed: another publication's address (a new translation's) gets an editor of its own.
    if (item)
      return keyed(
        item,
        html`<console-publication-editor .publicationId=${item === "new" ? undefined : Number(item)}></console-publication-editor>`,
      );
    return html`<console-publications></console-publications>`;
  }

  override render() {
    return html`<nav class="sections" aria-label="Console">
        <ul>
          ${SECTIONS.filter(({ section }) => offers(this.#session, section)).map(
            ({ section, label }) =>
              html`<li><a href="#/${section}" aria-current=${section === this.#route.section ? "page" : "false"}>${label}</a></li>`,
          )}
        </ul>
      </nav>
      <main>${this.#section()}</main>`;
  }
}
