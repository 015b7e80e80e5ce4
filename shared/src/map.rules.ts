import type { BBox } from './geo.rules.js';
import { badInput } from './errors.js';
import { OPEN_ISSUE_STATUSES, type IssueStatus } from './enums.js';

/** What a map pin stands for. */
export const MAP_PIN_KINDS = ['ISSUE', 'ENHANCEMENT'] as const;
export type MapPinKind = (typeof MAP_PIN_KINDS)[number];

/**
 * Issue statuses the map can show: the open ones by default, and RESOLVED on
 * request (resolved work still waits for an account manager to verify it).
 * VERIFIED work is done and stays off the map.
 */
export const MAP_ISSUE_STATUSES = [...OPEN_ISSUE_STATUSES, 'RESOLVED'] as const satisfies readonly IssueStatus[];

/** Map zoom levels, as web maps number them (0 = the whole world in one 256 px tile). */
export const MAP_MIN_ZOOM = 0;
export const MAP_MAX_ZOOM = 24;

/**
 * Pins in one map response before the server answers with clusters instead.
 * About what a GeoJSON circle layer draws smoothly and what a person can read
 * on one screen; above it the response would grow with the data, not the view.
 */
export const MAP_PIN_LIMIT = 2000;

/** Properties in one map response; past it the response says `truncated`. */
export const MAP_PROPERTY_LIMIT = 1000;

/**
 * Below this zoom a property is a few pixels across (a 200 m site is about
 * 2 px at zoom 11): the response carries its pin-point, not its outline.
 */
export const MAP_BOUNDARY_MIN_ZOOM = 12;

/** Target on-screen size of a cluster cell, in pixels. */
export const MAP_CLUSTER_CELL_PX = 64;

/**
 * The most cluster cells across either side of the view, whatever the zoom the
 * client claims: it keeps a whole-world box at zoom 20 from asking for
 * millions of cells, so clusters stay bounded too.
 */
export const MAP_MAX_CLUSTER_CELLS_PER_SIDE = 32;

const TILE_PX = 256;

/** Returns the zoom if it is a finite number in [0, 24]; else BAD_USER_INPUT naming the field. */
export function validateZoom(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badInput(field, 'must be a finite number');
  if (value < MAP_MIN_ZOOM || value > MAP_MAX_ZOOM) {
    throw badInput(field, `must be between ${MAP_MIN_ZOOM} and ${MAP_MAX_ZOOM}`);
  }
  return value;
}

/** Degrees of longitude per screen pixel at a zoom (Web Mercator tiles of 256 px). */
export function degreesPerPixel(zoom: number): number {
  return 360 / (TILE_PX * 2 ** zoom);
}

/**
 * Tolerance for simplifying property boundaries at a zoom, in degrees: half a
 * pixel, so the simplified outline is indistinguishable on screen from the
 * real one while a many-vertex boundary shrinks to a handful of points.
 */
export function simplifyTolerance(zoom: number): number {
  return degreesPerPixel(zoom) / 2;
}

/** Longitude span of boxes from {@link validateBBox} (two halves of a view across ±180 add up). */
export function bboxWidth(boxes: readonly BBox[]): number {
  return boxes.reduce((sum, b) => sum + (b.east - b.west), 0);
}

/** Web Mercator stops here: the square world map of web tiles spans ±85.05° of latitude. */
export const MERCATOR_MAX_LAT = 85.0511287798066;

/**
 * Web Mercator x of a longitude, in world widths (0 at Greenwich, ±0.5 at the
 * antimeridian): the unit of the cluster grid.
 */
export function mercatorX(lng: number): number {
  return lng / 360;
}

/**
 * Web Mercator y of a latitude, in world widths (0 at the equator, north up);
 * latitudes past {@link MERCATOR_MAX_LAT} count as the edge of the map.
 */
export function mercatorY(lat: number): number {
  const clamped = Math.min(MERCATOR_MAX_LAT, Math.max(-MERCATOR_MAX_LAT, lat));
  // atanh(sin φ) rather than ln(tan(π/4 + φ/2)): exactly 0 at the equator and odd, so cells split there.
  return Math.atanh(Math.sin((clamped * Math.PI) / 180)) / (2 * Math.PI);
}

export type ClusterGrid = {
  /** Side of a square cell in Web Mercator world widths ({@link mercatorX}, {@link mercatorY}). */
  step: number;
};

/**
 * The cluster grid for a view: square Web Mercator cells anchored at (0, 0),
 * about {@link MAP_CLUSTER_CELL_PX} pixels across at the zoom, so the same pin
 * falls in the same cell whatever the viewport and cluster ids survive a pan.
 * Only a view more than {@link MAP_MAX_CLUSTER_CELLS_PER_SIDE} cells across
 * (a huge screen, or a client claiming street zoom over the whole world) gets
 * coarser cells, doubled until it fits: a view's Mercator size is fixed by its
 * screen and zoom, not by where it is, so panning still keeps the grid.
 */
export function clusterGrid(boxes: readonly BBox[], zoom: number): ClusterGrid {
  const byZoom = MAP_CLUSTER_CELL_PX / (TILE_PX * 2 ** zoom);
  const width = mercatorX(bboxWidth(boxes));
  const height =
    boxes.length === 0
      ? 0
      : mercatorY(Math.max(...boxes.map((b) => b.north))) - mercatorY(Math.min(...boxes.map((b) => b.south)));
  const fit = Math.max(width, height) / MAP_MAX_CLUSTER_CELLS_PER_SIDE;
  // Powers of two keep the coarser grids nested in the zoom's own grid.
  const doublings = fit > byZoom ? Math.ceil(Math.log2(fit / byZoom) - 1e-9) : 0;
  let step = byZoom * 2 ** doublings;
  if (step < fit) step *= 2; // rounding in log2: never more cells than the bound
  return { step };
}

/** The cell of a point in a grid, as `mapView` names clusters: `"<column>:<row>"`. */
export function clusterCellId(grid: ClusterGrid, lng: number, lat: number): string {
  return `${Math.floor(mercatorX(lng) / grid.step)}:${Math.floor(mercatorY(lat) / grid.step)}`;
}
