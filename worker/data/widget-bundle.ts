import { widgetBuild } from "../../dist/widget/bundle";

/** One served file of the build: its ETag, Subresource Integrity and size. */
export interface WidgetFile {
  /** The ETag: a hash of the file's content. */
  hash: string;
  integrity: string;
  bytes: number;
}

/**
 * The built widget as the worker names and describes it; its files are
 * among the static assets (dist/widget/), read with `builtFile`.
 */
export interface WidgetBundle extends WidgetFile {
  /** The loader's own hash names its content-addressed copy, `/widget/<hash>.js`, pinned by `integrity`. */
  hash: string;
  /**
   * The elements' code, by file name (`/widget/<name>-<hash>.js`, named by
   * content), with the elements that load each file.
   */
  chunks: Record<string, WidgetFile & { elements: string[] }>;
  /** The ETag of the /embed page's own script, which third-party pages never load. */
  embedPageHash: string;
  /** The ETag of the Custom Elements Manifest. */
  elementsHash: string;
}

/** Worked out by the build (scripts/build-widget.ts), so the worker's bundle holds no copy of the widget. */
export const widgetBundle: WidgetBundle = widgetBuild;
