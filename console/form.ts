import { html, nothing, type TemplateResult } from "lit";
import type { Problem } from "./api";

/**
 * The API's field errors by field name (`clocks.0.time_zone`), each also
 * under its top field (`clocks`) for forms that edit a list as one control.
 */
export function fieldErrors(problem?: Problem): Map<string, string> {
  const errors = new Map<string, string>();
  for (const { name, reason } of problem?.["invalid-params"] ?? []) {
    errors.set(name, reason);
    const top = name.split(".")[0];
    if (!errors.has(top)) errors.set(top, `${name}: ${reason}`);
  }
  return errors;
}

/**
 * A labelled control with its error said beside it and tied to it by
 * aria-describedby, so a screen reader reads both.
 */
export function field(
  label: string,
  name: string,
  errors: Map<string, string>,
  control: (attributes: { id: string; invalid: boolean; describedBy?: string }) => TemplateResult,
  hint?: string,
): TemplateResult {
  const id = `field-${name.replaceAll(".", "-")}`;
  const error = errors.get(name);
  const described =
    [error ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined;
  return html`<div class="field ${error ? "has-error" : ""}">
    <label for=${id}>${label}</label>
    ${control({ id, invalid: Boolean(error), describedBy: described })}
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
    ${error ? html`<p class="field-error" id="${id}-error">${label}: ${error}</p>` : nothing}
  </div>`;
}

/** The problem's summary at the top of a form: focusable, announced, listing each field. */
export function problemSummary(problem?: Problem): TemplateResult | typeof nothing {
  if (!problem) return nothing;
  const params = problem["invalid-params"] ?? [];
  return html`<div class="problem" role="alert" tabindex="-1">
    <p><strong>${problem.title}.</strong> ${problem.detail}</p>
    ${
      params.length > 0
        ? html`<ul>
          ${params.map((param) => html`<li><a href="#field-${param.name.replaceAll(".", "-")}">${param.name}</a>: ${param.reason}</li>`)}
        </ul>`
        : nothing
    }
  </div>`;
}
