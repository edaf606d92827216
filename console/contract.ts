/**
 * What the console page and its script agree on; shared by the worker,
 * which writes the page, and the script, which reads it.
 */

/** The id of the JSON the page carries: `{ editor, csrf, policy }`. */
export const CONSOLE_DATA_ID = "console-data";

/** The header that carries the session's CSRF secret with every write. */
export const CSRF_HEADER = "X-CSRF-Token";
