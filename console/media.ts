import { html, nothing } from "lit";
import { type Problem, upload } from "./api";
import { problemSummary } from "./form";
import { LightElement } from "./light";

interface Uploaded {
  name: string;
  progress: number;
  url?: string;
  problem?: Problem;
}

/**
 * Media: drop files (or pick them), watch each upload's progress, and take
 * the address, or the Markdown for an image, ready to paste.
 *
 * @element console-media
 */
export class ConsoleMedia extends LightElement {
  static override properties = { uploads: { state: true }, over: { state: true } };

  declare uploads: Uploaded[];
  declare over: boolean;

  constructor() {
    super();
    this.uploads = [];
    this.over = false;
  }

  #update(index: number, change: Partial<Uploaded>): void {
    this.uploads = this.uploads.map((item, at) => (at === index ? { ...item, ...change } : item));
  }

  async #send(files: Iterable<File>): Promise<void> {
    await Promise.all(
      [...files].map(async (file) => {
        const index = this.uploads.length;
        this.uploads = [...this.uploads, { name: file.name, progress: 0 }];
        const answer = await upload<{ url: string }>("/api/v1/media", file, (progress) =>
          this.#update(index, { progress }),
        );
        this.#update(index, answer.ok ? { progress: 1, url: answer.data.url } : { problem: answer.problem });
      }),
    );
  }

  #onDrop = (event: DragEvent) => {
    event.preventDefault();
    this.over = false;
    if (event.dataTransfer?.files.length) this.#send(event.dataTransfer.files);
  };

  #onDragOver = (event: DragEvent) => {
    event.preventDefault();
    this.over = true;
  };

  #copy(text: string, button: HTMLButtonElement): void {
    navigator.clipboard.writeText(text).then(
      () => {
        button.textContent = "Copied";
      },
      () => {
        button.textContent = "Select and copy the text";
      },
    );
  }

  #item(item: Uploaded) {
    const markdown = item.url ? `![${item.name.replace(/\.[^.]+$/, "")}](${new URL(item.url).pathname})` : "";
    return html`<li>
      <span class="name">${item.name}</span>
      ${
        item.url
          ? html`<output><a href=${item.url} target="_blank" rel="noopener">${item.url}</a></output>
            <input readonly aria-label="Markdown for ${item.name}" .value=${markdown} />
            <button type="button" class="quiet" @click=${(event: Event) => this.#copy(markdown, event.currentTarget as HTMLButtonElement)}>Copy Markdown</button>`
          : item.problem
            ? problemSummary(item.problem)
            : html`<progress max="1" .value=${item.progress} aria-label="Uploading ${item.name}">${Math.round(item.progress * 100)}%</progress>`
      }
    </li>`;
  }

  override render() {
    return html`<h1 tabindex="-1">Media</h1>
      <div class="drop ${this.over ? "over" : ""}" @dragover=${this.#onDragOver} @dragleave=${() => {
        this.over = false;
      }} @drop=${this.#onDrop}>
        <p>Drop images or PDFs here (10 MB at most), or</p>
        <label class="button" for="media-files">Choose files</label>
        <input id="media-files" class="visually-hidden" type="file" multiple accept="image/*,application/pdf"
          @change=${(event: Event) => this.#send((event.target as HTMLInputElement).files ?? [])} />
      </div>
      ${this.uploads.length === 0 ? nothing : html`<ul class="uploads" aria-live="polite">${this.uploads.map((item) => this.#item(item))}</ul>`}`;
  }
}
