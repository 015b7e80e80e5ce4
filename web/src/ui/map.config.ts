// The basemap is configured on the server (GET /config.json) so an install can
// point at its own tile provider — or at none, when it runs offline.

export type MapConfig = {
  /** Absolute URL of a MapLibre style, or null to use the built-in offline style. */
  mapStyleUrl: string | null;
};

const NO_BASEMAP: MapConfig = { mapStyleUrl: null };

/** Accepts only the documented shape; anything else means "no basemap". */
export function parseMapConfig(
  value: unknown,
  base: string = globalThis.location?.href ?? 'http://localhost/',
): MapConfig {
  if (!value || typeof value !== 'object') return NO_BASEMAP;
  const url = (value as { mapStyleUrl?: unknown }).mapStyleUrl;
  if (typeof url !== 'string' || url.trim() === '') return NO_BASEMAP;
  try {
    // maplibre resolves a style's own relative URLs against the style URL, so
    // the style URL itself has to be absolute.
    return { mapStyleUrl: new URL(url, base).href };
  } catch {
    return NO_BASEMAP;
  }
}

let pending: Promise<MapConfig> | null = null;

/** Fetches the map config once per page load; a failure means "no basemap" and is retried next time. */
export function loadMapConfig(fetchImpl: typeof fetch = fetch): Promise<MapConfig> {
  pending ??= fetchImpl('/config.json', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : null))
    .then((json: unknown) => parseMapConfig(json))
    .catch(() => {
      pending = null;
      return NO_BASEMAP;
    });
  return pending;
}

/**
 * A plain background and nothing else: no tiles, sprites or glyphs, so it
 * renders without any network. Property labels are DOM elements for the same
 * reason (symbol layers would need a glyph server).
 */
export const OFFLINE_STYLE = {
  version: 8 as const,
  name: 'Groundwork offline',
  sources: {},
  layers: [{ id: 'background', type: 'background' as const, paint: { 'background-color': '#eef1ea' } }],
};
