// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { boundsOf, toFeatureCollection, type GeoJSONMultiPolygon } from './map.geometry';

const square = (lng: number, lat: number, size: number): GeoJSONMultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [lng, lat],
        [lng + size, lat],
        [lng + size, lat + size],
        [lng, lat + size],
        [lng, lat],
      ],
    ],
  ],
});

describe('boundsOf', () => {
  it('spans every polygon of every boundary', () => {
    expect(boundsOf([square(-97.75, 30.25, 0.01), square(-97.7, 30.2, 0.02)])).toEqual([
      [-97.75, 30.2],
      [-97.68, 30.26],
    ]);
  });

  it('is null when there is nothing to fit', () => {
    expect(boundsOf([])).toBeNull();
    expect(boundsOf([{ type: 'MultiPolygon', coordinates: [] }])).toBeNull();
  });
});

describe('toFeatureCollection', () => {
  it('makes one feature per property carrying its id for clicks and feature-state', () => {
    const boundary = square(0, 0, 1);
    const fc = toFeatureCollection([{ id: 'p1', name: 'North lawn', boundary, centroid: { lng: 0.5, lat: 0.5 } }]);
    expect(fc.features).toEqual([
      { type: 'Feature', id: 'p1', properties: { id: 'p1', name: 'North lawn' }, geometry: boundary },
    ]);
  });
});
