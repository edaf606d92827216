/**
 * How the app reaches the site's one dispatcher, apart from its class:
 * routes and middleware import this, and the build (which loads the app in
 * Node to write the OpenAPI document) never loads the runtime's classes.
 */

/** Live connections one dispatcher holds; beyond them widgets keep polling. */
export const MAX_SOCKETS = 20_000;

/**
 * The site's dispatcher (worker/events/dispatcher.ts).
 * @example await dispatcherOf(env).wake("https://embassy.example")
 */
export const dispatcherOf = (env: Pick<Env, "DISPATCHER">) =>
  env.DISPATCHER.get(env.DISPATCHER.idFromName("site"));
