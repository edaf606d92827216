/** Attributes that hold an address, by element. */
const ADDRESSES = { a: "href", img: "src" } as const;

/**
 * The body with its site-relative addresses (`/media/…`) made absolute:
 * feed readers show a body away from the site, where `/media/…` means nothing.
 * @example await absoluteUrls('<img src="/media/a.png">', "https://embassy.example")
 */
export async function absoluteUrls(html: string, origin: string): Promise<string> {
  let rewriter = new HTMLRewriter();
  for (const [element, attribute] of Object.entries(ADDRESSES)) {
    rewriter = rewriter.on(`${element}[${attribute}^="/"]`, {
      element(found) {
        const value = found.getAttribute(attribute) ?? "";
        // "//host/…" already names its host.
        if (!value.startsWith("//")) found.setAttribute(attribute, new URL(value, origin).href);
      },
    });
  }
  return rewriter.transform(new Response(html)).text();
}
