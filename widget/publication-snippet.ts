/**
 * The markup that shows one publication on another site, as the /embed
 * page offers it: the element with a plain link inside (what visitors read
 * before, or without, the script), and the address its oEmbed answer is at.
 */

/** As the API spells a slug (worker/schemas/common.ts). */
const SLUG = /^(?:[0-9]+-)*[0-9]*[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * The slug a publication's address or the slug itself names, on `origin`.
 * @example slugOf("https://embassy.example/publications/consular-hours", "https://embassy.example") // "consular-hours"
 */
export function slugOf(text: string, origin: string): string | undefined {
  const trimmed = text.trim();
  if (SLUG.test(trimmed)) return trimmed;
  try {
    const url = new URL(trimmed);
    const slug = /^\/publications\/([^/]+)\/?$/.exec(url.pathname)?.[1];
    return url.origin === origin && slug && SLUG.test(slug) ? slug : undefined;
  } catch {
    return undefined;
  }
}

/** A publication's page on the site. */
export const publicationPage = (origin: string, slug: string) => `${origin}/publications/${slug}`;

/** Where a consumer asks how to embed that page (oEmbed). */
export const oembedUrl = (origin: string, slug: string) =>
  `${origin}/oembed?url=${encodeURIComponent(publicationPage(origin, slug))}`;

/**
 * @example publicationSnippet('<script type="module" src="https://x.example/widget.js"></script>', "https://x.example", "visit", true)
 */
export function publicationSnippet(scriptTag: string, origin: string, slug: string, full: boolean): string {
  const element = `<chancery-publication slug="${slug}"${full ? " full" : ""}>`;
  const link = `<a href="${publicationPage(origin, slug)}">Read the publication</a>`;
  return [scriptTag, `${element}${link}</chancery-publication>`].join("\n");
}
