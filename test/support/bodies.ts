/** Bodies at the edge of what the API accepts, shared by the hostile tests and the bench. */

/** The longest body a publication accepts, in characters. */
export const BODY_LIMIT = 500_000;

/** The body limit filled with `unit`: what made the old Markdown parser take seconds. */
export const fill = (unit: string) => unit.repeat(Math.floor(BODY_LIMIT / unit.length));

/** A Markdown table of an office's hours, just under `length` characters. */
export function hoursTable(length: number, office = "Consular section"): string {
  const lines = ["| Office | Date | Hours |", "| --- | --- | --- |"];
  let size = lines.join("\n").length;
  for (let day = 0; ; day++) {
    const line = `| ${office} ${day} | 2020-10-${String((day % 28) + 1).padStart(2, "0")} | 9:00 to 17:00 |`;
    if (size + 1 + line.length > length) return lines.join("\n");
    lines.push(line);
    size += 1 + line.length;
  }
}

/** The smallest PNG: one transparent pixel. */
export const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="),
  (c) => c.charCodeAt(0),
);
