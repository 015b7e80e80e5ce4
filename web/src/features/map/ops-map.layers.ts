import type * as maplibregl from 'maplibre-gl';
import type { PinFeatureCollection } from './map.pins';
import type { MapPropertyData } from './ops-map.types';
import { pinImage } from './pin.icons';

// The live map's maplibre sources and layers: property boundaries, the pins,
// the selection ring, and the small source of dropped pins waiting for the server.

export const PROPERTIES = 'gw-properties';
export const PROPERTY_FILL = 'gw-properties-fill';
const PROPERTY_LINE = 'gw-properties-line';
const PROPERTY_DOT = 'gw-properties-dot';
export const PINS = 'gw-pins';
export const PIN_LAYER = 'gw-pins-layer';
const SELECTED_LAYER = 'gw-pins-selected';
/** Dropped pins waiting for the server, drawn on their own so they change without re-tiling every pin. */
export const HELD = 'gw-pins-held';
export const HELD_LAYER = 'gw-pins-held-layer';

/** A click this close to a pin's centre is on its drawn disc (radius 8 px, its ring or overdue ring round it). */
export const PIN_HIT_RADIUS_PX = 11;

export const EMPTY_PINS: PinFeatureCollection = { type: 'FeatureCollection', features: [] };

/** The properties as GeoJSON: boundaries where known, else their centroid as a dot. */
export function propertyData(properties: readonly MapPropertyData[]) {
  return {
    type: 'FeatureCollection' as const,
    features: properties.map((p) => ({
      type: 'Feature' as const,
      properties: { id: p.id, name: p.name },
      geometry: p.boundary ?? { type: 'Point' as const, coordinates: [p.centroid.lng, p.centroid.lat] },
    })),
  };
}

/**
 * Adds the sources and layers unless the style has them; needed after every style
 * load because a new style drops them. True when they were (re)created: whatever
 * the sources were given before is gone.
 */
export function installLayers(
  map: maplibregl.Map,
  data: { properties: readonly MapPropertyData[]; pins: PinFeatureCollection },
): boolean {
  if (map.getSource(PROPERTIES)) return false;
  map.addSource(PROPERTIES, { type: 'geojson', data: propertyData(data.properties) });
  map.addLayer({
    id: PROPERTY_FILL,
    type: 'fill',
    source: PROPERTIES,
    filter: ['!=', ['geometry-type'], 'Point'],
    paint: { 'fill-color': '#37b24d', 'fill-opacity': 0.14 },
  });
  map.addLayer({
    id: PROPERTY_LINE,
    type: 'line',
    source: PROPERTIES,
    filter: ['!=', ['geometry-type'], 'Point'],
    paint: { 'line-color': '#2b8a3e', 'line-width': 1.25 },
  });
  map.addLayer({
    id: PROPERTY_DOT,
    type: 'circle',
    source: PROPERTIES,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-radius': 3, 'circle-color': '#2b8a3e', 'circle-opacity': 0.6 },
  });
  map.addSource(PINS, { type: 'geojson', data: data.pins, promoteId: 'id' });
  map.addLayer({
    id: SELECTED_LAYER,
    type: 'circle',
    source: PINS,
    filter: ['==', ['get', 'id'], ''],
    paint: { 'circle-radius': 17, 'circle-color': '#1c7ed6', 'circle-opacity': 0.25 },
  });
  const layout = {
    'icon-image': ['get', 'icon'],
    // Smaller at city zoom, where pins crowd: each stays a distinct dot with its ring rather than a blob.
    'icon-size': ['interpolate', ['linear'], ['zoom'], 10, 0.7, 14, 1],
    'icon-allow-overlap': true,
    'icon-ignore-placement': true,
    'symbol-sort-key': ['get', 'rank'],
  } satisfies maplibregl.SymbolLayerSpecification['layout'];
  map.addLayer({ id: PIN_LAYER, type: 'symbol', source: PINS, layout });
  map.addSource(HELD, { type: 'geojson', data: EMPTY_PINS, promoteId: 'id' });
  map.addLayer({ id: HELD_LAYER, type: 'symbol', source: HELD, layout });
  return true;
}

/** Rings the selected pin (none for null). */
export function drawSelection(map: maplibregl.Map, selectedId: string | null): void {
  if (map.getLayer(SELECTED_LAYER)) map.setFilter(SELECTED_LAYER, ['==', ['get', 'id'], selectedId ?? '']);
}

/** Gives the style the image of a pin look it has not drawn yet. */
export function ensurePinImage(map: maplibregl.Map, icon: string): void {
  const image = pinImage(icon);
  if (image && !map.hasImage(icon)) map.addImage(icon, image.image, { pixelRatio: image.pixelRatio });
}
