import { html } from "lit";
import { type Change, diffWords } from "./diff";

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

/** Two versions, and what changed from the first to the second in each field. */
export interface Comparison {
  left: Version;
  right: Version;
  changes: Record<"title" | "lead" | "body", Change[]>;
}

/**
 * Compares two versions word by word: the costly part of a comparison, so
 * made when what it compares changes, never on each render. Each one is a
 * measure in the browser's performance timeline, so anyone can see how long
 * it took and how often it ran.
 * @example compare(saved, yours).changes.title // [{kind:"same",text:"A "},…]
 */
export function compare(left: Version, right: Version): Comparison {
  const start = performance.now();
  const changes = {
    title: diffWords(left.title, right.title),
    lead: diffWords(left.lead, right.lead),
    body: diffWords(left.body, right.body),
  };
  performance.measure("console: compare versions", { start });
  return { left, right, changes };
}

const marked = (changes: Change[]) =>
  changes.map((change) =>
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

/** Two versions side by side, and what changed from the first to the second, word by word. */
export function comparison({ left, right, changes }: Comparison) {
  return html`<div class="side-by-side">${column(left)}${column(right)}</div>
    <h3>Changes from “${left.label}” to “${right.label}”</h3>
    <div class="diff">
      <p><strong>${marked(changes.title)}</strong></p>
      <p>${marked(changes.lead)}</p>
      <p class="body-text">${marked(changes.body)}</p>
    </div>`;
}
