import { createRemoteJWKSet, jwtVerify } from "jose";
import type { Bindings } from "../bindings";

/** The header Cloudflare Access adds to every request it lets through to the worker. */
export const ACCESS_HEADER = "Cf-Access-Jwt-Assertion";

/**
 * What Access says of a request: nothing (not configured, or no token),
 * a token that does not hold, or the e-mail it vouches for.
 */
export type AccessVerdict =
  | { kind: "absent" }
  | { kind: "refused"; reason: string }
  | { kind: "verified"; email: string };

/** The team's address as Access writes it in `iss`: https://<team>.cloudflareaccess.com. */
const teamOrigin = (domain: string) =>
  new URL(/^https?:\/\//.test(domain) ? domain : `https://${domain}`).origin;

// One key set per team for the isolate's life: jose caches the keys and refetches on an unknown `kid`, as Access rotates them.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keysOf(team: string) {
  let keys = keySets.get(team);
  if (!keys) {
    keys = createRemoteJWKSet(new URL("/cdn-cgi/access/certs", team));
    keySets.set(team, keys);
  }
  return keys;
}

/**
 * Checks the request's Access token as Cloudflare documents it: signed by
 * one of the team's keys, issued by the team, for this application's
 * audience, and not expired. Only when the site names a team and audience.
 */
export async function accessVerdict(
  env: Pick<Bindings, "ACCESS_TEAM_DOMAIN" | "ACCESS_AUD">,
  request: Request,
): Promise<AccessVerdict> {
  const token = request.headers.get(ACCESS_HEADER);
  if (!env.ACCESS_TEAM_DOMAIN || !env.ACCESS_AUD || !token) return { kind: "absent" };
  const team = teamOrigin(env.ACCESS_TEAM_DOMAIN);
  try {
    const { payload } = await jwtVerify(token, keysOf(team), {
      issuer: team,
      audience: env.ACCESS_AUD,
      algorithms: ["RS256"],
      requiredClaims: ["exp", "email"],
    });
    if (typeof payload.email !== "string") return { kind: "refused", reason: "it names no e-mail" };
    return { kind: "verified", email: payload.email.toLowerCase() };
  } catch (error) {
    return { kind: "refused", reason: (error as Error).message };
  }
}
