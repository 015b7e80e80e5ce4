// GET /config.json: what the server tells every page before it renders — the
// basemap, whether this is the demo install, and the company's time zone.
// Fetched once per page load and shared by everything that reads it; the last
// answer is kept on the device for a start with no signal.

let pending: Promise<unknown> | null = null;

// The last answer is kept in localStorage rather than in the service worker's
// cache: the app cannot draw a date without the company's time zone, so the
// copy must be there whether or not a service worker runs (development, a
// browser that evicted it), and a few hundred bytes read synchronously need no
// cache strategy. The network always comes first; the copy is only used when
// the server cannot be reached (a phone with no signal on a site walk).
const KEPT_KEY = 'groundwork.config';

type KeptStorage = Pick<Storage, 'getItem' | 'setItem'>;

function storage(): KeptStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function keptCopy(store: KeptStorage | null): unknown {
  try {
    const text = store?.getItem(KEPT_KEY);
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

/**
 * The raw /config.json answer, fetched once; without a network, the last answer
 * this browser kept; null when neither can be read (asked again next time).
 */
export function loadServerConfig(fetchImpl: typeof fetch = fetch, store = storage()): Promise<unknown> {
  pending ??= fetchImpl('/config.json', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
    .then((json: unknown) => {
      try {
        store?.setItem(KEPT_KEY, JSON.stringify(json));
      } catch {
        // A full or disabled storage only loses the offline copy.
      }
      return json;
    })
    .catch(() => {
      pending = null;
      return keptCopy(store);
    });
  return pending;
}

/** Forgets the answer of this page load (tests; the kept copy stays). */
export function resetServerConfig(): void {
  pending = null;
}

/** The company's IANA time zone from the config, or null when the answer has none. */
export function parseCompanyTimeZone(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const zone = (value as { companyTimeZone?: unknown }).companyTimeZone;
  if (typeof zone !== 'string' || zone === '') return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}
