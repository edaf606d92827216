import { env } from "cloudflare:workers";
import { importJWK, type JWTPayload, SignJWT } from "jose";

type Key = Awaited<ReturnType<typeof importJWK>>;

let teamKey: Promise<Key> | undefined;

/** The local Cloudflare Access team's signing key (vitest.config.ts serves its public half). */
export const accessTeamKey = () => {
  teamKey ??= importJWK(JSON.parse(env.TEST_ACCESS_KEY), "RS256");
  return teamKey;
};

/**
 * A token as Access gives it (Cf-Access-Jwt-Assertion): signed by the
 * local team (or `key`, under `kid`), for the site's audience, an hour
 * long, unless `claims` say otherwise.
 */
export async function accessToken(claims: JWTPayload, key?: Key, kid?: string): Promise<string> {
  return new SignJWT({ type: "app", ...claims })
    .setProtectedHeader({ alg: "RS256", kid: kid ?? JSON.parse(env.TEST_ACCESS_KEY).kid })
    .setIssuer((claims.iss as string | undefined) ?? env.ACCESS_TEAM_DOMAIN ?? "")
    .setAudience((claims.aud as string | undefined) ?? env.ACCESS_AUD ?? "")
    .setIssuedAt()
    .setExpirationTime((claims.exp as number | undefined) ?? "1h")
    .sign(key ?? (await accessTeamKey()));
}
