/**
 * The one script a page embeds. It defines the elements and nothing else:
 * loading it twice, or beside other custom elements, is harmless.
 *
 * @example <script type="module" src="https://embassy.example/widget.js"></script>
 */
import { ChanceryClocks } from "./clocks";
import { ChanceryCounters } from "./counters";
import { ChanceryEvents } from "./events";
import { ChanceryToday } from "./today";

const elements: Record<string, CustomElementConstructor> = {
  "chancery-events": ChanceryEvents,
  "chancery-clocks": ChanceryClocks,
  "chancery-counters": ChanceryCounters,
  "chancery-today": ChanceryToday,
};

for (const [name, element] of Object.entries(elements)) {
  if (!customElements.get(name)) customElements.define(name, element);
}
