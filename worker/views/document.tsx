import { raw } from "hono/html";
import type { Child } from "hono/jsx";

/** About what a search result shows of a page's description; longer ones are cut there. */
const DESCRIPTION_LENGTH = 160;

/** `text` on one line, cut at a word within `DESCRIPTION_LENGTH` characters, an ellipsis saying so. */
export function brief(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= DESCRIPTION_LENGTH) return line;
  const cut = line.slice(0, DESCRIPTION_LENGTH);
  const end = cut.lastIndexOf(" ");
  return `${cut.slice(0, end > 0 ? end : DESCRIPTION_LENGTH - 1).replace(/[\s,.;:!?–—-]+$/, "")}…`;
}

/**
 * Every HTML page: the doctype, without which browsers draw in quirks mode,
 * `<html>` in the page's language and the head every page carries, its
 * description included (what search results and link previews show);
 * `head` adds the page's own links.
 */
export function Document(props: {
  title: string;
  description: string;
  lang?: string;
  head?: Child;
  children: Child;
}) {
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={props.lang ?? "en"}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title}</title>
          <meta name="description" content={brief(props.description)} />
          {props.head}
        </head>
        <body>{props.children}</body>
      </html>
    </>
  );
}
