/**
 * An alert's window, "Issued {issued} · until {until}" in the reader's
 * language, cut into its text and the places its two instants go, so the
 * server's banner and `<chancery-alert>` both write each instant as a
 * `<time>` in the site's zone and read the same.
 */

export type WindowPart = { text: string } | { at: "issued" | "until" };

/**
 * @example windowParts("Issued {issued} · until {until}")
 * // [{ text: "Issued " }, { at: "issued" }, { text: " · until " }, { at: "until" }]
 */
export function windowParts(template: string): WindowPart[] {
  return template
    .split(/\{(issued|until)\}/)
    .map((piece, index) => (index % 2 === 1 ? { at: piece as "issued" | "until" } : { text: piece }))
    .filter((part) => !("text" in part) || part.text !== "");
}
