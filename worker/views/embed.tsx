import { DEFAULT_CHOICES, embedSnippet } from "../../widget/embed-snippet";
import { KINDS } from "../vocabulary";
import { Document } from "./document";

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

/** A snippet to copy, with its button and where the outcome is said. */
function Snippet({ id, label, button }: { id: string; label: string; button: string }) {
  return (
    <>
      <p>
        <label for={id}>{label}</label>
      </p>
      <textarea id={id} readonly />
      <p>
        <button type="button" data-copy={id}>
          {button}
        </button>{" "}
        <span id={`${id}-status`} role="status" />
      </p>
    </>
  );
}

/**
 * One publication on another site, two ways: the element, which takes the
 * page's fonts and colours, and the iframe of the oEmbed answer, which any
 * site or CMS can take. The page's script fills the previews and snippets
 * in once a publication is named (the latest, to begin with).
 */
function OnePublication() {
  return (
    <section aria-labelledby="one-publication">
      <h2 id="one-publication">One publication</h2>
      <p>
        Name a publication by its address or its slug. Sites that support oEmbed (WordPress and many others)
        embed it from its address alone.
      </p>
      <form id="publication-form">
        <label>
          Publication <input type="text" name="publication" placeholder="https://…/publications/…" />
        </label>
        <label>
          <input type="checkbox" name="full" /> The whole text, not only the lead (the element)
        </label>
        <span id="publication-status" role="status" />
      </form>
      <div class="layout">
        <div>
          <h3>As an element</h3>
          <div id="publication-preview" class="preview" />
          <Snippet id="publication-snippet" label="Element snippet" button="Copy the element snippet" />
        </div>
        <div>
          <h3>As an iframe (oEmbed)</h3>
          <div id="frame-preview" class="preview" />
          <Snippet id="frame-snippet" label="Iframe snippet" button="Copy the iframe snippet" />
        </div>
      </div>
    </section>
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
      description="Show this site's date, clocks, day counters and latest events, or one publication, on your own site: pick, preview live and copy the snippet."
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
            <legend>Language</legend>
            <Text
              name="lang"
              label="Language of every element"
              placeholder="your page's (its lang attribute)"
            />
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
      <OnePublication />
    </Document>
  );
}
