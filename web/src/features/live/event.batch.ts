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
 * Collects items and hands them over at most once per `intervalMs`: the
 * first item after a quiet interval goes at once (on the next turn of the
 * event loop, with whatever arrived in the same turn), and what arrives
 * after it gathers until `intervalMs` after that hand-over — a throttle, not
 * a debounce, so a steady stream still shows within `intervalMs`, and a
 * single change shows without waiting for a burst that is not coming.
 */
export function createBatcher<T>(deliver: (items: T[]) => void, intervalMs = EVENT_BATCH_MS): Batcher<T> {
  let queue: T[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let delivered = Number.NEGATIVE_INFINITY;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (queue.length === 0) return;
    const items = queue;
    queue = [];
    delivered = Date.now();
    deliver(items);
  };
  return {
    push(item) {
      queue.push(item);
      timer ??= setTimeout(flush, Math.max(0, delivered + intervalMs - Date.now()));
    },
    flush,
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      queue = [];
    },
  };
}

/** The least time between the starts of two reloads of one view. */
export const RELOAD_DELAY_MS = 300;

export type ReloadScheduler = {
  /** Asks for a reload: at once after a quiet spell, else `delayMs` after the last one started, or after the one in flight. */
  request(): void;
  dispose(): void;
};

/**
 * Reloads a view when asked, at most once per `delayMs`: the first request
 * after a quiet spell reloads at once (a single change shows as soon as it
 * can), and the requests of a burst after it share one reload, `delayMs`
 * after the last one started. A request while a reload is in flight runs
 * another one after it: the one in flight may have been read before the
 * change that asked for it, and an identical request in flight would
 * otherwise be shared rather than repeated.
 */
export function createReloadScheduler(
  reload: () => Promise<unknown>,
  delayMs = RELOAD_DELAY_MS,
  /** `leading: false`: every reload waits `delayMs` after the request that scheduled it (a view that can wait). */
  { leading = true }: { leading?: boolean } = {},
): ReloadScheduler {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let again = false;
  let disposed = false;
  let started = Number.NEGATIVE_INFINITY;

  const run = async () => {
    timer = null;
    running = true;
    started = Date.now();
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
    else timer ??= setTimeout(() => void run(), leading ? Math.max(0, started + delayMs - Date.now()) : delayMs);
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
