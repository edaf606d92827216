import type { ReactiveController } from "lit";
import type { LiveTopic } from "../worker/schemas/event";
import { getJson, restore, save, takeCarried } from "./api";
import { listen } from "./live";
import type { ControllerHost } from "./reactive";

export interface ResourceOptions<T> {
  /** What to read; undefined while the element lacks what it needs. */
  url: () => string | undefined;
  /**
   * Accepts the JSON read from `url` when it has the expected shape (links
   * resolve against `url`); undefined means garbage.
   */
  parse: (json: unknown, url: string) => T | undefined;
  /** Seconds between refreshes; 0 or none for no refreshing. */
  refresh?: () => number;
  /** What the live channel names when this read changed: it is read again at once. */
  topics?: readonly LiveTopic[];
}

/**
 * The data an element shows, read from the API: refreshed on an interval
 * and when the page shows again. When the API fails or answers garbage, the
 * last good copy (from memory, else localStorage) stays, marked as old.
 * With `topics`, a notice on the live channel reads it again at once.
 */
export class Resource<T> implements ReactiveController {
  value?: T;
  /** When the copy shown was saved, if it is an old one because the API failed. */
  savedAt?: number;
  failed = false;
  #url?: string;
  #loadedAt = 0;
  #timer?: ReturnType<typeof setTimeout>;
  #live?: { origin: string; stop: () => void };

  constructor(
    private host: ControllerHost,
    private options: ResourceOptions<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener("visibilitychange", this.#onVisibility);
    this.load();
  }

  hostDisconnected(): void {
    document.removeEventListener("visibilitychange", this.#onVisibility);
    clearTimeout(this.#timer);
    this.#live?.stop();
    this.#live = undefined;
  }

  /** An attribute change that moves the URL reads again at once. */
  hostUpdate(): void {
    if (this.options.url() !== this.#url) this.load();
  }

  // Back in view after who knows how long: ask the API, not a copy the browser kept.
  #onVisibility = () => {
    if (!document.hidden) this.load(true);
  };

  /** Listens on the live channel of the API that `url` is on, unless already. */
  #listen(url: string): void {
    const { topics } = this.options;
    const origin = new URL(url).origin;
    if (!topics || this.#live?.origin === origin) return;
    this.#live?.stop();
    const stop = listen(url, (changed) => {
      if (changed.some((topic) => topics.includes(topic))) this.load(true);
    });
    this.#live = { origin, stop };
  }

  /** Reads again; `fresh` (a change was announced) makes the HTTP cache ask the API whether its copy still holds. */
  async load(fresh = false): Promise<void> {
    const url = this.options.url();
    this.#url = url;
    clearTimeout(this.#timer);
    if (!url) return;
    this.#listen(url);
    try {
      const json = takeCarried(this.host, url) ?? (await getJson(url, fresh));
      const value = this.options.parse(json, url);
      if (value === undefined) throw new Error("not the API's answer");
      if (url !== this.#url) return;
      this.value = value;
      this.savedAt = undefined;
      this.failed = false;
      this.#loadedAt = Date.now();
      save(url, json);
    } catch {
      if (url !== this.#url) return;
      this.failed = true;
      this.#restore(url);
    }
    this.host.requestUpdate();
    const seconds = this.options.refresh?.() ?? 0;
    if (seconds > 0) this.#timer = setTimeout(() => !document.hidden && this.load(), seconds * 1000);
  }

  #restore(url: string): void {
    if (this.value !== undefined) {
      this.savedAt ??= this.#loadedAt;
      return;
    }
    const saved = restore(url);
    const value = saved && this.options.parse(saved.json, url);
    if (value !== undefined && saved) {
      this.value = value;
      this.savedAt = saved.savedAt;
    }
  }
}
