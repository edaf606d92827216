import * as v from "valibot";

const base64url = (what: string) =>
  v.pipe(v.string(`is required`), v.regex(/^[A-Za-z0-9_-]+$/, `is not ${what}: base64url text`));

/** The secret of an invitation link: what follows `#` in `/admin/join#…`. */
export const InvitationSecret = v.pipe(
  v.string("is required"),
  v.regex(/^[A-Za-z0-9_-]{43}$/, "is not an invitation: copy the whole link an admin gave you"),
);

/** What a person calls a passkey, so they can tell which one to remove. */
export const PasskeyName = v.pipe(
  v.string("is required"),
  v.regex(/\S/, "is required: say which device this is, such as “Work laptop”"),
  v.trim(),
  v.maxLength(100, "must be at most 100 characters"),
);

const Transports = v.optional(v.array(v.pipe(v.string(), v.maxLength(20))));

/**
 * What the browser answers to `navigator.credentials.create()`, as
 * @simplewebauthn/browser's `startRegistration` gives it; the library
 * verifies what is inside.
 */
export const RegistrationResponse = v.looseObject(
  {
    id: base64url("a credential id"),
    rawId: base64url("a credential id"),
    type: v.literal("public-key", "must be public-key"),
    response: v.looseObject({
      clientDataJSON: base64url("client data"),
      attestationObject: base64url("an attestation"),
      transports: Transports,
    }),
    clientExtensionResults: v.looseObject({}),
    authenticatorAttachment: v.optional(v.picklist(["platform", "cross-platform"])),
  },
  "must be what the browser's passkey prompt answered",
);

/** What the browser answers to `navigator.credentials.get()`, as `startAuthentication` gives it. */
export const AuthenticationResponse = v.looseObject(
  {
    id: base64url("a credential id"),
    rawId: base64url("a credential id"),
    type: v.literal("public-key", "must be public-key"),
    response: v.looseObject({
      clientDataJSON: base64url("client data"),
      authenticatorData: base64url("authenticator data"),
      signature: base64url("a signature"),
      userHandle: v.optional(base64url("a user handle")),
    }),
    clientExtensionResults: v.looseObject({}),
    authenticatorAttachment: v.optional(v.picklist(["platform", "cross-platform"])),
  },
  "must be what the browser's passkey prompt answered",
);

const fields = "is not a field of this request";

export const JoinOptionsInput = v.strictObject({ invitation: InvitationSecret }, fields);

export const JoinInput = v.strictObject(
  { invitation: InvitationSecret, name: PasskeyName, response: RegistrationResponse },
  fields,
);

export const SignInInput = v.strictObject({ response: AuthenticationResponse }, fields);

/** A passkey added while signed in. */
export const PasskeyInput = v.strictObject({ name: PasskeyName, response: RegistrationResponse }, fields);

/**
 * What the browser's passkey prompt takes (WebAuthn's
 * PublicKeyCredentialCreationOptionsJSON or …RequestOptionsJSON): hand it
 * to @simplewebauthn/browser as it is.
 */
export const CeremonyOptions = v.pipe(
  v.looseObject({ challenge: v.string(), rpId: v.optional(v.string()) }),
  v.description("Options for the browser's passkey prompt, as WebAuthn's JSON forms give them"),
);

/** One of a person's passkeys, as they see it; its key stays on the server. */
export const Passkey = v.object({
  id: v.pipe(v.string(), v.description("The credential's id, base64url")),
  name: v.string(),
  created_at: v.pipe(v.string(), v.isoTimestamp()),
  last_used_at: v.nullable(v.pipe(v.string(), v.isoTimestamp())),
});
export type Passkey = v.InferOutput<typeof Passkey>;

export const PasskeyList = v.object({ passkeys: v.array(Passkey) });

export const PasskeyIdParam = v.object({
  passkeyId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,1400}$/, "is not a passkey's id")),
});
