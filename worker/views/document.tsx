import { raw } from "hono/html";
import type { Child } from "hono/jsx";

/**
 * A page of the worker's own (the console, the API reference, /embed): the
 * doctype, without which browsers draw in quirks mode, the English `<html>`
 * and the head every such page carries; `head` adds the page's own links.
 */
export function Document(props: { title: string; head?: Child; children: Child }) {
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title}</title>
          {props.head}
        </head>
        <body>{props.children}</body>
      </html>
    </>
  );
}
