import { html } from "lit";

/** An instant as the console shows it: in the reader's zone and locale, its ISO form kept for machines. */
export const when = (iso: string) => html`<time datetime=${iso}>${new Date(iso).toLocaleString()}</time>`;
