/** The editors' console: every element it uses, defined once. */
import { ConsoleAccount } from "./account";
import { ConsoleApp } from "./app";
import { ConsoleClearance, ConsoleHistory } from "./clearance";
import { ConsoleCounters } from "./counters";
import { ConsoleEmblem } from "./emblem";
import { ConsoleMedia } from "./media";
import { ConsolePeople } from "./people";
import { ConsolePreviewLinks } from "./preview-links";
import { ConsolePublicationEditor } from "./publication-editor";
import { ConsolePublications } from "./publications";
import { ConsoleQueue } from "./queue";
import { ConsoleSite } from "./site-settings";
import { ConsoleTranslate, ConsoleTranslationSource } from "./translate";
import { ConsoleTranslations } from "./translations";
import { ConsoleWebhooks } from "./webhooks";

const elements: Record<string, CustomElementConstructor> = {
  "chancery-console": ConsoleApp,
  "console-queue": ConsoleQueue,
  "console-publications": ConsolePublications,
  "console-publication-editor": ConsolePublicationEditor,
  "console-preview-links": ConsolePreviewLinks,
  "console-clearance": ConsoleClearance,
  "console-history": ConsoleHistory,
  "console-media": ConsoleMedia,
  "console-counters": ConsoleCounters,
  "console-site": ConsoleSite,
  "console-emblem": ConsoleEmblem,
  "console-people": ConsolePeople,
  "console-account": ConsoleAccount,
  "console-translate": ConsoleTranslate,
  "console-translation-source": ConsoleTranslationSource,
  "console-translations": ConsoleTranslations,
  "console-webhooks": ConsoleWebhooks,
};

for (const [name, element] of Object.entries(elements)) customElements.define(name, element);
