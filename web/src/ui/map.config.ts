import { loadServerConfig } from './server.config';

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

/** The basemap from the server's config; a failure means "no basemap" (and the config is asked again next time). */
export function loadMapConfig(fetchImpl: typeof fetch = fetch): Promise<MapConfig> {
  return loadServerConfig(fetchImpl).then((json) => parseMapConfig(json));
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
