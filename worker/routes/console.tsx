import { type Context, Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import * as v from "valibot";
import { consoleHash } from "../../dist/console/bundle";
import type { AppEnv } from "../bindings";
import { deleteSession, insertSession } from "../data/sessions";
import { readSite } from "../data/site";
import { findEditor } from "../data/tokens";
import { limitBody } from "../http/body-limit";
import {
  clientOf,
  consoleSession,
  randomSecret,
  SESSION_COOKIE,
  sameSecret,
  tokenHash,
  withinSignInLimit,
} from "../http/editor-auth";
import { pageHeaders } from "../http/page-headers";
import { formFields } from "../http/request";
import { builtAsset, SHORT_CACHE } from "../http/static-file";
import { ConsolePage, SignInPage } from "../views/console";

type ConsoleEnv = AppEnv;

const SESSION_SECONDS = 12 * 60 * 60;
// Sign-in and sign-out forms carry one token or one secret: anything larger is not from our page.
const FORM_BYTES = 4 * 1024;

const SignIn = v.object({
  token: v.pipe(
    v.string("is required"),
    v.trim(),
    v.regex(/^[A-Za-z0-9_-]{16,256}$/, "is not an editor token: it is 43 letters, digits, - and _"),
  ),
});

async function signInPage(c: Context<ConsoleEnv>, status: 200 | 401 | 422 | 429, error?: string) {
  const site = await readSite(c.env.DB);
  return c.html(<SignInPage siteName={site.name} assets={consoleHash} error={error} />, status);
}

/** A file of the console's build (dist/console/), served from the static assets. */
const asset = (c: Context<ConsoleEnv>, name: string, type: string) =>
  builtAsset(c, { path: `console/${name}`, hash: consoleHash, type }, SHORT_CACHE);

/**
 * The editors' console: sign in with a token once, then work in the
 * browser through the write API, with the session in an HttpOnly cookie.
 * Forms posted here must come from this origin (hono/csrf checks Origin);
 * the API's writes must carry the session's CSRF secret as well.
 */
export const editorsConsole = new Hono<ConsoleEnv>()
  .get("/admin", pageHeaders, async (c) => {
    const session = await consoleSession(c);
    if (!session) return signInPage(c, 200);
    const site = await readSite(c.env.DB);
    return c.html(
      <ConsolePage siteName={site.name} editor={session.editor} csrf={session.csrf} assets={consoleHash} />,
    );
  })
  .post("/admin/session", csrf(), limitBody(FORM_BYTES), pageHeaders, async (c) => {
    const parsed = v.safeParse(SignIn, await formFields(c.req.raw));
    if (!parsed.success) return signInPage(c, 422, `The token ${parsed.issues[0].message}.`);
    const editor = await findEditor(c.env.DB, await tokenHash(parsed.output.token));
    if (!editor) {
      if (!(await withinSignInLimit(c.env, clientOf(c)))) {
        c.header("Retry-After", "60");
        return signInPage(c, 429, "Too many failed sign-ins from here; wait a minute and try again.");
      }
      return signInPage(c, 401, "This token is unknown or has been revoked.");
    }
    const id = randomSecret();
    const now = Date.now();
    await insertSession(c.env.DB, {
      idHash: await tokenHash(id),
      tokenId: editor.id,
      csrf: randomSecret(),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + SESSION_SECONDS * 1000).toISOString(),
    });
    setCookie(c, SESSION_COOKIE, id, {
      httpOnly: true,
      secure: true,
      sameSite: "Strict",
      path: "/",
      maxAge: SESSION_SECONDS,
    });
    return c.redirect("/admin", 303);
  })
  .post("/admin/sign-out", csrf(), limitBody(FORM_BYTES), pageHeaders, async (c) => {
    const session = await consoleSession(c);
    const form = await formFields(c.req.raw);
    if (session && (await sameSecret(String(form.csrf ?? ""), session.csrf))) {
      await deleteSession(c.env.DB, session.idHash);
    }
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
    return c.redirect("/admin", 303);
  })
  .get("/admin/console.js", (c) => asset(c, "console.js", "text/javascript; charset=utf-8"))
  .get("/admin/console.css", (c) => asset(c, "console.css", "text/css; charset=utf-8"));
