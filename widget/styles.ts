import { html, nothing } from "lit/html.js";
import { css } from "./reactive";
import type { Resource } from "./resource";

/**
 * What every element shares. Colours and fonts come from the host page;
 * custom properties (`--chancery-*`) and `::part` restyle the rest.
 */
export const base = css`
  :host {
    display: block;
    line-height: 1.5;
    /* Room for the expected lines before data arrives, so nothing below jumps. */
    min-height: calc(var(--chancery-reserve-lines, 1) * 1.5em);
    --_muted: var(--chancery-muted-color, color-mix(in srgb, currentColor 62%, transparent));
    --_gap: var(--chancery-gap, 0.75em);
  }
  :host([hidden]) {
    display: none;
  }
  ul,
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [part~="notice"] {
    color: var(--_muted);
    font-size: 0.875em;
    margin: 0.5em 0 0;
  }
  .fresh {
    animation: appear 0.3s ease-out;
  }
  @keyframes appear {
    from {
      opacity: 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .fresh {
      animation: none;
    }
  }
`;

/** Says when the data shown is an old copy, or that there is none: never both, as an old copy is data. */
export function notice(resource: Resource<unknown>, what: string, locale?: string) {
  const text =
    resource.savedAt !== undefined
      ? `Saved copy from ${new Date(resource.savedAt).toLocaleString(locale)}; ${what} could not be updated.`
      : resource.failed && resource.value === undefined
        ? `${what[0].toUpperCase()}${what.slice(1)} are unavailable right now.`
        : undefined;
  return text ? html`<p part="notice">${text}</p>` : nothing;
}
