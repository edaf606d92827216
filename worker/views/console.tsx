import type { Child } from "hono/jsx";
import { CONSOLE_DATA_ID } from "../../console/contract";
import type { ClearancePolicy } from "../clearance";
import type { Editor } from "../schemas/editor";
import { Document } from "./document";
import { scriptJson } from "./layout";

function Frame(props: {
  title: string;
  description: string;
  siteName: string;
  assets: string;
  children: Child;
}) {
  const { title, siteName, children } = props;
  return (
    <Document
      title={`${title} · ${siteName}`}
      description={props.description}
      head={
        <>
          <meta name="robots" content="noindex" />
          {/* No favicon request: the site has no icon of its own yet. */}
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href={`/admin/console.css?v=${props.assets}`} />
        </>
      }
    >
      {children}
    </Document>
  );
}

/**
 * Sign-in with a passkey: the page's script asks the browser for one of
 * this site's passkeys. A refusal (or "no account" from single sign-on) is
 * said in the alert, which the script also writes to.
 */
export function SignInPage(props: { siteName: string; assets: string; error?: string }) {
  return (
    <Frame
      title="Sign in"
      description={`Sign in to the editors' console of ${props.siteName} with a passkey.`}
      siteName={props.siteName}
      assets={props.assets}
    >
      <main class="sign-in" data-ceremony="sign-in">
        <h1>{props.siteName}</h1>
        <p>Editors' console. Sign in with the passkey you made when you accepted your invitation.</p>
        <button type="button" id="passkey-sign-in">
          Sign in with a passkey
        </button>
        <p id="sign-in-message" class="field-error" role="alert">
          {props.error}
        </p>
        <noscript>Signing in with a passkey needs JavaScript.</noscript>
        <p>No passkey yet? Ask an admin for an invitation.</p>
      </main>
      <script type="module" src={`/admin/sign-in.js?v=${props.assets}`} />
    </Frame>
  );
}

/**
 * Accepting an invitation: the link's secret is in its fragment, which
 * only the page's script reads, so it reaches no log. The script says whose
 * invitation it is, or why it cannot be used.
 */
export function JoinPage(props: { siteName: string; assets: string }) {
  return (
    <Frame
      title="Accept your invitation"
      description={`Accept an invitation to the editors' console of ${props.siteName} and make a passkey.`}
      siteName={props.siteName}
      assets={props.assets}
    >
      <main class="sign-in" data-ceremony="join">
        <h1>{props.siteName}</h1>
        <p id="join-who">Checking your invitation…</p>
        <form id="join" hidden>
          <label for="passkey-name">Name this passkey</label>
          <input id="passkey-name" name="name" required maxlength={100} value="This device" />
          <button type="submit">Create a passkey and sign in</button>
        </form>
        <p id="sign-in-message" class="field-error" role="alert" />
        <noscript>Accepting an invitation needs JavaScript.</noscript>
      </main>
      <script type="module" src={`/admin/sign-in.js?v=${props.assets}`} />
    </Frame>
  );
}

/**
 * The console's shell: the script draws the sections; this page carries who
 * is signed in, the session's CSRF secret, readable only by this origin, and
 * the site's clearance policy, which the console's rules read as the server's do.
 */
export function ConsolePage(props: {
  siteName: string;
  assets: string;
  editor: Editor;
  csrf: string;
  policy: ClearancePolicy;
}) {
  const { editor } = props;
  return (
    <Frame
      title="Console"
      description={`The editors' console of ${props.siteName}: publications, media, day counters and the site's settings.`}
      siteName={props.siteName}
      assets={props.assets}
    >
      <header class="bar">
        <a class="brand" href="/admin">
          {props.siteName}
        </a>
        <span class="who">
          Signed in as <strong>{editor.name}</strong> ({editor.role})
        </span>
        <a href="/" target="_blank" rel="noopener">
          View site
        </a>
        <form method="post" action="/admin/sign-out">
          <input type="hidden" name="csrf" value={props.csrf} />
          <button type="submit" class="quiet">
            Sign out
          </button>
        </form>
      </header>
      <chancery-console>
        <noscript>The console needs JavaScript. The API (see /api/docs) works without it.</noscript>
      </chancery-console>
      <script
        type="application/json"
        id={CONSOLE_DATA_ID}
        dangerouslySetInnerHTML={scriptJson({ editor, csrf: props.csrf, policy: props.policy })}
      />
      <script type="module" src={`/admin/console.js?v=${props.assets}`} />
    </Frame>
  );
}
