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

/** Latitude span of the boxes (the halves of a split view share it). */
export function bboxHeight(boxes: readonly BBox[]): number {
  return boxes.length === 0 ? 0 : Math.max(...boxes.map((b) => b.north - b.south));
}

export type ClusterGrid = {
  /** Cell width in degrees of longitude. */
  lngStep: number;
  /** Cell height in degrees of latitude. */
  latStep: number;
};

/**
 * The cluster grid for a view: cells about {@link MAP_CLUSTER_CELL_PX} pixels
 * wide at the zoom, and never more than {@link MAP_MAX_CLUSTER_CELLS_PER_SIDE}
 * across either side of the box. Cells are anchored at (0, 0) so they do not
 * jump while the user pans. Latitude steps shrink by cos(latitude) at the
 * middle of the view so cells look square on a Mercator screen.
 */
export function clusterGrid(boxes: readonly BBox[], zoom: number): ClusterGrid {
  const byZoom = degreesPerPixel(zoom) * MAP_CLUSTER_CELL_PX;
  const width = bboxWidth(boxes);
  const height = bboxHeight(boxes);
  const midLat = boxes.length === 0 ? 0 : (boxes[0]!.south + boxes[0]!.north) / 2;
  const squash = Math.max(0.05, Math.cos((midLat * Math.PI) / 180));
  const lngStep = Math.max(
    byZoom,
    width / MAP_MAX_CLUSTER_CELLS_PER_SIDE,
    height / squash / MAP_MAX_CLUSTER_CELLS_PER_SIDE,
  );
  // Both steps from one number: the grid stays square on screen whichever side bounded it.
  return { lngStep, latStep: lngStep * squash };
}
