import { describe, expect, it } from 'vitest';
import { Rng } from './random.js';
import {
  distanceToRingMetres,
  irregularRing,
  isSimpleRing,
  lShapeRing,
  multiPolygonAreaSqm,
  pointInMultiPolygon,
  pointInRing,
  pointNear,
  ringAreaSqm,
  samplePointIn,
  segmentsIntersect,
  siteBoundary,
  type Position,
  type Ring,
} from './geo.js';

const DENVER: Position = [-104.99, 39.74];

/** Signed shoelace sum: positive for counter-clockwise rings. */
function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum / 2;
}

describe('site boundaries', () => {
  it('irregular rings are simple, closed, counter-clockwise, 6–14 vertices and the requested size', () => {
    const rng = new Rng('geo-irregular');
    for (let i = 0; i < 500; i++) {
      const area = rng.float(10_000, 150_000);
      const ring = irregularRing(rng, DENVER, area);
      expect(isSimpleRing(ring)).toBe(true);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(ring.length - 1).toBeGreaterThanOrEqual(6);
      expect(ring.length - 1).toBeLessThanOrEqual(14);
      expect(signedArea(ring)).toBeGreaterThan(0);
      expect(ringAreaSqm(ring) / area).toBeCloseTo(1, 2);
    }
  });

  it('L-shaped sites are simple, with the requested size and a notch (not convex)', () => {
    const rng = new Rng('geo-l');
    for (let i = 0; i < 300; i++) {
      const area = rng.float(10_000, 150_000);
      const ring = lShapeRing(rng, DENVER, area);
      expect(isSimpleRing(ring)).toBe(true);
      expect(ringAreaSqm(ring) / area).toBeCloseTo(1, 1);
      // The centroid of the bounding box of an L is often outside it; at least the ring has a reflex vertex.
      const n = ring.length - 1;
      const turns = Array.from({ length: n }, (_, k) => {
        const [a, b, c] = [ring[(k + n - 1) % n]!, ring[k]!, ring[(k + 1) % n]!];
        return Math.sign((b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]));
      });
      expect(turns.some((t) => t < 0)).toBe(true);
    }
  });

  it('two-part campuses have two disjoint simple parts', () => {
    const rng = new Rng('geo-two');
    for (let i = 0; i < 200; i++) {
      const mp = siteBoundary(rng, DENVER, rng.float(40_000, 180_000), 'TWO_PART');
      expect(mp.coordinates).toHaveLength(2);
      const [a, b] = mp.coordinates.map((poly) => poly[0]!) as [Ring, Ring];
      expect(isSimpleRing(a) && isSimpleRing(b)).toBe(true);
      for (let x = 0; x < a.length - 1; x++) {
        for (let y = 0; y < b.length - 1; y++)
          expect(segmentsIntersect(a[x]!, a[x + 1]!, b[y]!, b[y + 1]!)).toBe(false);
      }
      expect(b.some((p) => pointInRing(p, a)) || a.some((p) => pointInRing(p, b))).toBe(false);
    }
  });

  it('isSimpleRing rejects a bow-tie', () => {
    const bowTie: Ring = [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ];
    expect(isSimpleRing(bowTie)).toBe(false);
  });
});

describe('points inside boundaries', () => {
  it('samples points strictly inside, away from the edge, spread over every part', () => {
    const rng = new Rng('geo-sample');
    for (let i = 0; i < 60; i++) {
      const mp = siteBoundary(
        rng,
        DENVER,
        rng.float(20_000, 120_000),
        rng.pick(['IRREGULAR', 'L_SHAPE', 'TWO_PART'] as const),
      );
      const hits = new Set<number>();
      for (let k = 0; k < 100; k++) {
        const p = samplePointIn(rng, mp, 2);
        expect(pointInMultiPolygon(p, mp)).toBe(true);
        const part = mp.coordinates.findIndex((poly) => pointInRing(p, poly[0]!));
        expect(distanceToRingMetres(p, mp.coordinates[part]![0]!)).toBeGreaterThanOrEqual(2);
        expect(p.every((c) => Math.round(c * 1e7) / 1e7 === c)).toBe(true);
        hits.add(part);
      }
      expect(hits.size).toBe(mp.coordinates.length);
    }
  });

  it('pointNear stays within the distance and inside the boundary', () => {
    const rng = new Rng('geo-near');
    const mp = siteBoundary(rng, DENVER, 60_000, 'IRREGULAR');
    for (let k = 0; k < 200; k++) {
      const base = samplePointIn(rng, mp);
      const p = pointNear(rng, mp, base, 3, 15);
      expect(pointInMultiPolygon(p, mp)).toBe(true);
      const dx = (p[0] - base[0]) * 85_000;
      const dy = (p[1] - base[1]) * 111_000;
      expect(Math.hypot(dx, dy)).toBeLessThan(16);
    }
    expect(multiPolygonAreaSqm(mp) / 60_000).toBeCloseTo(1, 2);
  });
});

describe('Rng', () => {
  it('is reproducible and forks independently of draws made before', () => {
    const a = new Rng('x');
    const b = new Rng('x');
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    const c = new Rng('x');
    c.next();
    expect(c.fork('y').next()).toBe(new Rng('x').fork('y').next());
    expect(a.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
