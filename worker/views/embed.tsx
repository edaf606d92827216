import { DEFAULT_CHOICES, embedSnippet } from "../../widget/embed-snippet";
import { KINDS } from "../vocabulary";
import { Document } from "./document";

/** Served as a file, so the page needs no inline style under its CSP. */
export const EMBED_CSS = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 64rem; padding: 1rem; color: #1d232a; background: #fff }
h1 { margin-bottom: .25rem } fieldset { border: 1px solid #d8dde3; border-radius: .5rem; margin: 0 0 1rem; padding: .75rem 1rem }
legend { font-weight: 600 } label { display: inline-flex; gap: .35rem; align-items: center; margin: .25rem 1rem .25rem 0 }
input[type=text], input[type=number] { font: inherit; padding: .2rem .4rem; border: 1px solid #aab2bb; border-radius: .3rem }
.layout { display: grid; gap: 1.5rem; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) } @media (max-width: 48rem) { .layout { grid-template-columns: 1fr } }
#embed-preview { border: 1px dashed #aab2bb; border-radius: .5rem; padding: 1rem; display: grid; gap: 1rem }
textarea { width: 100%; min-height: 9rem; font: .85rem/1.4 ui-monospace, monospace; box-sizing: border-box }
button { font: inherit; padding: .4rem 1rem; border-radius: .3rem; border: 1px solid #0b5cad; background: #0b5cad; color: #fff; cursor: pointer }
@media (prefers-color-scheme: dark) { body { background: #14181c; color: #e3e7eb } fieldset, #embed-preview { border-color: #3a424a } }
`;

function Check(props: { name: string; label: string; value?: string; checked?: boolean }) {
  return (
    <label>
      <input type="checkbox" name={props.name} value={props.value} checked={props.checked ?? false} />{" "}
      {props.label}
    </label>
  );
}

function Text({ name, label, placeholder }: { name: string; label: string; placeholder?: string }) {
  return (
    <label>
      {label} <input type="text" name={name} placeholder={placeholder} />
    </label>
  );
}

/**
 * Lets a site owner pick elements and options, see them live and copy the
 * snippet. Without JavaScript it still shows the default snippet.
 */
export function EmbedPage(props: {
  latestTag: string;
  pinnedTag: string;
  scriptUrl: string;
  pageScriptUrl: string;
}) {
  const snippet = embedSnippet(props.pinnedTag, DEFAULT_CHOICES);
  return (
    <Document
      title="Embed Chancery on your site"
      head={
        <>
          <link rel="stylesheet" href="/embed.css" />
          <script type="module" src={props.scriptUrl} />
          <script type="module" src={props.pageScriptUrl} />
        </>
      }
    >
      <h1>Embed Chancery on your site</h1>
      <p>Pick what to show, check the preview, then paste the snippet where it should appear.</p>
      <div class="layout">
        <form id="embed-form" data-latest={props.latestTag} data-pinned={props.pinnedTag}>
          <fieldset>
            <legend>Script</legend>
            <label>
              <input type="radio" name="pinned" value="yes" checked /> This version, pinned by its integrity
            </label>
            <label>
              <input type="radio" name="pinned" value="no" /> Always the latest version
            </label>
          </fieldset>
          <fieldset>
            <legend>Today's date</legend>
            <Check name="chancery-today" label="Show today's date in the site's time zone" checked />
          </fieldset>
          <fieldset>
            <legend>Clocks</legend>
            <Check name="chancery-clocks" label="Show clocks" checked />
            <Text
              name="chancery-clocks.zones"
              label="Zones"
              placeholder="Europe/Moscow=Moscow, Europe/London=London"
            />
            <Check name="chancery-clocks.hour12" label="12-hour" />
            <Check name="chancery-clocks.seconds" label="Seconds" />
            <Check name="chancery-clocks.date" label="Date" />
          </fieldset>
          <fieldset>
            <legend>Day counters</legend>
            <Check name="chancery-counters" label="Show day counters" checked />
            <Text name="chancery-counters.only" label="Only" placeholder="slug, slug" />
          </fieldset>
          <fieldset>
            <legend>Latest events</legend>
            <Check name="chancery-events" label="Show the latest events" checked />
            <label>
              How many <input type="number" name="chancery-events.limit" min="1" max="100" value="10" />
            </label>
            <Text name="chancery-events.lang" label="Language" placeholder="en" />
            <label>
              Refresh every <input type="number" name="chancery-events.refresh" min="0" placeholder="300" /> s
            </label>
            <div>
              {KINDS.map((kind) => (
                <Check name="chancery-events.kind" label={kind} value={kind} />
              ))}
            </div>
          </fieldset>
        </form>
        <div>
          <h2>Preview</h2>
          <div id="embed-preview" aria-live="off">
            {DEFAULT_CHOICES.map(({ name }) => {
              const Element = name as "div";
              return <Element limit={name === "chancery-events" ? "10" : undefined} />;
            })}
          </div>
          <h2>
            <label for="embed-snippet">Snippet</label>
          </h2>
          <textarea id="embed-snippet" readonly>
            {snippet}
          </textarea>
          <p>
            <button type="button" id="embed-copy">
              Copy the snippet
            </button>{" "}
            <span id="embed-status" role="status" />
          </p>
        </div>
      </div>
    </Document>
  );
}
