/**
 * What the elements share, imported from this one module. esbuild puts a
 * module in the chunk of the set of elements that reach it: were each
 * element to import only the helpers it uses, the timer (which the events
 * list does not use) and the rest would come as separate chunks, each one
 * more request and a gzip dictionary of its own. Through here every element
 * reaches all of them, so they come as one chunk.
 */
export { apiUrl, getJson } from "./api";
export { ChanceryElement } from "./element";
export { langOf, localeOf } from "./lang";
export { listen } from "./live";
export { css } from "./reactive";
export { Resource } from "./resource";
export * from "./shapes";
export { base, notice } from "./styles";
export { TickController } from "./tick-controller";
export * from "./time";
