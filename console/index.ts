/** The editors' console: every element it uses, defined once. */
import { ConsoleApp } from "./app";
import { ConsoleCounters } from "./counters";
import { ConsoleMedia } from "./media";
import { ConsolePreviewLinks } from "./preview-links";
import { ConsolePublicationEditor } from "./publication-editor";
import { ConsolePublications } from "./publications";
import { ConsoleSite } from "./site-settings";

const elements: Record<string, CustomElementConstructor> = {
  "chancery-console": ConsoleApp,
  "console-publications": ConsolePublications,
  "console-publication-editor": ConsolePublicationEditor,
  "console-preview-links": ConsolePreviewLinks,
  "console-media": ConsoleMedia,
  "console-counters": ConsoleCounters,
  "console-site": ConsoleSite,
};

for (const [name, element] of Object.entries(elements)) customElements.define(name, element);
