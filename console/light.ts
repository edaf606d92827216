import { LitElement } from "lit";

/**
 * The console's elements draw into the light DOM: one stylesheet serves
 * them all, and forms, labels and focus behave as on any page.
 */
export class LightElement extends LitElement {
  override createRenderRoot(): HTMLElement {
    return this;
  }
}
