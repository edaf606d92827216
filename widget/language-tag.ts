/**
 * Language tags as Intl reads them, for the worker, the widget and the
 * console alike: a tag Intl refuses would throw in any of its constructors.
 */

/** The tag in its canonical spelling ("en-gb" is "en-GB"); undefined for none or a malformed one. */
export function canonical(tag: string | null | undefined): string | undefined {
  try {
    return tag ? Intl.getCanonicalLocales(tag)[0] : undefined;
  } catch {
    return undefined;
  }
}
