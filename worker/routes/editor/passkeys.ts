import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { insertPasskey, passkeysOf, removePasskey } from "../../data/passkeys";
import { readSite } from "../../data/site";
import { limitBody } from "../../http/body-limit";
import { type EditorEnv, limitPrompts } from "../../http/editor-auth";
import { accountAction, json } from "../../http/operations";
import { problem } from "../../http/problem";
import { parseBody, valid } from "../../http/validate";
import { CeremonyFailure, registrationOptions, verifiedRegistration } from "../../http/webauthn";
import { CeremonyOptions, Passkey, PasskeyIdParam, PasskeyInput, PasskeyList } from "../../schemas/passkey";
import { readJson } from "./shared";

// A WebAuthn answer with its attestation is a few KB.
const PASSKEY_BYTES = 32 * 1024;
const TOO_LARGE = "The body is larger than 32 KB";

/** A person's own passkeys: list, add another while signed in, remove one (never the last). */
export const passkeys = new Hono<EditorEnv>()
  .get(
    "/",
    describeRoute(
      accountAction({
        summary: "List my passkeys",
        description: "The passkeys you sign in with, oldest first; their keys stay on the server.",
        status: 200,
        answer: { description: "Your passkeys", content: json(PasskeyList) },
      }),
    ),
    async (c) => {
      c.header("Cache-Control", "private, no-store");
      return c.json({ passkeys: await passkeysOf(c.env.DB, c.var.editor.id) });
    },
  )
  .post(
    "/options",
    describeRoute(
      accountAction({
        summary: "Start adding a passkey",
        description:
          "Options for the browser's passkey prompt (`startRegistration` of @simplewebauthn/browser); " +
          "answer within five minutes with `POST /api/v1/passkeys`.",
        status: 200,
        answer: { description: "Options for the passkey prompt", content: json(CeremonyOptions) },
        problems: {
          429: "Too many passkey prompts, from this client in the last minute or under way at once; retry after `Retry-After` seconds",
        },
      }),
    ),
    limitPrompts,
    async (c) => {
      const site = await readSite(c.env.DB);
      c.header("Cache-Control", "private, no-store");
      return c.json(await registrationOptions(c.env.DB, c.req.url, site.name, c.var.editor));
    },
  )
  .post(
    "/",
    describeRoute(
      accountAction({
        summary: "Add a passkey",
        description:
          "`response` is what the browser's passkey prompt answered to the options of " +
          "`POST /api/v1/passkeys/options`; `name` says which device it is.",
        status: 201,
        body: json(PasskeyInput),
        answer: { description: "Added", content: json(Passkey) },
        problems: {
          413: TOO_LARGE,
          409: "The answer does not hold against a prompt this site gave you: expired, answered already, or not verified",
        },
      }),
    ),
    limitBody(PASSKEY_BYTES),
    async (c) => {
      const input = parseBody(PasskeyInput, (await readJson(c)).value);
      const passkey = await verifiedRegistration(
        c.env.DB,
        c.req.url,
        c.var.editor.id,
        input.response,
        input.name,
      ).catch((error) => {
        throw error instanceof CeremonyFailure ? problem(409, error.message) : error;
      });
      await insertPasskey(c.env.DB, passkey).run();
      c.header("Cache-Control", "private, no-store");
      return c.json(
        { id: passkey.id, name: passkey.name, created_at: passkey.createdAt, last_used_at: null },
        201,
      );
    },
  )
  // A credential id is 16 bytes or more (WebAuthn), so "options" is never one.
  .delete(
    "/:passkeyId{[A-Za-z0-9_-]{16,1400}}",
    describeRoute(
      accountAction({
        summary: "Remove a passkey",
        description: "Removes one of your passkeys; your last one stays, or you could not sign in.",
        status: 204,
        answer: { description: "Removed" },
        problems: {
          404: "You hold no passkey with this id",
          409: "It is your last passkey: you would have no way to sign in",
        },
      }),
    ),
    valid("param", PasskeyIdParam),
    async (c) => {
      const { passkeyId } = c.req.valid("param");
      const outcome = await removePasskey(c.env.DB, c.var.editor.id, passkeyId);
      if (outcome === "missing") throw problem(404, "You hold no passkey with this id.");
      if (outcome === "last") {
        throw problem(409, "This is your last passkey: you would have no way to sign in. Add another first.");
      }
      c.header("Cache-Control", "private, no-store");
      return c.body(null, 204);
    },
  );
