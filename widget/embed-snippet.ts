/**
 * The markup a site owner pastes: the script tag and the chosen elements.
 * Shared by the worker's /embed page and the page's own script, so the
 * snippet shown before and after an edit is written the same way.
 */

/** The fields `<chancery-events>` asks the API for. */
export const EVENT_FIELDS = "slug,lang,title,lead,published_at,url";

export type ElementName = "chancery-today" | "chancery-clocks" | "chancery-counters" | "chancery-events";

export interface EmbedChoice {
  name: ElementName;
  /** Attribute values; `true` writes a boolean attribute, empty and false ones are left out. */
  attributes: Record<string, string | boolean>;
}

const escapeAttribute = (value: string) =>
  value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");

export function elementMarkup({ name, attributes }: EmbedChoice): string {
  const written = Object.entries(attributes).flatMap(([key, value]) => {
    if (value === true) return [key];
    return value ? [`${key}="${escapeAttribute(value)}"`] : [];
  });
  return `<${[name, ...written].join(" ")}></${name}>`;
}

/**
 * @example embedSnippet('<script type="module" src="https://x.example/widget.js"></script>', [{ name: "chancery-today", attributes: {} }])
 */
export function embedSnippet(scriptTag: string, choices: EmbedChoice[]): string {
  return [scriptTag, ...choices.map(elementMarkup)].join("\n");
}

/** What /embed starts from: every element with its defaults. */
export const DEFAULT_CHOICES: EmbedChoice[] = [
  { name: "chancery-today", attributes: {} },
  { name: "chancery-clocks", attributes: {} },
  { name: "chancery-counters", attributes: {} },
  { name: "chancery-events", attributes: { limit: "10" } },
];

const OPTIONS: Record<ElementName, string[]> = {
  "chancery-today": [],
  "chancery-clocks": ["zones", "hour12", "seconds", "date"],
  "chancery-counters": ["only"],
  "chancery-events": ["limit", "kind", "refresh"],
};

/**
 * What every element takes, from one field for all: a widget speaks one
 * language (left empty, each element follows its page's `lang`).
 */
const SHARED_OPTIONS = ["lang"];

/**
 * Reads the /embed form: a checkbox per element named after it, its options
 * named `element.option`, the shared ones by their name alone; several
 * checked values of one option join with commas.
 */
export function choicesFrom(form: FormData): EmbedChoice[] {
  const value = (field: string) => {
    const values = form.getAll(field).map(String);
    return values.length === 1 && values[0] === "on" ? true : values.join(",").trim();
  };
  return (Object.keys(OPTIONS) as ElementName[])
    .filter((name) => form.has(name))
    .map((name) => ({
      name,
      attributes: Object.fromEntries([
        ...OPTIONS[name].map((option) => [option, value(`${name}.${option}`)]),
        ...SHARED_OPTIONS.map((option) => [option, value(option)]),
      ]),
    }));
}
