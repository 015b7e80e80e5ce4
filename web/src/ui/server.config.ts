// GET /config.json: what the server tells every page before it renders — the
// basemap, whether this is the demo install, and the company's time zone.
// Fetched once per page load and shared by everything that reads it.

let pending: Promise<unknown> | null = null;

/** The raw /config.json answer, fetched once; null when it cannot be read (asked again next time). */
export function loadServerConfig(fetchImpl: typeof fetch = fetch): Promise<unknown> {
  pending ??= fetchImpl('/config.json', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
    .catch(() => {
      pending = null;
      return null;
    });
  return pending;
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
