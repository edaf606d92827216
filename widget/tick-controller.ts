import type { ReactiveController } from "lit";
import type { ControllerHost } from "./reactive";
import { onTick, type TickUnit } from "./tick";

/** Re-renders its element on every wall-clock second or minute while connected. */
export class TickController implements ReactiveController {
  #stop?: () => void;
  #unit?: TickUnit;

  constructor(
    private host: ControllerHost,
    private unit: () => TickUnit,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#subscribe();
  }

  /** The unit can follow an attribute (a clock gaining seconds). */
  hostUpdate(): void {
    if (this.#stop && this.unit() !== this.#unit) this.#subscribe();
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
  }

  #subscribe(): void {
    this.#stop?.();
    this.#unit = this.unit();
    this.#stop = onTick(this.#unit, () => this.host.requestUpdate());
  }
}
