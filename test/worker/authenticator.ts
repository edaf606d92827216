/**
 * A passkey authenticator in software, for the worker tests: it makes and
 * uses ES256 credentials the way a platform authenticator does (attestation
 * "none", user present and verified), so the worker's WebAuthn checks run
 * on real signatures. The browser tests use Chromium's own instead.
 */
import { digest, toBase64Url } from "../../worker/http/digest";

/** The CBOR this needs (RFC 8949): integers, byte and text strings, maps. */
function cbor(value: unknown): number[] {
  const head = (major: number, n: number): number[] => {
    if (n < 24) return [(major << 5) | n];
    if (n < 256) return [(major << 5) | 24, n];
    return [(major << 5) | 25, n >> 8, n & 255];
  };
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (value instanceof Uint8Array) return [...head(2, value.length), ...value];
  if (typeof value === "string") {
    const bytes = new TextEncoder().encode(value);
    return [...head(3, bytes.length), ...bytes];
  }
  const entries = value instanceof Map ? [...value] : Object.entries(value as object);
  return [...head(5, entries.length), ...entries.flatMap(([k, v]) => [...cbor(k), ...cbor(v)])];
}

const json64 = (value: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));
const from64 = (text: string) =>
  Uint8Array.from(atob(text.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));
const uint32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

/** WebCrypto signs ECDSA as r‖s; WebAuthn wants it DER-encoded. */
function der(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    const trimmed = [...bytes.slice(i)];
    const padded = trimmed[0] & 0x80 ? [0, ...trimmed] : trimmed;
    return [2, padded.length, ...padded];
  };
  const body = [...integer(raw.slice(0, 32)), ...integer(raw.slice(32))];
  return Uint8Array.from([0x30, body.length, ...body]);
}

export interface Credential {
  id: string;
  key: CryptoKeyPair;
  counter: number;
  userHandle: string;
}

interface CreationOptions {
  challenge: string;
  rp: { id?: string };
  user: { id: string };
}

/** Answers a registration prompt as `navigator.credentials.create()` would at `origin`. */
export async function register(options: CreationOptions, origin: string) {
  const key = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", key.publicKey)) as JsonWebKey;
  const rawId = crypto.getRandomValues(new Uint8Array(16));
  const cose = new Map<number, unknown>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, from64(jwk.x ?? "")],
    [-3, from64(jwk.y ?? "")],
  ]);
  const rpIdHash = await digest("SHA-256", options.rp.id ?? new URL(origin).hostname);
  const authData = Uint8Array.from([
    ...rpIdHash,
    0x45, // user present, user verified, attested credential data
    ...uint32(0),
    ...new Uint8Array(16),
    0,
    rawId.length,
    ...rawId,
    ...cbor(cose),
  ]);
  const clientDataJSON = json64({
    type: "webauthn.create",
    challenge: options.challenge,
    origin,
    crossOrigin: false,
  });
  const credential: Credential = { id: toBase64Url(rawId), key, counter: 0, userHandle: options.user.id };
  const response = {
    id: credential.id,
    rawId: credential.id,
    type: "public-key",
    response: {
      clientDataJSON,
      attestationObject: toBase64Url(Uint8Array.from(cbor({ fmt: "none", attStmt: {}, authData }))),
      transports: ["internal"],
    },
    clientExtensionResults: {},
    authenticatorAttachment: "platform",
  };
  return { credential, response };
}

/** Answers a sign-in prompt with `credential`, as `navigator.credentials.get()` would at `origin`. */
export async function authenticate(
  credential: Credential,
  options: { challenge: string; rpId?: string },
  origin: string,
) {
  credential.counter += 1;
  const rpIdHash = await digest("SHA-256", options.rpId ?? new URL(origin).hostname);
  const authenticatorData = Uint8Array.from([...rpIdHash, 0x05, ...uint32(credential.counter)]);
  const clientDataJSON = json64({
    type: "webauthn.get",
    challenge: options.challenge,
    origin,
    crossOrigin: false,
  });
  const signed = Uint8Array.from([
    ...authenticatorData,
    ...(await digest("SHA-256", from64(clientDataJSON))),
  ]);
  const signature = new Uint8Array(
    await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, credential.key.privateKey, signed),
  );
  return {
    id: credential.id,
    rawId: credential.id,
    type: "public-key",
    response: {
      clientDataJSON,
      authenticatorData: toBase64Url(authenticatorData),
      signature: toBase64Url(der(signature)),
      userHandle: credential.userHandle,
    },
    clientExtensionResults: {},
    authenticatorAttachment: "platform",
  };
}
