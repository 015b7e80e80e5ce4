import { describe, expect, it } from 'vitest';
import { inBox, requestZoom, sameView, unionBox, viewBox, viewportBox } from './map.viewport';

describe('view boxes', () => {
  it('wrap longitudes, so a view across the antimeridian has west > east', () => {
    expect(viewBox({ west: 170, south: -10, east: 190, north: 10 })).toEqual({
      west: 170,
      south: -10,
      east: -170,
      north: 10,
    });
    expect(viewBox({ west: -190, south: 0, east: -170, north: 1 })).toMatchObject({ west: 170, east: -170 });
    expect(viewBox({ west: 10, south: 0, east: 180, north: 1 })).toMatchObject({ west: 10, east: 180 });
  });

  it('ask for the whole world when the view spans more than one turn, within Mercator latitudes', () => {
    expect(viewBox({ west: -400, south: -89, east: 400, north: 89 })).toEqual({
      west: -180,
      south: -85.0511,
      east: 180,
      north: 85.0511,
    });
  });

  it('contain points on either side of the antimeridian', () => {
    const box = { west: 170, south: -10, east: -170, north: 10 };
    expect(inBox(box, { lng: 175, lat: 0 })).toBe(true);
    expect(inBox(box, { lng: -175, lat: 0 })).toBe(true);
    expect(inBox(box, { lng: 0, lat: 0 })).toBe(false);
    expect(inBox({ west: -105, south: 39, east: -104, north: 40 }, { lng: -104.5, lat: 41 })).toBe(false);
  });

  it('round and clamp the zoom, and frame several boxes', () => {
    expect(requestZoom(12.3456)).toBe(12.35);
    expect(requestZoom(-1)).toBe(0);
    expect(requestZoom(30)).toBe(24);
    expect(
      unionBox([
        { west: -105, south: 39, east: -104.9, north: 39.8 },
        { west: -104.8, south: 39.5, east: -104.7, north: 39.9 },
      ]),
    ).toEqual({ west: -105, south: 39, east: -104.7, north: 39.9 });
    expect(unionBox([])).toBeNull();
  });
});

describe('the first view before the map loads', () => {
  it('is the box maplibre shows for a center, zoom and size (512 px world at zoom 0)', () => {
    // Zoom 0 at 512 × 512 px is the whole Web Mercator square.
    const world = viewportBox({ lng: 0, lat: 0 }, 0, 512, 512);
    expect(world.west).toBeCloseTo(-180, 9);
    expect(world.east).toBeCloseTo(180, 9);
    expect(world.north).toBeCloseTo(85.0511, 3);
    expect(world.south).toBeCloseTo(-85.0511, 3);
    // Denver at street zoom: 1400 px is 1400 / (512 · 2^14) of a turn.
    const street = viewportBox({ lng: -104.99, lat: 39.74 }, 14, 1400, 800);
    expect(street.east - street.west).toBeCloseTo((1400 / (512 * 2 ** 14)) * 360, 9);
    // Mercator stretches latitude towards the pole: the same pixels span fewer degrees north of the center.
    expect(street.north - 39.74).toBeLessThan(39.74 - street.south);
  });

  it('counts as the same view as the map’s own report within a few pixels, not after a pan or zoom', () => {
    const box = viewportBox({ lng: -104.99, lat: 39.74 }, 14, 1400, 800);
    const px = 360 / (512 * 2 ** 14);
    expect(sameView({ box, zoom: 14 }, { box: { ...box, west: box.west + px, east: box.east - px }, zoom: 14 })).toBe(
      true,
    );
    expect(sameView({ box, zoom: 14 }, { box: { ...box, west: box.west + 40 * px }, zoom: 14 })).toBe(false);
    expect(sameView({ box, zoom: 14 }, { box, zoom: 14.5 })).toBe(false);
  });
});
