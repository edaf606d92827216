/**
 * The /embed page's script: keeps the preview and the snippet in step with
 * the form, and copies the snippet. The page works without it, showing the
 * default snippet.
 */
import { choicesFrom, type EmbedChoice, embedSnippet } from "./embed-snippet";
import { oembedUrl, publicationPage, publicationSnippet, slugOf } from "./publication-snippet";

const form = document.querySelector<HTMLFormElement>("#embed-form");
const preview = document.querySelector<HTMLElement>("#embed-preview");
const output = document.querySelector<HTMLTextAreaElement>("#embed-snippet");
const copy = document.querySelector<HTMLButtonElement>("#embed-copy");
const status = document.querySelector<HTMLElement>("#embed-status");

function toElement({ name, attributes }: EmbedChoice): HTMLElement {
  const element = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== false && value !== "") element.setAttribute(key, value === true ? "" : value);
  }
  return element;
}

function update(): void {
  if (!form || !preview || !output) return;
  const data = new FormData(form);
  const choices = choicesFrom(data);
  const scriptTag = data.get("pinned") === "yes" ? form.dataset.pinned : form.dataset.latest;
  output.value = embedSnippet(scriptTag ?? "", choices);
  preview.replaceChildren(...choices.map(toElement));
}

async function copySnippet(output: HTMLTextAreaElement | null, status: HTMLElement | null): Promise<void> {
  if (!output || !status) return;
  try {
    await navigator.clipboard.writeText(output.value);
    status.textContent = "Copied to the clipboard.";
  } catch {
    output.select();
    status.textContent = "Selected: press Ctrl+C (⌘C on a Mac) to copy.";
  }
}

form?.addEventListener("input", update);
copy?.addEventListener("click", () => copySnippet(output, status));
update();

// One publication: the element and the oEmbed iframe, previewed and written out.
const publicationForm = document.querySelector<HTMLFormElement>("#publication-form");
const publicationStatus = document.querySelector<HTMLElement>("#publication-status");
const elementPreview = document.querySelector<HTMLElement>("#publication-preview");
const elementSnippet = document.querySelector<HTMLTextAreaElement>("#publication-snippet");
const framePreview = document.querySelector<HTMLElement>("#frame-preview");
const frameSnippet = document.querySelector<HTMLTextAreaElement>("#frame-snippet");

/** The slug whose iframe is shown, so that ticking `full` does not reload it. */
let framed: string | undefined;

async function showFrame(slug: string): Promise<void> {
  if (!framePreview || !frameSnippet || slug === framed) return;
  framed = slug;
  const response = await fetch(oembedUrl(location.origin, slug)).catch(() => undefined);
  const answer = response?.ok ? ((await response.json()) as { html?: unknown }) : undefined;
  // Another publication was named while this one was asked for.
  if (framed !== slug) return;
  if (typeof answer?.html !== "string") {
    framePreview.replaceChildren();
    frameSnippet.value = "";
    if (publicationStatus)
      publicationStatus.textContent = "This site has no public publication at that address.";
    return;
  }
  frameSnippet.value = answer.html;
  // This site's own answer, its text escaped by the server. Its script tag does not run when
  // set this way; the page has loaded the widget already, which resizes the iframe.
  framePreview.innerHTML = answer.html;
}

function showPublication(): void {
  if (!publicationForm || !elementPreview || !elementSnippet) return;
  const data = new FormData(publicationForm);
  const slug = slugOf(String(data.get("publication") ?? ""), location.origin);
  if (publicationStatus) publicationStatus.textContent = "";
  if (!slug) {
    if (publicationStatus)
      publicationStatus.textContent = "Name a publication of this site: its address or slug.";
    return;
  }
  const full = data.has("full");
  const scriptTag =
    new FormData(form ?? undefined).get("pinned") === "yes" ? form?.dataset.pinned : form?.dataset.latest;
  elementSnippet.value = publicationSnippet(scriptTag ?? "", location.origin, slug, full);
  const element = document.createElement("chancery-publication");
  element.setAttribute("slug", slug);
  element.toggleAttribute("full", full);
  const link = document.createElement("a");
  link.href = publicationPage(location.origin, slug);
  link.textContent = "Read the publication";
  element.append(link);
  elementPreview.replaceChildren(element);
  showFrame(slug);
}

/** The latest publication, to show something before one is named. */
async function startWithLatest(): Promise<void> {
  const field = publicationForm?.elements.namedItem("publication");
  if (!(field instanceof HTMLInputElement)) return;
  if (!field.value) {
    const answer = await fetch("/api/v1/publications?limit=1&fields=slug")
      .then((response) => response.json())
      .catch(() => undefined);
    const slug = answer?.items?.[0]?.slug;
    if (typeof slug === "string" && !field.value) field.value = publicationPage(location.origin, slug);
  }
  showPublication();
}

publicationForm?.addEventListener("input", showPublication);
// The widget's script choice above writes this snippet's script tag too.
form?.addEventListener("input", showPublication);
publicationForm?.addEventListener("submit", (event) => event.preventDefault());
for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-copy]")) {
  const id = button.dataset.copy;
  button.addEventListener("click", () =>
    copySnippet(
      document.querySelector<HTMLTextAreaElement>(`#${id}`),
      document.querySelector<HTMLElement>(`#${id}-status`),
    ),
  );
}
startWithLatest();
