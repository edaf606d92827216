import * as v from "valibot";
import { FilledText, Instant } from "./common";
import { Role, Scope } from "./editor";

/** What the audit log, revisions and the console call a person. */
export const PersonName = FilledText(
  100,
  "What the audit log and the console call them; at most 100 characters",
);

/**
 * Who a person is to single sign-on. Kept lower-case, so `Ana@Embassy.example`
 * and `ana@embassy.example` are one person.
 */
export const Email = v.pipe(
  v.string(),
  v.maxLength(254, "must be at most 254 characters"),
  // What single sign-on and people type, told as a pattern the API reference shows whole.
  v.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be an e-mail address such as ana@embassy.example"),
  v.toLowerCase(),
  v.description("E-mail address, stored lower-case"),
);

const UNKNOWN = "is not a field of a person";

/** A person an admin invites. */
export const PersonInput = v.strictObject({ name: PersonName, email: Email, role: Role }, UNKNOWN);
export type PersonInput = v.InferOutput<typeof PersonInput>;

/** What an admin changes of a person: any subset, at least one. */
export const PersonPatch = v.pipe(
  v.strictObject(
    {
      name: v.optional(PersonName),
      email: v.optional(Email),
      role: v.optional(Role),
      disabled: v.optional(
        v.pipe(
          v.boolean("must be true or false"),
          v.description(
            "True ends their sessions and revokes their tokens at once; false lets them in again",
          ),
        ),
      ),
    },
    UNKNOWN,
  ),
  v.check(
    (patch) => Object.keys(patch).length > 0,
    "must change at least one of: name, email, role, disabled",
  ),
);
export type PersonPatch = v.InferOutput<typeof PersonPatch>;

/** How long an invitation's link works. */
export const INVITATION_HOURS = 72;

/** When a link made at `at` expires. */
export const invitationExpiry = (at: string) =>
  new Date(Date.parse(at) + INVITATION_HOURS * 60 * 60 * 1000).toISOString();

/** A one-time link to register a first passkey; shown once, as only its hash is kept. */
export const Invitation = v.object({
  url: v.pipe(
    v.string(),
    v.url(),
    v.description("The page to register a passkey on; its secret is in the fragment, which no log sees"),
  ),
  expires_at: Instant,
});

/** A person as an admin sees them. */
export const Person = v.object({
  id: v.number(),
  name: v.string(),
  email: v.string(),
  role: Role,
  created_at: Instant,
  disabled_at: v.pipe(
    v.nullable(Instant),
    v.description("When an admin disabled them; null while they may sign in"),
  ),
  passkeys: v.pipe(v.number(), v.description("How many passkeys they hold")),
  last_signed_in_at: v.pipe(
    v.nullable(Instant),
    v.description("Their latest sign-in still on record: a session begun or a passkey used"),
  ),
  invitation_expires_at: v.pipe(
    v.nullable(Instant),
    v.description("When their unused invitation expires; null when none is waiting"),
  ),
});
export type Person = v.InferOutput<typeof Person>;

export const PersonList = v.object({ people: v.pipe(v.array(Person), v.description("By name")) });

export const PersonCreated = v.object({
  person: Person,
  invitation: v.pipe(Invitation, v.description("Hand this link to them; it is not shown again")),
});

export const PersonParam = v.object({
  personId: v.pipe(
    v.string(),
    v.regex(/^[1-9]\d{0,15}$/, "must be a person's numeric id"),
    v.transform(Number),
  ),
});

/** Who is asking, and with what: the console and programs ask this first. */
export const Me = v.object({
  person: v.object({
    id: v.number(),
    name: v.string(),
    email: v.string(),
    role: Role,
    scopes: v.pipe(
      v.array(Scope),
      v.description("What this request may do: the token's scopes, or all the role allows"),
    ),
  }),
  via: v.pipe(v.picklist(["session", "token"]), v.description("A console session or a token")),
  token: v.optional(
    v.pipe(
      v.object({ id: v.number(), name: v.string(), scopes: v.array(Scope) }),
      v.description("The token the request carries, when it carries one"),
    ),
  ),
});
export type Me = v.InferOutput<typeof Me>;
