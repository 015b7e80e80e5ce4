// Pure geometry for the property map, kept apart from maplibre so it can be
// tested without WebGL.

export type GeoJSONMultiPolygon = { type: 'MultiPolygon'; coordinates: number[][][][] };

export type MapProperty = {
  id: string;
  name: string;
  boundary: GeoJSONMultiPolygon;
  centroid: { lng: number; lat: number };
};

/** South-west and north-east corners, as maplibre's LngLatBoundsLike expects. */
export type LngLatBox = [[number, number], [number, number]];

export type PropertyFeatureCollection = {
  type: 'FeatureCollection';
  features: Array<{
    type: 'Feature';
    id: string;
    properties: { id: string; name: string };
    geometry: GeoJSONMultiPolygon;
  }>;
};

/** The box around every vertex of the given boundaries; null when there are none. */
export function boundsOf(boundaries: readonly GeoJSONMultiPolygon[]): LngLatBox | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const boundary of boundaries) {
    for (const polygon of boundary.coordinates) {
      for (const ring of polygon) {
        for (const [lng, lat] of ring) {
          if (lng < west) west = lng;
          if (lng > east) east = lng;
          if (lat < south) south = lat;
          if (lat > north) north = lat;
        }
      }
    }
  }
  return Number.isFinite(west)
    ? [
        [west, south],
        [east, north],
      ]
    : null;
}

/** One feature per property; the id is repeated in properties because click events only carry those. */
export function toFeatureCollection(properties: readonly MapProperty[]): PropertyFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: properties.map((p) => ({
      type: 'Feature',
      id: p.id,
      properties: { id: p.id, name: p.name },
      geometry: p.boundary,
    })),
  };
}

/** The map's props: here, not in PropertyMap.tsx, so the lazily loaded canvas shares them without an import cycle. */
export type PropertyMapProps = {
  properties: readonly MapProperty[];
  selectedId: string | null;
  onSelect: (propertyId: string) => void;
  /**
   * A right-click or long-press inside a property's boundary, with the spot
   * ("New Issue here"); without it the map offers nothing there.
   */
  onSpotPress?: (spot: { propertyId: string; lngLat: { lng: number; lat: number } }) => void;
  /** The pressed spot, marked while its form is open. */
  spot?: { lng: number; lat: number } | null;
  /** Height in pixels. */
  height?: number;
};
