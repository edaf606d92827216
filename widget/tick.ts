/**
 * One timer for every clock on the page, fired on the wall clock's second or
 * minute boundary rather than on a drifting interval. It sleeps while the
 * page is hidden and fires at once when the page shows again.
 */

export type TickUnit = "second" | "minute";

const subscribers = new Map<() => void, TickUnit>();
let timer: ReturnType<typeof setTimeout> | undefined;
let listening = false;

function period(): number {
  for (const unit of subscribers.values()) if (unit === "second") return 1000;
  return 60_000;
}

function schedule(): void {
  clearTimeout(timer);
  timer = undefined;
  if (subscribers.size === 0 || document.hidden) return;
  const ms = period();
  timer = setTimeout(fire, ms - (Date.now() % ms));
}

function fire(): void {
  for (const callback of subscribers.keys()) {
    try {
      callback();
    } catch (error) {
      // One failing subscriber must not stop the others, nor reach the host page.
      console.error(error);
    }
  }
  schedule();
}

function onVisibilityChange(): void {
  if (document.hidden) schedule();
  else fire();
}

/**
 * Calls `callback` on every boundary of `unit`; returns the unsubscribe.
 * @example const stop = onTick("minute", () => element.requestUpdate());
 */
export function onTick(unit: TickUnit, callback: () => void): () => void {
  if (!listening) {
    document.addEventListener("visibilitychange", onVisibilityChange);
    listening = true;
  }
  subscribers.set(callback, unit);
  schedule();
  return () => {
    subscribers.delete(callback);
    schedule();
  };
}
