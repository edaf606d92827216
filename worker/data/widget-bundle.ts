import { widgetBuild } from "../../dist/widget/bundle";

/**
 * The built widget as the worker names and describes it; its files are
 * among the static assets (dist/widget/), read with `builtFile`.
 */
export interface WidgetBundle {
  /** Names the content-addressed copy: `/widget/<hash>.js`. */
  hash: string;
  /** Subresource Integrity for the embed snippet. */
  integrity: string;
  bytes: number;
  /** The ETag of the /embed page's own script, which third-party pages never load. */
  embedPageHash: string;
  /** The ETag of the Custom Elements Manifest. */
  elementsHash: string;
}

/** Worked out by the build (scripts/build-widget.ts), so the worker's bundle holds no copy of the widget. */
export const widgetBundle: WidgetBundle = widgetBuild;
