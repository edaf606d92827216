/**
 * A small XML writer for feeds and the sitemap. Text given as a string is
 * always escaped; only what `element` or `cdata` returned goes out as markup,
 * so no stored field can open or close an element whatever it holds.
 */

/** Markup written by `element` or `cdata`, the one thing written as it is. */
export class Xml {
  constructor(readonly markup: string) {}
}

export type Attributes = Record<string, string | undefined>;
export type Child = Xml | string | undefined;

/**
 * What XML 1.0 allows (its production `Char`). Everything else (C0 controls
 * but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates) makes the whole
 * document ill-formed for every reader, so it is dropped.
 */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN, "gu");

// A search per character, in order ("&" first), rather than a callback per match.
const TEXT_ENTITIES: [string, string][] = [
  ["&", "&amp;"],
  ["<", "&lt;"],
  [">", "&gt;"],
  // A reader turns a raw CR into LF: as a reference, it reads back as stored.
  ["\r", "&#13;"],
];
// In an attribute a reader also turns tab and LF into spaces.
const ATTRIBUTE_ENTITIES: [string, string][] = [
  ...TEXT_ENTITIES,
  ['"', "&quot;"],
  ["\t", "&#9;"],
  ["\n", "&#10;"],
];

const allowed = (text: string) => (FORBIDDEN.test(text) ? text.replace(FORBIDDEN_ALL, "") : text);

function escaped(text: string, entities: [string, string][]): string {
  let result = allowed(text);
  for (const [character, entity] of entities) result = result.replaceAll(character, entity);
  return result;
}

function attributes(list: Attributes): string {
  return Object.entries(list)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escaped(value, ATTRIBUTE_ENTITIES)}"`)
    .join("");
}

/**
 * An element; names are the writer's own, never a stored field's.
 * @example element("title", {}, "Fish & chips <b>") // <title>Fish &amp; chips &lt;b&gt;</title>
 */
export function element(name: string, attributeList: Attributes, ...children: Child[]): Xml {
  const content = children
    .map((child) => (child instanceof Xml ? child.markup : escaped(child ?? "", TEXT_ENTITIES)))
    .join("");
  const open = `${name}${attributes(attributeList)}`;
  return new Xml(content ? `<${open}>${content}</${name}>` : `<${open}/>`);
}

/**
 * HTML as a CDATA section: half the size of escaped text and a single search
 * to write, for bodies of half a million characters. Every "]]>" in it is
 * split across two sections, so none can end it early.
 * @example cdata("a]]>b") // <![CDATA[a]]]]><![CDATA[>b]]>
 */
export function cdata(html: string): Xml {
  return new Xml(`<![CDATA[${allowed(html).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`);
}

/** A whole document around its root element. */
export function xmlDocument(root: Xml): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${root.markup}\n`;
}

/**
 * Plain text as HTML that shows it as it is, for the fields readers take as
 * HTML whatever the feed says (RSS descriptions).
 * @example asHtml("<b>") // "&lt;b&gt;", which an RSS reader shows as "<b>"
 */
export const asHtml = (text: string): string => escaped(text, TEXT_ENTITIES);
