/**
 * Every element the widget offers, by tag, each with the code that makes it:
 * one line per element. The loader (index.ts) fetches an element's code only
 * when a page has the element.
 */
export const elements: Record<string, () => Promise<CustomElementConstructor>> = {
  "chancery-events": () => import("./events").then((module) => module.ChanceryEvents),
  "chancery-clocks": () => import("./clocks").then((module) => module.ChanceryClocks),
  "chancery-counters": () => import("./counters").then((module) => module.ChanceryCounters),
  "chancery-today": () => import("./today").then((module) => module.ChanceryToday),
  "chancery-publication": () => import("./publication").then((module) => module.ChanceryPublication),
  "chancery-frame": () => import("./frame-resizer").then((module) => module.ChanceryFrame),
  "chancery-framed": () => import("./frame-height").then((module) => module.ChanceryFramed),
  "chancery-alert": () => import("./alert").then((module) => module.ChanceryAlert),
};
