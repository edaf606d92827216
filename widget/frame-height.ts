/**
 * The page that frames this one: the only origin told its height. Chromium
 * and Safari name it in `ancestorOrigins`; elsewhere the referrer does,
 * unless the framing page withholds it (then nothing is sent, and the frame
 * keeps its fixed height).
 */
function embedderOrigin(): string | undefined {
  const named = location.ancestorOrigins?.[0] ?? (document.referrer && new URL(document.referrer).origin);
  // An opaque origin ("null": a sandboxed or local page) cannot be addressed.
  return named && named !== "null" ? named : undefined;
}

/**
 * Tells the page that frames chancery's embed page how tall its content is,
 * whenever that changes (a web font arrives, the frame narrows and lines
 * wrap), as `{ type: "chancery:height", height }` posted to that page's
 * origin only, and again when that page asks (`chancery:measure`);
 * `<chancery-frame>` there resizes the iframe. Does nothing when the page
 * is not framed.
 *
 * @element chancery-framed
 * @slot - the framed page's content
 */
export class ChanceryFramed extends HTMLElement {
  #observer?: ResizeObserver;
  #target?: string;

  connectedCallback(): void {
    this.#target = embedderOrigin();
    if (window.parent === window || !this.#target) return;
    this.#observer = new ResizeObserver(this.#tell);
    this.#observer.observe(document.documentElement);
    window.addEventListener("message", this.#onAsked);
  }

  disconnectedCallback(): void {
    this.#observer?.disconnect();
    window.removeEventListener("message", this.#onAsked);
  }

  #tell = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (this.#target) window.parent.postMessage({ type: "chancery:height", height }, this.#target);
  };

  /** The framing page's widget may start after this page told its height: it asks again. */
  #onAsked = (event: MessageEvent) => {
    if (
      event.source === window.parent &&
      event.origin === this.#target &&
      event.data?.type === "chancery:measure"
    )
      this.#tell();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    "chancery-framed": ChanceryFramed;
  }
}
