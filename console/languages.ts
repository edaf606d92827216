import { canonical } from "../widget/language-tag";

// The console speaks English, so languages are named in English.
const NAMES = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });

/**
 * A language as an editor reads it: "Russian (ru)"; the tag alone when Intl
 * knows no name for it or refuses it.
 */
export function languageName(tag: string): string {
  const valid = canonical(tag);
  const name = valid && NAMES.of(valid);
  return name && name !== valid ? `${name} (${tag})` : tag;
}
