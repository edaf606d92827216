import { html } from "lit";
import { diffWords } from "./diff";

/** The words of an HTML body, for comparing versions. */
export function textOf(body: string, format: "markdown" | "html" = "html"): string {
  if (format === "markdown") return body;
  return new DOMParser().parseFromString(body, "text/html").body.textContent ?? "";
}

/** One version as the comparison shows it. */
export interface Version {
  label: string;
  title: string;
  lead: string;
  body: string;
}

/** Two versions side by side, and what changed from the first to the second, word by word. */
export function comparison(left: Version, right: Version) {
  const diff = (before: string, after: string) =>
    diffWords(before, after).map((change) =>
      change.kind === "same"
        ? change.text
        : change.kind === "added"
          ? html`<ins>${change.text}</ins>`
          : html`<del>${change.text}</del>`,
    );
  const column = (side: Version) => html`<div>
    <h3>${side.label}</h3>
    <p><strong>${side.title}</strong></p>
    <p>${side.lead}</p>
    <p class="body-text">${side.body}</p>
  </div>`;
  return html`<div class="side-by-side">${column(left)}${column(right)}</div>
    <h3>Changes from “${left.label}” to “${right.label}”</h3>
    <div class="diff">
      <p><strong>${diff(left.title, right.title)}</strong></p>
      <p>${diff(left.lead, right.lead)}</p>
      <p class="body-text">${diff(left.body, right.body)}</p>
    </div>`;
}
