/**
 * The reactive part of the widget's elements: what they use of Lit's
 * ReactiveElement, built on the platform. Declared properties fed by their
 * attributes, one lit-html render per microtask, Lit's reactive controllers
 * (Resource and TickController implement Lit's own interface), and styles
 * adopted as constructable stylesheets.
 *
 * Controllers need of their host only `addController` and `requestUpdate`
 * (ControllerHost): a LitElement is one too.
 *
 * Why not LitElement itself: above lit-html, it (with ReactiveElement and
 * the css tag) is 2.6 KB of gzip on every partner page, a quarter of the
 * front page's 10 KB budget; this is about 0.65 KB. Left out, because no
 * element uses them: reflecting properties to attributes, custom
 * converters, hasChanged, and the `<style>` fallback for browsers without
 * adoptedStyleSheets (Safari before 16.4, older than the ES2022 the widget
 * is built for). The console, not held to a budget, uses LitElement.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { nothing, render } from "lit/html.js";

/** How an attribute's text becomes its property's value: as text (no type), a number, or present or not. */
export interface PropertyDeclaration {
  type?: NumberConstructor | BooleanConstructor;
}
export type PropertyDeclarations = Record<string, PropertyDeclaration>;
/** One stylesheet, or a list of them (the shared base first, then the element's own). */
export type Styles = CSSStyleSheet | readonly CSSStyleSheet[];

/**
 * A stylesheet every shadow root adopts, shared by all elements of a kind;
 * a page's Content-Security-Policy without 'unsafe-inline' allows it. It
 * takes no `${}`: the sheet is the text written.
 * @example const base = css`:host { display: block }`;
 */
export function css(strings: TemplateStringsArray): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(strings[0]);
  return sheet;
}

/** What a controller asks of the element it serves. */
export type ControllerHost = Pick<ReactiveControllerHost, "addController" | "requestUpdate"> & HTMLElement;

interface Declared extends PropertyDeclaration {
  name: string;
}

const declarations = new WeakMap<typeof ReactiveElement, Map<string, Declared>>();

const fromAttribute = (text: string | null, { type }: Declared) =>
  type === Boolean ? text !== null : type === Number && text !== null ? Number(text) : text;

/** The element's shadow root, its class's stylesheets adopted. */
function shadowRoot(element: HTMLElement, styles: Styles = []): ShadowRoot {
  const root = element.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [styles].flat();
  return root;
}

export class ReactiveElement extends HTMLElement implements ControllerHost {
  /** Each class's own; a subclass's add to its ancestors'. The attribute is the name in lower case. */
  static properties: PropertyDeclarations = {};
  static styles?: Styles;

  /** Read once, when the element is defined: the first reading also gives each property its accessor. */
  static get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the element's own class, a subclass of this one.
    return [...ReactiveElement.#declared(this).keys()];
  }

  static #declared(type: typeof ReactiveElement): Map<string, Declared> {
    let found = declarations.get(type);
    if (found) return found;
    found = new Map(type === ReactiveElement ? [] : ReactiveElement.#declared(Object.getPrototypeOf(type)));
    for (const [name, declaration] of Object.entries(
      Object.hasOwn(type, "properties") ? type.properties : {},
    )) {
      found.set(name.toLowerCase(), { name, ...declaration });
      // One the platform has (lang) keeps its own accessor, which is its attribute.
      if (name in HTMLElement.prototype) continue;
      Object.defineProperty(type.prototype, name, {
        get(this: ReactiveElement) {
          return this.#values.get(name);
        },
        set(this: ReactiveElement, value: unknown) {
          this.#values.set(name, value);
          this.requestUpdate();
        },
      });
    }
    declarations.set(type, found);
    return found;
  }

  #values = new Map<string, unknown>();
  /** Set on the element before its code arrived: they outlive the constructor's defaults. */
  #early = new Map<string, unknown>();
  #controllers = new Set<ReactiveController>();
  #root: ShadowRoot;
  /** Nothing is drawn before the element first joins a page. */
  #joined = false;
  #update?: Promise<void>;

  constructor() {
    super();
    const type = this.constructor as typeof ReactiveElement;
    for (const { name } of ReactiveElement.#declared(type).values()) {
      if (!Object.hasOwn(this, name)) continue;
      this.#early.set(name, Reflect.get(this, name));
      Reflect.deleteProperty(this, name);
    }
    this.#root = shadowRoot(this, type.styles);
  }

  /** @internal For the element's own controllers. */
  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    // Not while an element already in the page is being upgraded: connectedCallback follows.
    if (this.#joined && this.isConnected) controller.hostConnected?.();
  }

  connectedCallback(): void {
    for (const [name, value] of this.#early) Reflect.set(this, name, value);
    this.#early.clear();
    this.#joined = true;
    for (const controller of this.#controllers) controller.hostConnected?.();
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    for (const controller of this.#controllers) controller.hostDisconnected?.();
  }

  attributeChangedCallback(attribute: string, _old: string | null, text: string | null): void {
    const property = ReactiveElement.#declared(this.constructor as typeof ReactiveElement).get(attribute);
    if (property && !(property.name in HTMLElement.prototype)) {
      Reflect.set(this, property.name, fromAttribute(text, property));
    } else {
      this.requestUpdate();
    }
  }

  /** @internal Draws the element again at the end of this task; calls until then are one drawing. */
  requestUpdate(): void {
    if (!this.#joined || this.#update) return;
    this.#update = Promise.resolve().then(() => this.#draw());
  }

  #draw(): void {
    this.#update = undefined;
    try {
      this.willUpdate();
      for (const controller of this.#controllers) controller.hostUpdate?.();
      render(this.render(), this.#root);
      for (const controller of this.#controllers) controller.hostUpdated?.();
      this.updated();
    } catch (error) {
      // One element that cannot draw keeps what it showed; the host page is not disturbed.
      console.error(error);
    }
  }

  /** Before each drawing, after a change: work out what the drawing needs. */
  protected willUpdate(): void {}

  /** What the shadow root shows: a lit-html template. */
  protected render(): unknown {
    return nothing;
  }

  /** After each drawing. */
  protected updated(): void {}
}
