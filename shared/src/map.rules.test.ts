import { describe, expect, it } from 'vitest';
import {
  MAP_CLUSTER_CELL_PX,
  MAP_MAX_CLUSTER_CELLS_PER_SIDE,
  bboxHeight,
  bboxWidth,
  clusterGrid,
  degreesPerPixel,
  simplifyTolerance,
  validateZoom,
} from './map.rules.js';
import { validateBBox } from './geo.rules.js';
import { DomainError } from './errors.js';

const denver = validateBBox({ west: -105.2, south: 39.5, east: -104.6, north: 40.0 }, 'bbox');

describe('validateZoom', () => {
  it('accepts 0 to 24, fractions included', () => {
    expect(validateZoom(0, 'zoom')).toBe(0);
    expect(validateZoom(11.5, 'zoom')).toBe(11.5);
    expect(validateZoom(24, 'zoom')).toBe(24);
  });

  it.each([
    [-0.5, 'zoom: must be between 0 and 24'],
    [24.01, 'zoom: must be between 0 and 24'],
    [Number.NaN, 'zoom: must be a finite number'],
    [Number.POSITIVE_INFINITY, 'zoom: must be a finite number'],
    ['12', 'zoom: must be a finite number'],
  ])('refuses %j naming the field', (value, message) => {
    let error: unknown;
    try {
      validateZoom(value, 'zoom');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_USER_INPUT');
    expect((error as DomainError).message).toBe(message);
    expect((error as DomainError).details.field).toBe('zoom');
  });
});

describe('degreesPerPixel and simplifyTolerance', () => {
  it('is 360° over one 256 px tile at zoom 0 and halves with each zoom level', () => {
    expect(degreesPerPixel(0)).toBe(360 / 256);
    expect(degreesPerPixel(1)).toBe(360 / 512);
    expect(degreesPerPixel(16)).toBeCloseTo(360 / (256 * 65536), 15);
  });

  it('simplifies to half a pixel', () => {
    expect(simplifyTolerance(12)).toBe(degreesPerPixel(12) / 2);
    // About 19 m at zoom 12, a few centimetres at street zoom 20.
    expect(simplifyTolerance(12) * 111_320).toBeCloseTo(19.1, 1);
    expect(simplifyTolerance(20) * 111_320).toBeLessThan(0.1);
  });
});

describe('bboxWidth and bboxHeight', () => {
  it('adds up both halves of a view across the antimeridian', () => {
    const boxes = validateBBox({ west: 170, south: -10, east: -170, north: 10 }, 'bbox');
    expect(bboxWidth(boxes)).toBe(20);
    expect(bboxHeight(boxes)).toBe(20);
  });
});

describe('clusterGrid', () => {
  it('sizes cells by the zoom when the view is small enough', () => {
    const grid = clusterGrid(denver, 11);
    expect(grid.lngStep).toBeCloseTo(degreesPerPixel(11) * MAP_CLUSTER_CELL_PX, 12);
    // Square on screen at Denver's latitude: a degree of latitude is longer than one of longitude there.
    expect(grid.latStep / grid.lngStep).toBeCloseTo(Math.cos((39.75 * Math.PI) / 180), 12);
  });

  it('never puts more than the maximum number of cells across a side, whatever zoom is claimed', () => {
    for (const [box, zoom] of [
      [{ west: -180, south: -90, east: 180, north: 90 }, 24],
      [{ west: -180, south: -85, east: 180, north: 85 }, 0],
      [{ west: -105.2, south: 39.5, east: -104.6, north: 40.0 }, 20],
      [{ west: -1, south: -80, east: 1, north: 80 }, 22],
      [{ west: 179, south: -1, east: -179, north: 1 }, 18],
    ] as const) {
      const boxes = validateBBox(box, 'bbox');
      const { lngStep, latStep } = clusterGrid(boxes, zoom);
      expect(bboxWidth(boxes) / lngStep).toBeLessThanOrEqual(MAP_MAX_CLUSTER_CELLS_PER_SIDE + 1e-9);
      expect(bboxHeight(boxes) / latStep).toBeLessThanOrEqual(MAP_MAX_CLUSTER_CELLS_PER_SIDE + 1e-9);
    }
  });

  it('keeps the grid anchored: panning a view of the same size gives the same cells', () => {
    const a = clusterGrid(denver, 11);
    const b = clusterGrid(validateBBox({ west: -105.0, south: 39.5, east: -104.4, north: 40.0 }, 'bbox'), 11);
    expect(b).toEqual(a);
  });
});
