import type { Child } from "hono/jsx";
import { CONSOLE_DATA_ID } from "../../console/contract";
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

/** Sign-in: one field for the editor's token; a refusal is said next to it. */
export function SignInPage(props: { siteName: string; assets: string; error?: string }) {
  return (
    <Frame
      title="Sign in"
      description={`Sign in to the editors' console of ${props.siteName} with an editor token.`}
      siteName={props.siteName}
      assets={props.assets}
    >
      <main class="sign-in">
        <h1>{props.siteName}</h1>
        <p>
          Editors' console. Sign in with the editor token you were given (<code>npm run token -- create</code>
          ).
        </p>
        <form method="post" action="/admin/session">
          <label for="token">Editor token</label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid={props.error ? "true" : undefined}
            aria-describedby={props.error ? "token-error" : undefined}
          />
          {props.error ? (
            <p id="token-error" class="field-error" role="alert">
              {props.error}
            </p>
          ) : null}
          <button type="submit">Sign in</button>
        </form>
      </main>
    </Frame>
  );
}

/**
 * The console's shell: the script draws the sections; this page carries who
 * is signed in and the session's CSRF secret, readable only by this origin.
 */
export function ConsolePage(props: { siteName: string; assets: string; editor: Editor; csrf: string }) {
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
          Signed in as <strong>{editor.name}</strong> ({editor.scopes.join(", ")})
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
        dangerouslySetInnerHTML={scriptJson({ editor, csrf: props.csrf })}
      />
      <script type="module" src={`/admin/console.js?v=${props.assets}`} />
    </Frame>
  );
}
