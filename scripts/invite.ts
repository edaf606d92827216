/**
 * Invitations: `npm run invite -- --email EMAIL --role ROLE`, against the
 * local D1 database or, with --remote, the deployed one. It adds the person
 * (or finds them by e-mail) and prints a one-time link, valid for 72 hours,
 * on which they register a passkey: how the first admin gets in, and how
 * anyone locked out gets back in. Only the hash of the link's secret is kept.
 */
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as v from "valibot";
import { INVITATION_HOURS, invitationExpiry, PersonName } from "../worker/schemas/person";
import { ROLES } from "../worker/vocabulary";
import {
  checkEmail,
  d1,
  d1Batch,
  hashToken,
  hint,
  readTarget,
  sqlString,
  type Target,
  UsageError,
} from "./token";

type Role = (typeof ROLES)[number];

/** Where `npm start` serves the site (wrangler dev's own port). */
export const DEFAULT_ORIGIN = "http://localhost:8787";

/** Who the audit log says made the invitation. */
const BY = "npm run invite";

export const USAGE = `Usage:
  npm run invite -- --email EMAIL --role ROLE [--name NAME] [--origin URL] [WHERE]
  npm run invite -- --help

Adds the person with EMAIL and prints a one-time link, valid for ${INVITATION_HOURS} hours, on which
they register a passkey. For someone already added it prints a new link and ends
their earlier ones (their name and role stay as they are; --role may be left out).
Roles: ${ROLES.join(", ")}.
NAME: what the audit log and the console call them; the part of EMAIL before @ if left out.
URL: the site's address, which the link starts with; ${DEFAULT_ORIGIN} (npm start) if left out.
WHERE: nothing for the local database of \`npm start\`; --persist-to DIR for one kept
elsewhere, as by \`wrangler dev --persist-to DIR\`; --remote for the deployed one.`;

export type Invite = {
  command: "invite";
  email: string;
  role?: Role;
  name?: string;
  origin: string;
  target: Target;
};

export type Command = { command: "help" } | Invite;

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: false,
    strict: true,
    options: {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      origin: { type: "string" },
      remote: { type: "boolean", default: false },
      "persist-to": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

export function checkRole(role: string | undefined): Role | undefined {
  if (role === undefined) return undefined;
  if (!(ROLES as readonly string[]).includes(role))
    throw new UsageError(`--role takes one of: ${ROLES.join(", ")}.`);
  return role as Role;
}

export function checkPersonName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const parsed = v.safeParse(PersonName, name);
  if (!parsed.success) throw new UsageError(`--name ${parsed.issues[0].message}.`);
  return parsed.output;
}

/** The site's origin, without a path: the link is `${origin}/admin/join#…`. */
export function checkOrigin(origin: string | undefined): string {
  if (origin === undefined) return DEFAULT_ORIGIN;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new UsageError(`--origin takes the site's address, such as https://news.embassy.example.`);
  }
  if (!["http:", "https:"].includes(url.protocol) || url.pathname !== "/" || url.search || url.hash) {
    throw new UsageError(
      "--origin takes an http(s) address with no path, such as https://news.embassy.example.",
    );
  }
  return url.origin;
}

/** Reads the command line; throws UsageError on anything it does not understand. */
export function parseCommand(argv: string[]): Command {
  let values: ReturnType<typeof parseOptions>["values"];
  try {
    values = parseOptions(argv).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { command: "help" };
  return {
    command: "invite",
    email: checkEmail(values.email),
    role: checkRole(values.role),
    name: checkPersonName(values.name),
    origin: checkOrigin(values.origin),
    target: readTarget(values),
  };
}

/** A link's secret (32 random bytes, base64url), the hash that is stored instead, and when it expires. */
export function newInvitation(at: string) {
  const secret = randomBytes(32).toString("base64url");
  return { secret, hash: hashToken(secret), expiresAt: invitationExpiry(at) };
}

/** The page the link opens; the secret is in the fragment, which no server log or Referer carries. */
export const joinUrl = (origin: string, secret: string) => `${origin}/admin/join#${secret}`;

export function personSql(email: string): string {
  return `SELECT id, name, role, disabled_at FROM people WHERE email = ${sqlString(email)}`;
}

export interface Person {
  id: number;
  name: string;
  role: Role;
  disabled_at: string | null;
}

/**
 * The statements of one invitation, run as one batch: the person added if
 * `person` is new, their earlier unused links ended, the new link stored as
 * its hash, and the audit log told. Values are quoted by sqlString, as the
 * --remote path takes no bound parameters.
 */
export function inviteSql(
  email: string,
  person: { name: string; role: Role } | undefined,
  invitation: { hash: string; expiresAt: string },
  at: string,
): string[] {
  const [e, by, when, hash, expires] = [email, BY, at, invitation.hash, invitation.expiresAt].map(sqlString);
  const who = `(SELECT id FROM people WHERE email = ${e})`;
  return [
    ...(person
      ? [
          `INSERT INTO people (name, email, role, created_at, changed_by) VALUES (${sqlString(person.name)}, ${e}, ` +
            `${sqlString(person.role)}, ${when}, ${by})`,
        ]
      : []),
    `UPDATE invitations SET expires_at = ${when} WHERE used_at IS NULL AND expires_at > ${when} AND person_id = ${who}`,
    `INSERT INTO invitations (hash, person_id, created_by, created_at, expires_at) ` +
      `SELECT ${hash}, id, ${by}, ${when}, ${expires} FROM people WHERE email = ${e} AND disabled_at IS NULL`,
    `INSERT INTO audit_log (at, actor, action, subject, request_id, change) ` +
      `SELECT ${when}, ${by}, 'person.invite', 'person:' || id, NULL, json_object('after', json_object('expires_at', ${expires})) ` +
      `FROM people WHERE email = ${e} AND disabled_at IS NULL`,
  ];
}

/** The invitation stored under `hash`, if the batch took. */
export function madeSql(hash: string): string {
  return `SELECT i.expires_at, p.name, p.role FROM invitations i JOIN people p ON p.id = i.person_id WHERE i.hash = ${sqlString(hash)}`;
}

/** Why no invitation can be made for someone known, or for someone new with what was given. */
export function refusal(invite: Invite, person: Person | undefined): string | undefined {
  if (person?.disabled_at) return `${person.name} is disabled; an admin enables them in the console first.`;
  if (!person && !invite.role)
    return `No one has the e-mail ${invite.email} yet; say which --role they have.`;
}

/** The person's name when none is given: the part of the e-mail before @. */
const nameFrom = (email: string) => email.slice(0, email.lastIndexOf("@"));

async function invite(command: Invite): Promise<void> {
  const { email, target } = command;
  const [person] = (await d1(personSql(email), target)) as unknown as Person[];
  const refused = refusal(command, person);
  if (refused) throw new Error(refused);
  const at = new Date().toISOString();
  const invitation = newInvitation(at);
  const added = person ? undefined : { name: command.name ?? nameFrom(email), role: command.role as Role };
  await d1Batch(inviteSql(email, added, invitation, at), target);
  const [made] = await d1(madeSql(invitation.hash), target);
  if (!made) throw new Error(`No invitation was made for ${email}; try again.`);
  const kept =
    person && (command.role ?? person.role) !== person.role
      ? ` (--role left aside: they stay ${person.role}; roles change in the console)`
      : "";
  console.log(
    `${added ? "Added" : "Found"} ${made.name}, ${made.role}${kept}, with the e-mail ${email}.
Their one-time link, valid until ${made.expires_at} (${INVITATION_HOURS} hours):

  ${joinUrl(command.origin, invitation.secret)}

It will not be shown again: only its hash is stored. Give it to them alone; on it they
register a passkey and are signed in. ${person ? "Their earlier links no longer work." : ""}`.trimEnd(),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const command = parseCommand(process.argv.slice(2));
    if (command.command === "help") console.log(USAGE);
    else await invite(command);
  } catch (error) {
    const failure = error as Error;
    console.error(`invite: ${failure.message}`);
    if (failure instanceof UsageError) console.error(`\n${USAGE}`);
    const help = hint(failure);
    if (help) console.error(help);
    process.exit(1);
  }
}
