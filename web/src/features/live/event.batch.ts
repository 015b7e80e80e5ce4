// Timing helpers for applying events: gather them into batches, and reload
// a view at most once per burst of events, never with two reloads in flight.

/** How long events gather before they are applied together (one cache transaction, one re-render). */
export const EVENT_BATCH_MS = 250;

export type Batcher<T> = {
  push(item: T): void;
  /** Hands over what has gathered now. */
  flush(): void;
  /** Drops what has gathered. */
  cancel(): void;
};

/**
 * Collects items and hands them over `intervalMs` after the first one
 * arrived — a fixed delay, not a debounce, so a steady stream of events
 * still shows within `intervalMs`.
 */
export function createBatcher<T>(deliver: (items: T[]) => void, intervalMs = EVENT_BATCH_MS): Batcher<T> {
  let queue: T[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (queue.length === 0) return;
    const items = queue;
    queue = [];
    deliver(items);
  };
  return {
    push(item) {
      queue.push(item);
      timer ??= setTimeout(flush, intervalMs);
    },
    flush,
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      queue = [];
    },
  };
}

/** How long reload requests gather before the view reloads. */
export const RELOAD_DELAY_MS = 300;

export type ReloadScheduler = {
  /** Asks for a reload: the next one starts within `delayMs`, or after the one in flight. */
  request(): void;
  dispose(): void;
};

/**
 * Reloads a view once per burst of requests. A request while a reload is in
 * flight runs another one after it: the one in flight may have been read
 * before the change that asked for it, and an identical request in flight
 * would otherwise be shared rather than repeated.
 */
export function createReloadScheduler(reload: () => Promise<unknown>, delayMs = RELOAD_DELAY_MS): ReloadScheduler {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let again = false;
  let disposed = false;

  const run = async () => {
    timer = null;
    running = true;
    try {
      await reload();
    } catch {
      // The view keeps what it shows; the next event asks again.
    } finally {
      running = false;
      if (again) {
        again = false;
        request();
      }
    }
  };
  const request = () => {
    if (disposed) return;
    if (running) again = true;
    else timer ??= setTimeout(() => void run(), delayMs);
  };
  return {
    request,
    dispose() {
      disposed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
