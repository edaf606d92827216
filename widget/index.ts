/**
 * The one script a page embeds: a loader that fetches an element's code only
 * when the page has that element, now or later. Loading it twice, or beside
 * other custom elements, is harmless.
 *
 * @example <script type="module" src="https://embassy.example/widget.js"></script>
 */
import { elements } from "./elements";

/**
 * For each element of the registry, the chunks its code is in and their
 * Subresource Integrity; the build fills it in (scripts/build-widget.ts)
 * and fails when an element has none.
 */
declare const WIDGET_CHUNKS: Record<string, Record<string, string>>;

const waiting = new Map(Object.entries(elements));
const preloaded = new Set<string>();

/**
 * The snippet's integrity vouches for this loader only. Preloading every
 * chunk with its own integrity before the import puts the checked copy in
 * the module map, where the import and the chunks' own imports find it; a
 * chunk that differs by one byte is refused, and its element never defined.
 */
function preload(chunks: Record<string, string>): void {
  for (const [path, integrity] of Object.entries(chunks)) {
    const href = new URL(path, import.meta.url).href;
    if (preloaded.has(href)) continue;
    preloaded.add(href);
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = href;
    link.integrity = integrity;
    link.crossOrigin = "anonymous";
    document.head.append(link);
  }
}

/**
 * A browser may run a cached `/widget.js` of the last release, whose chunks
 * a deploy has replaced: that copy asks once for the current loader, which
 * names the current chunks. The pinned copy stays with what its hash vouches for.
 */
function retryWithCurrentRelease(): void {
  const self = new URL(import.meta.url);
  if (self.pathname !== "/widget.js" || self.search) return;
  self.search = String(Date.now());
  import(self.href).catch(() => {});
}

function loadPresent(): void {
  for (const [name, load] of waiting) {
    if (customElements.get(name)) waiting.delete(name);
    else if (document.querySelector(name)) {
      waiting.delete(name);
      preload(WIDGET_CHUNKS[name]);
      load().then(
        (element) => customElements.get(name) || customElements.define(name, element),
        (error) => {
          // The page keeps the element's own content, its readable text without JavaScript.
          console.warn(`${name} could not load`, error);
          retryWithCurrentRelease();
        },
      );
    }
  }
  if (waiting.size === 0) watcher.disconnect();
}

// Elements a page adds later (a preview, a client-side route) load when they arrive.
const watcher = new MutationObserver(loadPresent);
watcher.observe(document, { childList: true, subtree: true });
loadPresent();
