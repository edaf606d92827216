/**
 * The language an element speaks: the one its page marks with `lang`, as
 * for any other text in the page. It asks the API for words in it and writes
 * dates in it; where the page marks none, the site's default language holds.
 */
import { canonical } from "./language-tag";

/**
 * The language of `element`: its own `lang` (attribute or property), else
 * the nearest ancestor's, through the shadow roots it sits in up to the
 * page's `<html lang>`. Undefined when nothing says, or when the nearest
 * says `lang=""` (unknown) or a malformed tag: then the site's default.
 * Every element calls it where it builds a URL or writes a date.
 * @example langOf(element) // "ru" inside <div lang="ru"> on an <html lang="en"> page
 */
export function langOf(element: HTMLElement): string | undefined {
  let lang: string | null | undefined = element.lang;
  let node: Element | undefined = element;
  while (!lang && node) {
    const marked: Element | null = node.closest("[lang]");
    lang = marked?.getAttribute("lang");
    // A document has no host, which ends the climb.
    node = marked ? undefined : (node.getRootNode() as ShadowRoot).host;
  }
  return canonical(lang);
}

/**
 * The locale dates are written in: the element's language, unless the
 * site's locale is a regional form of it ("en" on a site in "en-GB"), which
 * says more; the site's locale when the element has no language.
 * @example localeOf("en", "en-GB") // "en-GB"; localeOf("ru", "en-GB") // "ru"
 */
export function localeOf(lang: string | undefined, siteLocale?: string): string | undefined {
  return lang && !`${siteLocale}-`.startsWith(`${lang}-`) ? lang : siteLocale;
}
