import { insertInvitation } from "../data/invitations";
import {
  endAccess,
  findPerson,
  insertPerson,
  invitationAnswer,
  invitedAnswer,
  isLastAdmin,
  personAnswer,
  personEntry,
  personExists,
  updatePerson,
} from "../data/people";
import { randomSecret, tokenHash } from "../http/editor-auth";
import type { Saved } from "../http/idempotency";
import { problem } from "../http/problem";
import { invitationExpiry, type PersonInput, type PersonPatch } from "../schemas/person";
import { commit, type Writer } from "./commit";

/**
 * Every write to people: inviting, changing, disabling, signing out. Each
 * is one batch, so a person disabled has no session or token left the
 * moment the write commits, and none is ended when it does not.
 */

/** The page an invitation's secret opens; `join` makes its URL from the secret. */
export type JoinLink = (secret: string) => string;

/** A new one-time link: the secret to show once, and what is stored of it. */
async function newInvitation(at: string) {
  const secret = randomSecret();
  return { secret, hash: await tokenHash(secret), expiresAt: invitationExpiry(at) };
}

const emailTaken = (email: string) => ({
  on: "people.email",
  detail: `Someone already has the e-mail ${email}; change theirs or send them a new invitation.`,
});

async function missing(writer: Writer, id: number) {
  const person = await findPerson(writer.db, id);
  if (!person) throw problem(404, `No person has the id ${id}.`);
  return person;
}

/** Adds a person and makes their first invitation, in one batch. */
export async function invitePerson(writer: Writer, input: PersonInput, join: JoinLink): Promise<Saved> {
  const { actor } = writer;
  const invitation = await newInvitation(actor.at);
  const link = { url: join(invitation.secret), expires_at: invitation.expiresAt };
  const saved = await commit(writer, {
    statements: [
      insertPerson(writer.db, input, actor),
      ...insertInvitation(writer.db, input.email, invitation, actor),
      personEntry(writer.db, input.email, "person.invite", { expires_at: invitation.expiresAt }, actor),
    ],
    answer: invitedAnswer(input.email, link, actor),
    status: 201,
    clash: emailTaken(input.email),
  });
  if (!saved) throw new Error("a person just added was not found");
  return saved;
}

/** A new link for person `id`: for a lost passkey or an expired link. Their earlier links end. */
export async function reinvite(writer: Writer, id: number, join: JoinLink): Promise<Saved> {
  const { actor } = writer;
  const invitation = await newInvitation(actor.at);
  const saved = await commit(writer, {
    statements: [
      ...insertInvitation(writer.db, id, invitation, actor),
      personEntry(writer.db, id, "person.invite", { expires_at: invitation.expiresAt }, actor),
    ],
    answer: invitationAnswer(id, invitation.hash, {
      url: join(invitation.secret),
      expires_at: invitation.expiresAt,
    }),
    status: 201,
  });
  if (saved) return saved;
  const person = await missing(writer, id);
  throw problem(409, `${person.name} is disabled; enable them before inviting them again.`);
}

/**
 * Changes person `id`. Disabling ends their sessions and revokes their
 * tokens in the same batch; a lower role cuts what their tokens may do at
 * once, as each request reads the role afresh.
 */
export async function editPerson(writer: Writer, id: number, patch: PersonPatch): Promise<Saved> {
  const { db, actor } = writer;
  const saved = await commit(writer, {
    statements: [
      updatePerson(db, id, patch, actor),
      ...(patch.disabled ? endAccess(db, id, "disabledNow", actor) : []),
    ],
    answer: personAnswer(id, actor),
    status: 200,
    clash: patch.email ? emailTaken(patch.email) : undefined,
  });
  if (saved) return saved;
  const person = await missing(writer, id);
  if (await isLastAdmin(db, id)) {
    const change = patch.disabled ? "disabled" : "made anything but an admin";
    throw problem(
      409,
      `${person.name} is the last admin, so cannot be ${change}; make someone else an admin first.`,
    );
  }
  throw new Error(`person ${id} was neither changed nor refused`);
}

/** Ends every session of person `id`, revokes all their tokens and cancels their unused invitations. */
export async function signOutEverywhere(writer: Writer, id: number): Promise<Saved> {
  const { db, actor } = writer;
  const saved = await commit(writer, {
    statements: [
      ...endAccess(db, id, "exists", actor),
      personEntry(db, id, "person.sign_out", { signed_out_at: actor.at }, actor),
    ],
    answer: personExists(id),
    status: 204,
  });
  if (!saved) throw problem(404, `No person has the id ${id}.`);
  return saved;
}
