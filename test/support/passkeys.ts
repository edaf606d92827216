/**
 * Passkeys in the browser tests: Chromium's own virtual authenticator
 * (DevTools' WebAuthn domain), which makes and uses real credentials as a
 * platform authenticator with a verified user would, and invitations made
 * in the stage's D1 as an admin's would be.
 */
import { createHash, randomBytes } from "node:crypto";
import type { CDPSession, Page } from "playwright-core";
import type { Database } from "./worker";

export interface VirtualAuthenticator {
  cdp: CDPSession;
  authenticatorId: string;
  /** The credential ids it holds, base64url as the site names them. */
  credentials(): Promise<string[]>;
}

/** Gives `page` a platform authenticator with resident keys and a verified user, as a laptop with a fingerprint has. */
export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    cdp,
    authenticatorId,
    async credentials() {
      const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
      // DevTools gives ids in plain base64; the site and its API use base64url.
      return credentials.map((credential) =>
        Buffer.from(credential.credentialId, "base64").toString("base64url"),
      );
    },
  };
}

/**
 * An invitation for person `personId`, as an admin makes one: only its
 * hash is stored. Gives the link's secret (what follows `#`).
 */
export async function invite(db: Database, personId: number, hoursLeft = 72): Promise<string> {
  const secret = randomBytes(32).toString("base64url");
  const now = Date.now();
  await db
    .prepare("INSERT INTO invitations (hash, person_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)")
    .bind(
      createHash("sha256").update(secret).digest("hex"),
      personId,
      new Date(now).toISOString(),
      new Date(now + hoursLeft * 3600_000).toISOString(),
    )
    .run();
  return secret;
}

/** The person who owns `token`. */
export async function ownerOf(db: Database, token: string): Promise<number> {
  const row = await db
    .prepare("SELECT person_id FROM tokens WHERE hash = ?1")
    .bind(createHash("sha256").update(token).digest("hex"))
    .first<{ person_id: number }>();
  if (!row) throw new Error("No token like this was issued in this stage");
  return row.person_id;
}
