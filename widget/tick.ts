/**
 * One timer for every clock on the page, fired on the wall clock's second or
 * minute boundary rather than on a drifting interval. It sleeps while the
 * page is hidden and fires at once when the page shows again.
 */

export type TickUnit = "second" | "minute";

const subscribers = new Map<() => void, TickUnit>();
let timer: ReturnType<typeof setTimeout> | undefined;

function schedule(): void {
  clearTimeout(timer);
  if (subscribers.size === 0 || document.hidden) return;
  const ms = [...subscribers.values()].includes("second") ? 1000 : 60_000;
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

document.addEventListener("visibilitychange", () => (document.hidden ? schedule() : fire()));

/**
 * Calls `callback` on every boundary of `unit`; returns the unsubscribe.
 * @example const stop = onTick("minute", () => element.requestUpdate());
 */
export function onTick(unit: TickUnit, callback: () => void): () => void {
  subscribers.set(callback, unit);
  schedule();
  return () => {
    subscribers.delete(callback);
    schedule();
  };
}
