/** Heights, in CSS pixels, a framed publication may take: a line of text at least, never a runaway page. */
const MIN_HEIGHT = 80;
const MAX_HEIGHT = 4000;

/**
 * Wraps the iframe of an embedded publication (the oEmbed answer's) and
 * gives it the height its page says it needs, so it shows whole without a
 * scroll bar. Only a message from the API's origin counts, and only from
 * one of the wrapped iframes: any other page or frame is ignored. Without
 * the widget the iframe keeps its fixed height.
 *
 * @element chancery-frame
 * @attr api - the API's origin; by default the one the script came from
 * @attr maxheight - the tallest, in CSS pixels, the iframes may grow (4000 by default)
 * @slot - the iframe(s) of chancery's embed pages
 */
export class ChanceryFrame extends HTMLElement {
  connectedCallback(): void {
    window.addEventListener("message", this.#onMessage);
    // A framed page that loaded before this listener told its height to no one: ask it again.
    // Posted to the API's origin only, so a frame that shows something else hears nothing.
    for (const iframe of this.querySelectorAll("iframe")) {
      iframe.contentWindow?.postMessage({ type: "chancery:measure" }, this.#origin());
    }
  }

  disconnectedCallback(): void {
    window.removeEventListener("message", this.#onMessage);
  }

  // The API's origin as api.ts reads it, written out: importing that module would bring the
  // elements' shared chunk to a page that has only frames.
  #origin = () => new URL(this.getAttribute("api") || import.meta.url).origin;

  #onMessage = (event: MessageEvent) => {
    if (event.origin !== this.#origin()) return;
    const { type, height } = event.data ?? {};
    if (type !== "chancery:height" || typeof height !== "number" || !Number.isFinite(height)) return;
    const frame = [...this.querySelectorAll("iframe")].find(
      (iframe) => iframe.contentWindow === event.source,
    );
    if (!frame) return;
    const most = Number(this.getAttribute("maxheight")) || MAX_HEIGHT;
    // The consumer's limit wins over the floor: it may have room for less.
    frame.height = String(Math.round(Math.min(most, Math.max(MIN_HEIGHT, height))));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    "chancery-frame": ChanceryFrame;
  }
}
