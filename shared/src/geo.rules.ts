import { badInput } from './errors.js';

/** A WGS 84 position, as the API carries it. */
export type LngLat = { lng: number; lat: number };

/** A WGS 84 box; west > east would cross the antimeridian (see {@link validateBBox}). */
export type BBox = { west: number; south: number; east: number; north: number };

/** A new Issue this close to an open Issue of the same category on the same property is probably the same problem. */
export const DUPLICATE_RADIUS_METERS = 25;

/**
 * Slack allowed when checking a point against where it should be (a pin just
 * outside a property boundary, a photo's EXIF position vs. its Issue): phone
 * GPS is routinely off by tens of metres.
 */
export const LOCATION_TOLERANCE_METERS = 50;

/** Mean Earth radius (IUGG), in metres. */
export const EARTH_RADIUS_METERS = 6_371_008.8;

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function requireCoordinate(record: Record<string, unknown>, key: string, limit: number, field: string): number {
  const value = record[key];
  // The coordinate's own path ("input.location.lat"), so a client knows which number to fix.
  if (!isFiniteNumber(value)) throw badInput(`${field}.${key}`, 'must be a finite number');
  if (value < -limit || value > limit) throw badInput(`${field}.${key}`, `must be between -${limit} and ${limit}`);
  return value;
}

function requireRecord(value: unknown, field: string, shape: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badInput(field, `must be an object with ${shape}`);
  }
  return value as Record<string, unknown>;
}

/** Returns a clean `{ lng, lat }` or throws BAD_USER_INPUT naming the field (non-numbers, NaN, ±Infinity, out of range). */
export function validateLngLat(value: unknown, field: string): LngLat {
  const record = requireRecord(value, field, 'numeric lng and lat');
  const lng = requireCoordinate(record, 'lng', 180, field);
  const lat = requireCoordinate(record, 'lat', 90, field);
  return { lng, lat };
}

/** Great-circle distance in metres; accurate to well under a metre at the distances duplicates care about. */
export function haversineMeters(a: LngLat, b: LngLat): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLng = (b.lng - a.lng) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Brings any longitude into [-180, 180]. Map libraries report bounds beyond
 * ±180 when the view shows a wrapped copy of the world; wrap before
 * {@link validateBBox}, which rejects them.
 */
export function wrapLng(lng: number): number {
  if (lng >= -180 && lng <= 180) return lng;
  return ((((lng + 180) % 360) + 360) % 360) - 180;
}

/**
 * Validates a bounding box and returns it as one or two boxes that never cross
 * the antimeridian: west > east is a view across ±180, split into
 * [west, 180] and [-180, east] so each half can be an ordinary envelope query.
 * South above north is an error (there is no "wrapping" over a pole).
 */
export function validateBBox(value: unknown, field: string): BBox[] {
  const record = requireRecord(value, field, 'numeric west, south, east and north');
  const west = requireCoordinate(record, 'west', 180, field);
  const south = requireCoordinate(record, 'south', 90, field);
  const east = requireCoordinate(record, 'east', 180, field);
  const north = requireCoordinate(record, 'north', 90, field);
  if (south > north) throw badInput(`${field}.south`, `must not be greater than ${field}.north`);
  if (west > east) {
    return [
      { west, south, east: 180, north },
      { west: -180, south, east, north },
    ];
  }
  return [{ west, south, east, north }];
}
