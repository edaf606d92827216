import { type Context, Hono } from "hono";
import { deleteCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { consoleHash } from "../../dist/console/bundle";
import type { AppEnv } from "../bindings";
import { findPolicy } from "../data/clearance";
import { personByEmail } from "../data/people";
import { deleteSession, findSession } from "../data/sessions";
import { readSite } from "../data/site";
import { accessVerdict } from "../http/access-jwt";
import { limitBody } from "../http/body-limit";
import { consoleSession, SESSION_COOKIE, sameSecret } from "../http/editor-auth";
import { pageHeaders } from "../http/page-headers";
import { formFields } from "../http/request";
import { builtAsset, SHORT_CACHE } from "../http/static-file";
import type { Editor } from "../schemas/editor";
import { ConsolePage, JoinPage, SignInPage } from "../views/console";
import { signIn, startSession } from "./sign-in";

type ConsoleEnv = AppEnv;

// The sign-out form carries one secret: anything larger is not from our page.
const FORM_BYTES = 4 * 1024;

async function signInPage(c: Context<ConsoleEnv>, status: 200 | 403, error?: string) {
  const site = await readSite(c.env.DB);
  return c.html(<SignInPage siteName={site.name} assets={consoleHash} error={error} />, status);
}

async function consolePage(c: Context<ConsoleEnv>, session: { editor: Editor; csrf: string }) {
  const [site, policy] = await Promise.all([readSite(c.env.DB), findPolicy(c.env.DB)]);
  return c.html(
    <ConsolePage
      siteName={site.name}
      editor={session.editor}
      csrf={session.csrf}
      policy={policy}
      assets={consoleHash}
    />,
  );
}

/**
 * Signs in the person Cloudflare Access vouches for, by their e-mail, when
 * the site uses Access: a new session, and the console. Someone Access lets
 * through who has no account here (or a disabled one) is told so; a request
 * Access did not vouch for goes on to the passkey sign-in.
 */
async function signInThroughAccess(c: Context<ConsoleEnv>) {
  const verdict = await accessVerdict(c.env, c.req.raw);
  if (verdict.kind !== "verified") return signInPage(c, 200);
  const person = await personByEmail(c.env.DB, verdict.email);
  if (!person) return signInPage(c, 403, `No account for ${verdict.email}; ask an admin to invite you.`);
  const { statement, idHash } = await startSession(c, person.id, "access");
  await statement.run();
  const session = await findSession(c.env.DB, idHash, new Date().toISOString());
  return session ? consolePage(c, session) : signInPage(c, 200);
}

/** A file of the console's build (dist/console/), served from the static assets. */
const asset = (c: Context<ConsoleEnv>, name: string, type: string) =>
  builtAsset(c, { path: `console/${name}`, hash: consoleHash, type }, SHORT_CACHE);

/**
 * The editors' console: sign in with a passkey (or through Cloudflare
 * Access), then work in the browser through the write API, with the
 * session in an HttpOnly cookie. Forms posted here must come from this
 * origin (hono/csrf checks Origin); the API's writes must carry the
 * session's CSRF secret as well.
 */
export const editorsConsole = new Hono<ConsoleEnv>()
  .get("/admin", pageHeaders, async (c) => {
    const session = await consoleSession(c);
    return session ? consolePage(c, session) : signInThroughAccess(c);
  })
  .get("/admin/join", pageHeaders, async (c) => {
    const site = await readSite(c.env.DB);
    return c.html(<JoinPage siteName={site.name} assets={consoleHash} />);
  })
  .route("/admin", signIn)
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
  .get("/admin/console.css", (c) => asset(c, "console.css", "text/css; charset=utf-8"))
  .get("/admin/sign-in.js", (c) => asset(c, "sign-in.js", "text/javascript; charset=utf-8"));
