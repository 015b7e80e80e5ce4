import { describe, expect, it } from 'vitest';
import {
  MAP_CLUSTER_CELL_PX,
  MAP_MAX_CLUSTER_CELLS_PER_SIDE,
  MERCATOR_MAX_LAT,
  bboxWidth,
  clusterCellId,
  clusterGrid,
  degreesPerPixel,
  mercatorX,
  mercatorY,
  simplifyTolerance,
  validateZoom,
} from './map.rules.js';
import { validateBBox, wrapLng } from './geo.rules.js';
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

describe('bboxWidth', () => {
  it('adds up both halves of a view across the antimeridian', () => {
    const boxes = validateBBox({ west: 170, south: -10, east: -170, north: 10 }, 'bbox');
    expect(bboxWidth(boxes)).toBe(20);
  });
});

describe('clusterGrid', () => {
  it('sizes square Web Mercator cells by the zoom when the view is small enough', () => {
    const grid = clusterGrid(denver, 11);
    // 64 px of a 256 px tile at zoom 11, in world widths.
    expect(grid.step).toBeCloseTo(MAP_CLUSTER_CELL_PX / (256 * 2 ** 11), 15);
    expect(grid.step * 360).toBeCloseTo(degreesPerPixel(11) * MAP_CLUSTER_CELL_PX, 12);
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
      const { step } = clusterGrid(boxes, zoom);
      const cells = (lng: number, lat: number) => clusterCellId({ step }, lng, lat).split(':').map(Number);
      for (const b of boxes) {
        const [west, south] = cells(b.west, b.south);
        const [east, north] = cells(b.east, b.north);
        // A side of at most N cells' length touches at most N + 1 of them.
        expect(east! - west!).toBeLessThanOrEqual(MAP_MAX_CLUSTER_CELLS_PER_SIDE);
        expect(north! - south!).toBeLessThanOrEqual(MAP_MAX_CLUSTER_CELLS_PER_SIDE);
      }
      expect(mercatorX(bboxWidth(boxes)) / step).toBeLessThanOrEqual(MAP_MAX_CLUSTER_CELLS_PER_SIDE + 1e-9);
    }
  });

  it('puts a point in the same cell whatever the viewport at one zoom, panned in any direction', () => {
    const points = [
      [-104.9903, 39.7392],
      [-104.8, 39.6],
      [0.001, -0.001],
      [151.2093, -33.8688],
      [-179.99, 64.5],
    ] as const;
    for (const zoom of [3, 9.5, 11, 14]) {
      const span = degreesPerPixel(zoom) * 1600; // a 1600 × 900 px screen
      for (const [lng, lat] of points) {
        const ids = new Set<string>();
        for (const [dx, dy] of [
          [0, 0],
          [0.3, 0],
          [0, 0.3],
          [-0.45, -0.4],
          [0.2, 0.45],
        ] as const) {
          // Mercator views are taller in degrees towards the poles; the height here only has to contain the point.
          const west = lng - span / 2 + dx * span;
          const south = Math.max(-85, lat - span / 2 + dy * span);
          const view = validateBBox(
            { west: wrapLng(west), south, east: wrapLng(west + span), north: Math.min(85, south + span * 0.9) },
            'bbox',
          );
          ids.add(clusterCellId(clusterGrid(view, zoom), lng, lat));
        }
        expect(ids.size, `${lng},${lat} at zoom ${zoom}`).toBe(1);
      }
    }
  });

  it('keeps the coarser grid of an oversized view nested in the zoom’s own grid', () => {
    const world = validateBBox({ west: -180, south: -85, east: 180, north: 85 }, 'bbox');
    const fine = clusterGrid(denver, 22).step;
    const coarse = clusterGrid(world, 22).step;
    expect(Math.log2(coarse / fine) % 1).toBeCloseTo(0, 9);
  });

  it('maps latitude to Web Mercator: 0 at the equator, half a world at the edge of the map', () => {
    expect(mercatorY(0)).toBe(0);
    expect(mercatorY(MERCATOR_MAX_LAT)).toBeCloseTo(0.5, 9);
    expect(mercatorY(90)).toBe(mercatorY(MERCATOR_MAX_LAT));
    expect(mercatorY(-45)).toBeCloseTo(-mercatorY(45), 15);
  });
});
