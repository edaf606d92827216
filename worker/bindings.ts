import type { Database } from "./data/sql";

/**
 * The bindings the app sees: the runtime's, with D1 as this request's
 * session on it (worker/http/d1-session.ts), so every query of one request
 * reads one consistent state of the database, a replica's or the primary's.
 */
export type Bindings = Omit<Env, "DB"> & {
  DB: Database;
  /** Signs preview links; a secret (`wrangler secret put`), so `wrangler types` cannot see it. */
  PREVIEW_SECRET?: string;
  /**
   * Single sign-on through Cloudflare Access: the team's address
   * (https://<team>.cloudflareaccess.com) and the application's audience
   * tag. Both set, a request Access vouches for signs its person in; either
   * unset, people sign in with passkeys only. See wrangler.toml.
   */
  ACCESS_TEAM_DOMAIN?: string;
  ACCESS_AUD?: string;
};

/** The Hono environment of every route. */
export type AppEnv = { Bindings: Bindings };
