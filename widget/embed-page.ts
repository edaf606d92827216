/**
 * The /embed page's script: keeps the preview and the snippet in step with
 * the form, and copies the snippet. The page works without it, showing the
 * default snippet.
 */
import { choicesFrom, type EmbedChoice, embedSnippet } from "./embed-snippet";

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

async function copySnippet(): Promise<void> {
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
copy?.addEventListener("click", copySnippet);
update();
