import { apiUrl } from "./api";
import { langOf } from "./lang";
import { type PropertyDeclarations, ReactiveElement } from "./reactive";
import { Resource } from "./resource";
import { parseSite } from "./shapes";

const speakers = new Set<ChanceryElement>();
let observer: MutationObserver | undefined;

/**
 * What every element of the widget is: one that reads an API (`api`) in a
 * language (`lang`), drawn again when a `lang` around it changes. Written
 * once here rather than in each element, whose code the page fetches apart.
 */
export class ChanceryElement extends ReactiveElement {
  // Typed as any declarations, so each element adds its own: ReactiveElement merges them with these.
  static override properties: PropertyDeclarations = { api: {}, lang: {} };

  /** The API's origin; by default the one the script came from. */
  declare api: string | null;
  /**
   * The language (BCP 47) the element speaks: it asks the API for texts and
   * words in it and writes dates in it. By default the nearest `lang` of the
   * page around the element, else the site's default language.
   */
  declare lang: string;

  /**
   * Drawn again when a `lang` in the page changes (a page that switches
   * language in place, without reloading, sets `<html lang>`): one observer
   * for every element; the element's own attribute Lit observes. Changes
   * inside other components' shadow roots are not seen.
   */
  override connectedCallback(): void {
    super.connectedCallback();
    if (!observer) {
      observer = new MutationObserver(() => {
        for (const element of speakers) element.requestUpdate();
      });
      observer.observe(document.documentElement, { attributeFilter: ["lang"], subtree: true });
    }
    speakers.add(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    speakers.delete(this);
  }

  /** The site's settings in the element's language, read while `needed` says so (by default always). */
  protected readSite(needed = () => true) {
    return new Resource(this, {
      url: () => (needed() ? apiUrl(this.api, "/api/v1/site", { lang: langOf(this) }) : undefined),
      parse: parseSite,
      topics: ["site"],
    });
  }
}
