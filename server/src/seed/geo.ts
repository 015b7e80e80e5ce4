import type { Rng } from './random.js';

/** [lng, lat] as GeoJSON writes it. */
export type Position = [number, number];
/** A closed ring (first position repeated last), no holes anywhere in the seed. */
export type Ring = Position[];
export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}

/** 7 decimals ≈ 1 cm, what the API returns; rounding here keeps the seed and the database in agreement. */
export function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

/** Metres per degree of latitude and longitude at `lat` (WGS 84 series expansion). */
export function metresPerDegree(lat: number): { lat: number; lng: number } {
  const phi = (lat * Math.PI) / 180;
  return {
    lat: 111_132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi),
    lng: 111_412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi),
  };
}

/** The position `dx` metres east and `dy` metres north of `origin`. */
export function offset(origin: Position, dx: number, dy: number): Position {
  const m = metresPerDegree(origin[1]);
  return [origin[0] + dx / m.lng, origin[1] + dy / m.lat];
}

/** Metres east/north of `origin` (a local plane; exact enough within a few km). */
export function toLocal(origin: Position, p: Position): [number, number] {
  const m = metresPerDegree(origin[1]);
  return [(p[0] - origin[0]) * m.lng, (p[1] - origin[1]) * m.lat];
}

export function distanceMetres(a: Position, b: Position): number {
  const [x, y] = toLocal(a, b);
  return Math.hypot(x, y);
}

function closeRing(points: Position[]): Ring {
  const ring = points.map(([x, y]) => [round7(x), round7(y)] as Position);
  ring.push([ring[0]![0], ring[0]![1]]);
  return ring;
}

/** Shoelace area in square metres of a ring given in local metres. */
function localArea(points: readonly (readonly [number, number])[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1) % points.length]!;
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
}

/** Area of a ring in square metres (local plane around its first vertex). */
export function ringAreaSqm(ring: Ring): number {
  const origin = ring[0]!;
  return localArea(ring.slice(0, -1).map((p) => toLocal(origin, p)));
}

export function multiPolygonAreaSqm(mp: MultiPolygon): number {
  return mp.coordinates.reduce((sum, poly) => sum + ringAreaSqm(poly[0]!), 0);
}

/**
 * An irregular site outline: `vertices` points at strictly increasing angles
 * around the centre with jittered radii. A polygon whose vertices are ordered
 * by angle around an interior point is star-shaped, hence never
 * self-intersecting; it is then scaled to the wanted area. Counter-clockwise.
 */
export function irregularRing(rng: Rng, centre: Position, areaSqm: number, vertices = rng.int(6, 14)): Ring {
  const step = (2 * Math.PI) / vertices;
  const start = rng.float(0, 2 * Math.PI);
  // Elongate some sites (parcels are rarely round) by stretching along a random axis.
  const stretch = rng.float(1, 1.8);
  const axis = rng.float(0, Math.PI);
  const local: [number, number][] = [];
  for (let i = 0; i < vertices; i++) {
    // Jitter below half a step keeps the angles strictly increasing.
    const angle = start + i * step + rng.float(-0.35, 0.35) * step;
    const radius = rng.float(0.7, 1.25);
    const x = Math.cos(angle) * radius;
    const y = Math.sin(angle) * radius;
    // Stretch in the axis frame: a linear map keeps the ring simple.
    const u = x * Math.cos(axis) + y * Math.sin(axis);
    const v = -x * Math.sin(axis) + y * Math.cos(axis);
    const su = u * stretch;
    local.push([su * Math.cos(axis) - v * Math.sin(axis), su * Math.sin(axis) + v * Math.cos(axis)]);
  }
  const scale = Math.sqrt(areaSqm / localArea(local));
  return closeRing(local.map(([x, y]) => offset(centre, x * scale, y * scale)));
}

/**
 * An L-shaped site (a building wrapped by parking on two sides, a corner
 * lot), rotated at random, with a few extra slightly-off-line vertices along
 * its long outer edges so it does not look drafted with a ruler.
 */
export function lShapeRing(rng: Rng, centre: Position, areaSqm: number): Ring {
  const w = 1;
  const h = rng.float(0.8, 1.4);
  const a = rng.float(0.35, 0.5) * h; // thickness of the bottom arm
  const b = rng.float(0.35, 0.5) * w; // thickness of the left arm
  const wobble = Math.min(a, b) * 0.04;
  const base: [number, number][] = [
    [0, 0],
    [w / 2, rng.float(-wobble, wobble)],
    [w, 0],
    [w, a],
    [b, a],
    [b, h],
    [0, h],
    [rng.float(-wobble, wobble), h / 2],
  ];
  const area = w * a + b * (h - a);
  const scale = Math.sqrt(areaSqm / area);
  const rotation = rng.float(0, 2 * Math.PI);
  const cx = (w * a * (w / 2) + b * (h - a) * (b / 2)) / area;
  const cy = (w * a * (a / 2) + b * (h - a) * (a + (h - a) / 2)) / area;
  const points = base.map(([x, y]) => {
    const px = (x - cx) * scale;
    const py = (y - cy) * scale;
    return offset(
      centre,
      px * Math.cos(rotation) - py * Math.sin(rotation),
      px * Math.sin(rotation) + py * Math.cos(rotation),
    );
  });
  return closeRing(points);
}

/** Largest distance from `centre` to a vertex: the radius of a circle that holds the ring. */
export function ringRadiusMetres(ring: Ring, centre: Position): number {
  return Math.max(...ring.map((p) => distanceMetres(centre, p)));
}

export type SiteShape = 'IRREGULAR' | 'L_SHAPE' | 'TWO_PART';

/**
 * A site boundary of about `areaSqm` around `centre`. A TWO_PART site is a
 * campus split by a public street: two disjoint parts, well apart so the
 * MultiPolygon stays valid (parts may not overlap or share an edge).
 */
export function siteBoundary(rng: Rng, centre: Position, areaSqm: number, shape: SiteShape): MultiPolygon {
  switch (shape) {
    case 'IRREGULAR':
      return { type: 'MultiPolygon', coordinates: [[irregularRing(rng, centre, areaSqm)]] };
    case 'L_SHAPE':
      return { type: 'MultiPolygon', coordinates: [[lShapeRing(rng, centre, areaSqm)]] };
    case 'TWO_PART': {
      const share = rng.float(0.55, 0.75);
      const big = irregularRing(rng, centre, areaSqm * share, rng.int(7, 12));
      const bigR = ringRadiusMetres(big, centre);
      // Draw the small part around the same centre first, then slide it clear of the big one.
      const draft = irregularRing(rng, centre, areaSqm * (1 - share), rng.int(6, 9));
      const smallR = ringRadiusMetres(draft, centre);
      const bearing = rng.float(0, 2 * Math.PI);
      const gap = bigR + smallR + rng.float(25, 60);
      const target = offset(centre, Math.cos(bearing) * gap, Math.sin(bearing) * gap);
      const dLng = target[0] - centre[0];
      const dLat = target[1] - centre[1];
      const small = draft.map(([x, y]) => [round7(x + dLng), round7(y + dLat)] as Position);
      return { type: 'MultiPolygon', coordinates: [[big], [small]] };
    }
  }
}

/** Radius (metres) of a circle around `centre` holding the whole boundary. */
export function boundaryRadiusMetres(mp: MultiPolygon, centre: Position): number {
  return Math.max(...mp.coordinates.map((poly) => ringRadiusMetres(poly[0]!, centre)));
}

function cross(o: Position, a: Position, b: Position): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function onSegment(p: Position, q: Position, r: Position): boolean {
  return (
    Math.min(p[0], r[0]) <= q[0] &&
    q[0] <= Math.max(p[0], r[0]) &&
    Math.min(p[1], r[1]) <= q[1] &&
    q[1] <= Math.max(p[1], r[1])
  );
}

/** Whether segments p1p2 and p3p4 share any point (touching counts). */
export function segmentsIntersect(p1: Position, p2: Position, p3: Position, p4: Position): boolean {
  const d1 = cross(p3, p4, p1);
  const d2 = cross(p3, p4, p2);
  const d3 = cross(p1, p2, p3);
  const d4 = cross(p1, p2, p4);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  if (d1 === 0 && onSegment(p3, p1, p4)) return true;
  if (d2 === 0 && onSegment(p3, p2, p4)) return true;
  if (d3 === 0 && onSegment(p1, p3, p2)) return true;
  if (d4 === 0 && onSegment(p1, p4, p2)) return true;
  return false;
}

/** A closed ring with ≥ 3 distinct vertices whose non-adjacent edges never meet. */
export function isSimpleRing(ring: Ring): boolean {
  const n = ring.length - 1;
  if (n < 3) return false;
  const first = ring[0]!;
  const last = ring[n]!;
  if (first[0] !== last[0] || first[1] !== last[1]) return false;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (adjacent) continue;
      if (segmentsIntersect(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return false;
    }
  }
  return true;
}

/** Ray casting; points exactly on an edge may go either way, which is why sampling keeps a margin. */
export function pointInRing(p: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInMultiPolygon(p: Position, mp: MultiPolygon): boolean {
  return mp.coordinates.some((poly) => pointInRing(p, poly[0]!));
}

/** Distance in metres from `p` to the nearest edge of `ring`. */
export function distanceToRingMetres(p: Position, ring: Ring): number {
  let best = Infinity;
  for (let i = 0; i < ring.length - 1; i++) {
    const [ax, ay] = toLocal(p, ring[i]!);
    const [bx, by] = toLocal(p, ring[i + 1]!);
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}

/** Inside the boundary and at least `margin` metres from its edge, after rounding to 7 decimals. */
export function isWellInside(p: Position, mp: MultiPolygon, margin: number): boolean {
  return mp.coordinates.some((poly) => pointInRing(p, poly[0]!) && distanceToRingMetres(p, poly[0]!) >= margin);
}

/**
 * A uniformly random point inside the boundary (part chosen by area, then
 * rejection sampling in its box), rounded to 7 decimals and kept `margin`
 * metres inside so the database's own containment test agrees.
 */
export function samplePointIn(rng: Rng, mp: MultiPolygon, margin = 2): Position {
  const parts = mp.coordinates.map((poly) => [poly[0]!, ringAreaSqm(poly[0]!)] as const);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const ring = rng.weighted(parts.map(([r, a]) => [r, a] as const));
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    const p: Position = [
      round7(rng.float(Math.min(...xs), Math.max(...xs))),
      round7(rng.float(Math.min(...ys), Math.max(...ys))),
    ];
    if (pointInRing(p, ring) && distanceToRingMetres(p, ring) >= margin) return p;
  }
  throw new Error('could not sample a point inside the boundary');
}

/**
 * A point `min`–`max` metres from `near` that is still well inside the
 * boundary (a repeat Issue at the same spot); falls back to `near` itself.
 */
export function pointNear(rng: Rng, mp: MultiPolygon, near: Position, min: number, max: number, margin = 2): Position {
  for (let attempt = 0; attempt < 50; attempt++) {
    const d = rng.float(min, max);
    const bearing = rng.float(0, 2 * Math.PI);
    const raw = offset(near, Math.cos(bearing) * d, Math.sin(bearing) * d);
    const p: Position = [round7(raw[0]), round7(raw[1])];
    if (isWellInside(p, mp, margin)) return p;
  }
  return near;
}
