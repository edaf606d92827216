import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { decodeClientDataJSON } from "@simplewebauthn/server/helpers";
import type * as v from "valibot";
import { insertChallenge, type Purpose, takeChallenge } from "../data/challenges";
import { credentialsOf, type NewPasskey, type StoredPasskey } from "../data/passkeys";
import type { Database } from "../data/sql";
import type { AuthenticationResponse, RegistrationResponse } from "../schemas/passkey";
import { fromBase64Url, toBase64Url } from "./digest";
import { problem } from "./problem";

/** A ceremony's challenge is good for five minutes, once. */
const CHALLENGE_MS = 5 * 60 * 1000;

/**
 * The relying party is the site itself as the browser reached it: passkeys
 * are bound to its host name, and each answer must come from its origin.
 */
export function relyingParty(url: string) {
  const { hostname, origin } = new URL(url);
  return { rpID: hostname, origin };
}

/** Why a ceremony failed, in words for the person; the route chooses the status. */
export class CeremonyFailure extends Error {}

async function storeChallenge(db: Database, challenge: string, purpose: Purpose, personId: number | null) {
  const now = Date.now();
  const [, stored] = await db.batch(
    insertChallenge(
      db,
      { challenge, purpose, personId, expiresAt: new Date(now + CHALLENGE_MS).toISOString() },
      new Date(now).toISOString(),
    ),
  );
  if (stored.meta.changes === 0) {
    throw problem(
      429,
      "Too many sign-ins are under way at once; try again in a minute.",
      {},
      { "Retry-After": "60" },
    );
  }
}

/**
 * Takes the challenge the browser signed (it is in the client data), once;
 * a registration's must have been given to `personId`.
 */
async function takeSigned(db: Database, clientDataJSON: string, purpose: Purpose, personId?: number) {
  let challenge: string;
  try {
    challenge = decodeClientDataJSON(clientDataJSON).challenge;
  } catch {
    throw new CeremonyFailure("The browser's answer cannot be read; try again.");
  }
  const taken = await takeChallenge(db, challenge, purpose, new Date().toISOString());
  if (!taken || (personId !== undefined && taken.personId !== personId)) {
    throw new CeremonyFailure("This passkey prompt has expired or was already answered; try again.");
  }
  return challenge;
}

/**
 * What both ceremonies check the browser's answer against: the challenge
 * given, this site's origin and host, and the person verified (a PIN,
 * a fingerprint, the screen lock): a passkey stands in for a password, so a
 * key that is merely touched does not.
 */
function expected(url: string, challenge: string) {
  const { rpID, origin } = relyingParty(url);
  return {
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
  };
}

/** A ceremony's verification if it holds; a CeremonyFailure saying `failure` (and the library's reason) if not. */
async function held<T extends { verified: boolean }>(
  verification: Promise<T>,
  failure: string,
): Promise<T & { verified: true }> {
  const result = await verification.catch((error: Error) => {
    throw new CeremonyFailure(`${failure}: ${error.message}`);
  });
  if (!result.verified) throw new CeremonyFailure(`${failure}.`);
  return result as T & { verified: true };
}

/** What the browser needs to make a passkey for `person`; its challenge is stored for them. */
export async function registrationOptions(
  db: Database,
  url: string,
  siteName: string,
  person: { id: number; name: string; email: string },
) {
  const options = await generateRegistrationOptions({
    rpName: siteName,
    rpID: relyingParty(url).rpID,
    userName: person.email,
    userDisplayName: person.name,
    // The person's id, not their e-mail: an authenticator may show its user handle to anyone holding it.
    userID: new Uint8Array(new TextEncoder().encode(`person:${person.id}`)),
    attestationType: "none",
    excludeCredentials: await credentialsOf(db, person.id),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  await storeChallenge(db, options.challenge, "register", person.id);
  return options;
}

/** The new passkey the browser made for `personId`, verified; a CeremonyFailure otherwise. */
export async function verifiedRegistration(
  db: Database,
  url: string,
  personId: number,
  response: v.InferOutput<typeof RegistrationResponse>,
  name: string,
): Promise<NewPasskey> {
  const challenge = await takeSigned(db, response.response.clientDataJSON, "register", personId);
  const verification = await held(
    verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      ...expected(url, challenge),
    }),
    "The new passkey could not be verified",
  );
  const { credential } = verification.registrationInfo;
  return {
    id: credential.id,
    personId,
    publicKey: toBase64Url(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ?? [],
    name,
    createdAt: new Date().toISOString(),
  };
}

/** What the browser needs to sign in with any passkey of this site: the person picks one. */
export async function signInOptions(db: Database, url: string) {
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(url).rpID,
    allowCredentials: [],
    userVerification: "required",
  });
  await storeChallenge(db, options.challenge, "sign-in", null);
  return options;
}

/**
 * Checks a sign-in's signature with the stored passkey the browser names.
 * Gives whose it is and the signature counter to store; a CeremonyFailure otherwise.
 */
export async function verifiedSignIn(
  db: Database,
  url: string,
  response: v.InferOutput<typeof AuthenticationResponse>,
  passkey: StoredPasskey | undefined,
): Promise<{ personId: number; counter: number }> {
  const challenge = await takeSigned(db, response.response.clientDataJSON, "sign-in");
  if (!passkey) throw new CeremonyFailure("This passkey is not one of this site's; sign in with another.");
  const verification = await held(
    verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      ...expected(url, challenge),
      credential: {
        id: passkey.id,
        publicKey: new Uint8Array(fromBase64Url(passkey.publicKey)),
        counter: passkey.counter,
        transports: passkey.transports,
      },
    }),
    "The passkey's signature does not hold",
  );
  return { personId: passkey.personId, counter: verification.authenticationInfo.newCounter };
}
