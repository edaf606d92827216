import type { PropertyDeclarations } from "lit";
import type { Problem } from "./api";
import { LightElement } from "./light";

/**
 * An element that loads what it shows when it connects, and says how each
 * action went: a message when it went through (and loads again), its
 * problem when not, focused so that it is read out at once.
 */
export abstract class OutcomeElement extends LightElement {
  // Lit gathers a subclass's properties with these, so it lists only its own.
  static override properties: PropertyDeclarations = {
    problem: { state: true },
    message: { state: true },
  };

  declare problem?: Problem;
  declare message?: string;

  /** Fetches what the element shows; a failure is its problem. */
  abstract load(): Promise<void>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  /** Shows what an answer says: the message when it went through, its problem when not. */
  protected async done(answer: { ok: boolean; problem?: Problem }, message: string): Promise<boolean> {
    this.problem = answer.ok ? undefined : answer.problem;
    this.message = answer.ok ? message : undefined;
    if (answer.ok) await this.load();
    else {
      await this.updateComplete;
      this.querySelector<HTMLElement>(".problem")?.focus();
    }
    return answer.ok;
  }
}
