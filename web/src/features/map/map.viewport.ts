import { MAP_MAX_ZOOM, wrapLng } from '@groundwork/shared';

// From what maplibre reports to what the server accepts: longitudes wrapped
// into [-180, 180] (west > east is a view across the antimeridian), latitudes
// inside Web Mercator, the whole world when the view spans more than a turn.

export type ViewBox = { west: number; south: number; east: number; north: number };

const MERCATOR_LAT = 85.0511;
/** maplibre's world is 512 px wide at zoom 0. */
const WORLD_PX = 512;

function wrap(lng: number): number {
  const wrapped = wrapLng(lng);
  // 180 and -180 are the same meridian; keep the east edge at +180 rather than flipping it to -180.
  return wrapped === -180 && lng > 0 ? 180 : wrapped;
}

export function viewBox(bounds: { west: number; south: number; east: number; north: number }): ViewBox {
  const south = Math.max(-MERCATOR_LAT, Math.min(MERCATOR_LAT, bounds.south));
  const north = Math.max(-MERCATOR_LAT, Math.min(MERCATOR_LAT, bounds.north));
  if (bounds.east - bounds.west >= 360) return { west: -180, south, east: 180, north };
  return { west: wrap(bounds.west), south, east: wrap(bounds.east), north };
}

/** The zoom the server is asked for: maplibre's, clamped, to a hundredth (fewer distinct cache keys). */
export function requestZoom(zoom: number): number {
  return Math.round(Math.max(0, Math.min(MAP_MAX_ZOOM, zoom)) * 100) / 100;
}

export function inBox(box: ViewBox, point: { lng: number; lat: number }): boolean {
  if (point.lat < box.south || point.lat > box.north) return false;
  return box.west <= box.east
    ? point.lng >= box.west && point.lng <= box.east
    : point.lng >= box.west || point.lng <= box.east;
}

/** The box around several boxes (cluster bounds), for framing the first view; null when there are none. */
export function unionBox(boxes: readonly ViewBox[]): ViewBox | null {
  if (boxes.length === 0) return null;
  return boxes.reduce((a, b) => ({
    west: Math.min(a.west, b.west),
    south: Math.min(a.south, b.south),
    east: Math.max(a.east, b.east),
    north: Math.max(a.north, b.north),
  }));
}

const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
const mercLat = (y: number) => (Math.atan(Math.exp(y)) * 360) / Math.PI - 90;

/**
 * The box maplibre will report for a map of `width` × `height` px opening at
 * `center` and `zoom`: lets the page ask for the first view while the map
 * library is still loading.
 */
export function viewportBox(
  center: { lng: number; lat: number },
  zoom: number,
  width: number,
  height: number,
): ViewBox {
  const world = WORLD_PX * 2 ** zoom;
  const halfLng = (width / world) * 180;
  const y = mercY(Math.max(-MERCATOR_LAT, Math.min(MERCATOR_LAT, center.lat)));
  const halfY = (height / world) * Math.PI;
  return viewBox({
    west: center.lng - halfLng,
    east: center.lng + halfLng,
    south: mercLat(y - halfY),
    north: mercLat(y + halfY),
  });
}

/** Two reports of the same view: same zoom, and edges within a few pixels (border and rounding). */
export function sameView(a: { box: ViewBox; zoom: number }, b: { box: ViewBox; zoom: number }): boolean {
  if (requestZoom(a.zoom) !== requestZoom(b.zoom)) return false;
  const tolerance = (4 / (WORLD_PX * 2 ** a.zoom)) * 360;
  return (['west', 'south', 'east', 'north'] as const).every((k) => Math.abs(a.box[k] - b.box[k]) <= tolerance);
}
