import { type Context, Hono } from "hono";
import { setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import type { AppEnv } from "../bindings";
import { findInvitation, spentInvitation, useInvitation } from "../data/invitations";
import { findPasskey, insertPasskey, usePasskey } from "../data/passkeys";
import { insertSession, type SignedInVia } from "../data/sessions";
import { readSite } from "../data/site";
import type { Database } from "../data/sql";
import { limitBody } from "../http/body-limit";
import {
  clientOf,
  limitPrompts,
  randomSecret,
  SESSION_COOKIE,
  tokenHash,
  withinSignInLimit,
} from "../http/editor-auth";
import { problem } from "../http/problem";
import { parseBody } from "../http/validate";
import {
  CeremonyFailure,
  registrationOptions,
  signInOptions,
  verifiedRegistration,
  verifiedSignIn,
} from "../http/webauthn";
import { JoinInput, JoinOptionsInput, SignInInput } from "../schemas/passkey";
import { readJson } from "./editor/shared";

const SESSION_SECONDS = 12 * 60 * 60;
// A WebAuthn answer with its attestation is a few KB; anything far larger is not from our page.
const CEREMONY_BYTES = 32 * 1024;

/**
 * A new console session for `personId`: the statement that stores it (to
 * batch with what signing in changes), and the cookie that names it, set on
 * the answer: HttpOnly, Secure, SameSite=Strict and `__Host-`, for 12 hours.
 */
export async function startSession(c: Context, personId: number, via: SignedInVia, invitation?: string) {
  const id = randomSecret();
  const idHash = await tokenHash(id);
  const now = Date.now();
  const session = {
    idHash,
    personId,
    csrf: randomSecret(),
    via,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + SESSION_SECONDS * 1000).toISOString(),
  };
  const statement = insertSession(c.env.DB, session, invitation);
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    path: "/",
    maxAge: SESSION_SECONDS,
  });
  return { statement, idHash };
}

/**
 * A failed ceremony counts against the client, so passkeys and invitations
 * cannot be tried at speed; past the limit it is a 429.
 */
async function refuse(c: Context<AppEnv>, status: 401 | 404 | 409 | 410, detail: string): Promise<never> {
  if (!(await withinSignInLimit(c.env, clientOf(c)))) {
    throw problem(
      429,
      "Too many failed sign-ins from here; wait a minute and try again.",
      {},
      { "Retry-After": "60" },
    );
  }
  throw problem(status, detail);
}

/** A ceremony that failed is refused as `status`; any other error goes on to onError. */
const refusedAs = (c: Context<AppEnv>, status: 401 | 409) => (error: unknown) =>
  error instanceof CeremonyFailure ? refuse(c, status, error.message) : Promise.reject(error);

const SPENT = {
  used: [
    410,
    "This invitation has been used. Sign in with your passkey, or ask an admin for a new invitation.",
  ],
  expired: [410, "This invitation has expired (they last 72 hours). Ask an admin for a new one."],
  unknown: [
    404,
    "This invitation is not known here. Check that you copied the whole link, or ask an admin for a new one.",
  ],
} as const;

/** The live invitation with secret `secret`; else a 404 or 410 that says why and what to do. */
async function liveInvitation(c: Context<AppEnv>, db: Database, secret: string) {
  const hash = await tokenHash(secret);
  const now = new Date().toISOString();
  const invitation = await findInvitation(db, hash, now);
  if (invitation) return invitation;
  const [status, detail] = SPENT[await spentInvitation(db, hash, now)];
  return refuse(c, status, detail);
}

/**
 * The body of a ceremony's request: JSON only, which a page of another site
 * cannot send here without CORS, and that is not offered.
 */
async function ceremonyBody(c: Context<AppEnv>) {
  return (await readJson(c)).value;
}

// hono/csrf turns away forms posted from other origins; JSON from them is stopped by CORS.
const sameOrigin = [csrf(), limitBody(CEREMONY_BYTES)] as const;

const noContent = (c: Context) => {
  c.header("Cache-Control", "private, no-store");
  return c.body(null, 204);
};

/**
 * The console's sign-in ceremonies, same-origin only: joining on an
 * invitation (registering a first passkey) and signing in with a passkey.
 * Each ends with a session; the page then goes to /admin.
 */
export const signIn = new Hono<AppEnv>()
  .post("/join/options", ...sameOrigin, limitPrompts, async (c) => {
    const { invitation } = parseBody(JoinOptionsInput, await ceremonyBody(c));
    const { person } = await liveInvitation(c, c.env.DB, invitation);
    const site = await readSite(c.env.DB);
    const options = await registrationOptions(c.env.DB, c.req.url, site.name, person);
    c.header("Cache-Control", "private, no-store");
    return c.json({ person: { name: person.name, email: person.email }, options });
  })
  .post("/join", ...sameOrigin, async (c) => {
    const input = parseBody(JoinInput, await ceremonyBody(c));
    const invitation = await liveInvitation(c, c.env.DB, input.invitation);
    const passkey = await verifiedRegistration(
      c.env.DB,
      c.req.url,
      invitation.person.id,
      input.response,
      input.name,
    ).catch(refusedAs(c, 409));
    const session = await startSession(c, invitation.person.id, "invitation", invitation.hash);
    const spending = { invitation: invitation.hash, session: session.idHash };
    // One batch: the invitation spent first, then the passkey and the session, written only if this join spent it.
    const [spent] = await c.env.DB.batch([
      useInvitation(c.env.DB, invitation.hash, passkey.createdAt, session.idHash),
      insertPasskey(c.env.DB, passkey, spending),
      session.statement,
    ]);
    if (spent.meta.changes === 0) {
      throw problem(410, "This invitation was used or ended a moment ago; ask an admin for a new link.");
    }
    return noContent(c);
  })
  .post("/sign-in/options", ...sameOrigin, limitPrompts, async (c) => {
    c.header("Cache-Control", "private, no-store");
    return c.json(await signInOptions(c.env.DB, c.req.url));
  })
  .post("/sign-in", ...sameOrigin, async (c) => {
    const { response } = parseBody(SignInInput, await ceremonyBody(c));
    const passkey = await findPasskey(c.env.DB, response.id);
    const { personId, counter } = await verifiedSignIn(c.env.DB, c.req.url, response, passkey).catch(
      refusedAs(c, 401),
    );
    await c.env.DB.batch([
      usePasskey(c.env.DB, response.id, counter, new Date().toISOString()),
      (await startSession(c, personId, "passkey")).statement,
    ]);
    return noContent(c);
  });
