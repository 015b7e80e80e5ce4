import { describe, expect, it } from 'vitest';
import {
  DUPLICATE_RADIUS_METERS,
  LOCATION_TOLERANCE_METERS,
  haversineMeters,
  validateBBox,
  validateLngLat,
  wrapLng,
} from './geo.rules.js';
import { DomainError } from './errors.js';

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

// One degree of arc on a sphere of radius 6 371 008.8 m: 6371008.8 × π / 180 = 111 195.0802 m.
const METERS_PER_DEGREE = 111_195.0802;

describe('constants', () => {
  it('match the design', () => {
    expect(DUPLICATE_RADIUS_METERS).toBe(25);
    expect(LOCATION_TOLERANCE_METERS).toBe(50);
  });
});

describe('validateLngLat', () => {
  it('returns a clean point, dropping extra keys', () => {
    expect(validateLngLat({ lng: -87.6298, lat: 41.8781, alt: 180 }, 'location')).toEqual({
      lng: -87.6298,
      lat: 41.8781,
    });
  });

  it('accepts the exact limits', () => {
    expect(validateLngLat({ lng: 180, lat: -90 }, 'location')).toEqual({ lng: 180, lat: -90 });
    expect(validateLngLat({ lng: -180, lat: 90 }, 'location')).toEqual({ lng: -180, lat: 90 });
  });

  it.each([
    [null, 'location: must be an object with numeric lng and lat'],
    ['41.8,-87.6', 'location: must be an object with numeric lng and lat'],
    [[-87.6, 41.8], 'location: must be an object with numeric lng and lat'],
    [{ lat: 41.8 }, 'location.lng: must be a finite number'],
    [{ lng: '-87.6', lat: 41.8 }, 'location.lng: must be a finite number'],
    [{ lng: Number.NaN, lat: 41.8 }, 'location.lng: must be a finite number'],
    [{ lng: -87.6, lat: Number.POSITIVE_INFINITY }, 'location.lat: must be a finite number'],
    [{ lng: 180.0001, lat: 0 }, 'location.lng: must be between -180 and 180'],
    [{ lng: 0, lat: -90.5 }, 'location.lat: must be between -90 and 90'],
  ])('refuses %j', (value, message) => {
    const error = thrown(() => validateLngLat(value, 'location'));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe(message);
    expect(error.details.field).toBe(message.split(':')[0]);
  });
});

describe('haversineMeters', () => {
  it('is zero for the same point', () => {
    expect(haversineMeters({ lng: -87.6, lat: 41.8 }, { lng: -87.6, lat: 41.8 })).toBe(0);
  });

  it('is one degree of arc along a meridian and along the equator', () => {
    expect(haversineMeters({ lng: 0, lat: 0 }, { lng: 0, lat: 1 })).toBeCloseTo(METERS_PER_DEGREE, 2);
    expect(haversineMeters({ lng: 0, lat: 0 }, { lng: 1, lat: 0 })).toBeCloseTo(METERS_PER_DEGREE, 2);
  });

  it('is half the circumference between antipodes', () => {
    // π × 6 371 008.8 = 20 015 114.44 m
    expect(haversineMeters({ lng: 0, lat: 0 }, { lng: 180, lat: 0 })).toBeCloseTo(20_015_114.44, 1);
  });

  it('shrinks east–west distances with latitude (cos 60° = ½)', () => {
    expect(haversineMeters({ lng: 0, lat: 60 }, { lng: 0.001, lat: 60 })).toBeCloseTo(
      METERS_PER_DEGREE * 0.001 * 0.5,
      2,
    );
  });

  it('is symmetric', () => {
    const a = { lng: -87.6298, lat: 41.8781 };
    const b = { lng: -87.6, lat: 41.9 };
    expect(haversineMeters(a, b)).toBe(haversineMeters(b, a));
  });
});

describe('wrapLng', () => {
  it('leaves in-range values alone and wraps the rest', () => {
    expect(wrapLng(45)).toBe(45);
    expect(wrapLng(180)).toBe(180);
    expect(wrapLng(-180)).toBe(-180);
    expect(wrapLng(190)).toBe(-170);
    expect(wrapLng(-190)).toBe(170);
    expect(wrapLng(540)).toBe(-180);
    expect(wrapLng(-87.6 + 360)).toBeCloseTo(-87.6, 9);
  });
});

describe('validateBBox', () => {
  it('returns an ordinary box as a single box', () => {
    expect(validateBBox({ west: -88, south: 41.6, east: -87.5, north: 42.1 }, 'bbox')).toEqual([
      { west: -88, south: 41.6, east: -87.5, north: 42.1 },
    ]);
  });

  it('splits a box across the antimeridian in two', () => {
    expect(validateBBox({ west: 170, south: -10, east: -170, north: 10 }, 'bbox')).toEqual([
      { west: 170, south: -10, east: 180, north: 10 },
      { west: -180, south: -10, east: -170, north: 10 },
    ]);
  });

  it('accepts a zero-width box and the whole world', () => {
    expect(validateBBox({ west: 5, south: 5, east: 5, north: 5 }, 'bbox')).toHaveLength(1);
    expect(validateBBox({ west: -180, south: -90, east: 180, north: 90 }, 'bbox')).toHaveLength(1);
  });

  it.each([
    [{ west: 1, south: 2, east: 3, north: 1 }, 'bbox.south: must not be greater than bbox.north'],
    [{ west: Number.NaN, south: 0, east: 1, north: 1 }, 'bbox.west: must be a finite number'],
    [{ west: 0, south: 0, east: 200, north: 1 }, 'bbox.east: must be between -180 and 180'],
    [{ west: 0, south: -91, east: 1, north: 1 }, 'bbox.south: must be between -90 and 90'],
    [{ west: 0, south: 0, east: 1 }, 'bbox.north: must be a finite number'],
    [undefined, 'bbox: must be an object with numeric west, south, east and north'],
  ])('refuses %j', (value, message) => {
    const error = thrown(() => validateBBox(value, 'bbox'));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe(message);
    expect(error.details.field).toBe(message.split(':')[0]);
  });
});
