import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { findPerson, listPeople } from "../../data/people";
import { limitBody } from "../../http/body-limit";
import type { EditorEnv } from "../../http/editor-auth";
import { editorRead, editorWrite, json } from "../../http/operations";
import { problem } from "../../http/problem";
import { parseBody, valid } from "../../http/validate";
import {
  INVITATION_HOURS,
  Invitation,
  Person,
  PersonCreated,
  PersonInput,
  PersonList,
  PersonParam,
  PersonPatch,
} from "../../schemas/person";
import { editPerson, invitePerson, type JoinLink, reinvite, signOutEverywhere } from "../../writes/people";
import { readJson, write } from "./shared";
import { refuseRetryKey, shownOnce } from "./shown-once";

// A person at their longest, each character escaped as `\uXXXX`, takes under 3 KB.
const PERSON_BYTES = 8 * 1024;
const TOO_LARGE = "The body is larger than 8 KB";
const NO_PERSON = { 404: "No person has this id" };
const ADMINS = "Needs an admin (and, from a token, the `admin` scope).";

/** The page a person registers a passkey on; the secret rides in the fragment, which no server or log sees. */
const joinLink =
  (requestUrl: string): JoinLink =>
  (secret) =>
    `${new URL(requestUrl).origin}/admin/join#${secret}`;

/** An admin's keeping of the people who may sign in: invite, change, disable, sign out. */
export const people = new Hono<EditorEnv>()
  .get(
    "/",
    describeRoute(
      editorRead({
        summary: "List people",
        description: `${ADMINS} Everyone, disabled people too, with their passkeys, latest sign-in and waiting invitation.`,
        answer: { description: "People, by name", content: json(PersonList) },
      }),
    ),
    async (c) => {
      c.header("Cache-Control", "private, no-store");
      return c.json({ people: await listPeople(c.env.DB) });
    },
  )
  .post(
    "/",
    describeRoute(
      shownOnce(
        editorWrite({
          summary: "Invite a person",
          description:
            `${ADMINS} Adds the person and answers with a one-time link, valid for ${INVITATION_HOURS} hours, ` +
            "on which they register a passkey. The link is shown this once; a lost one is replaced with " +
            "`POST /api/v1/people/{personId}/invitations`. The e-mail is stored lower-case. " +
            "Takes no `Idempotency-Key`: the link is kept nowhere, so it cannot be replayed.",
          status: 201,
          body: json(PersonInput),
          answer: { description: "Added, with their link", content: json(PersonCreated) },
          problems: { 409: "Someone already has this e-mail", 413: TOO_LARGE },
        }),
      ),
    ),
    limitBody(PERSON_BYTES),
    async (c) => {
      refuseRetryKey(c);
      const { text, value } = await readJson(c);
      const input = parseBody(PersonInput, value);
      return write(c, text, (writer) => invitePerson(writer, input, joinLink(c.req.url)));
    },
  )
  .get(
    "/:personId{[0-9]+}",
    describeRoute(
      editorRead({
        summary: "Read a person",
        description: ADMINS,
        answer: { description: "The person", content: json(Person) },
        problems: NO_PERSON,
      }),
    ),
    valid("param", PersonParam),
    async (c) => {
      const { personId } = c.req.valid("param");
      const person = await findPerson(c.env.DB, personId);
      if (!person) throw problem(404, `No person has the id ${personId}.`);
      c.header("Cache-Control", "private, no-store");
      return c.json(person);
    },
  )
  .patch(
    "/:personId{[0-9]+}",
    describeRoute(
      editorWrite({
        summary: "Change a person",
        description:
          `${ADMINS} Any of \`name\`, \`email\`, \`role\`, \`disabled\`. Disabling ends their sessions and ` +
          "revokes their tokens in the same write; a lower role cuts what their tokens may do at once. " +
          "The last enabled admin cannot be disabled or given another role.",
        status: 200,
        body: json(PersonPatch),
        answer: { description: "Saved", content: json(Person) },
        problems: {
          ...NO_PERSON,
          409: "Someone else has this e-mail, this is the last enabled admin, or a request with this `Idempotency-Key` is in progress",
          413: TOO_LARGE,
        },
      }),
    ),
    valid("param", PersonParam),
    limitBody(PERSON_BYTES),
    async (c) => {
      const { text, value } = await readJson(c);
      const patch = parseBody(PersonPatch, value);
      return write(c, text, (writer) => editPerson(writer, c.req.valid("param").personId, patch));
    },
  )
  .post(
    "/:personId{[0-9]+}/invitations",
    describeRoute(
      shownOnce(
        editorWrite({
          summary: "Send a person a new invitation",
          description:
            `${ADMINS} A new one-time link, valid for ${INVITATION_HOURS} hours, to register a passkey: for a lost ` +
            "passkey or an expired link. Their earlier unused links stop working. Shown this once; takes no " +
            "`Idempotency-Key`.",
          status: 201,
          answer: { description: "The new link", content: json(Invitation) },
          problems: { ...NO_PERSON, 409: "The person is disabled" },
        }),
      ),
    ),
    valid("param", PersonParam),
    (c) => {
      refuseRetryKey(c);
      return write(c, "", (writer) => reinvite(writer, c.req.valid("param").personId, joinLink(c.req.url)));
    },
  )
  .post(
    "/:personId{[0-9]+}/sign-out",
    describeRoute(
      editorWrite({
        summary: "Sign a person out everywhere",
        description: `${ADMINS} Ends all their console sessions and revokes all their tokens at once.`,
        status: 204,
        answer: { description: "Signed out" },
        problems: NO_PERSON,
      }),
    ),
    valid("param", PersonParam),
    (c) => write(c, "", (writer) => signOutEverywhere(writer, c.req.valid("param").personId)),
  );
