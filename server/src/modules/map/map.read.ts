import {
  MAP_BOUNDARY_MIN_ZOOM,
  MAP_ISSUE_STATUSES,
  MAP_PIN_LIMIT,
  MAP_PROPERTY_LIMIT,
  OPEN_ENHANCEMENT_STAGES,
  clusterGrid,
  simplifyTolerance,
} from '@groundwork/shared';
import {
  FULL_SELECTION,
  enhancementWhere,
  issueWhere,
  viewSql,
  type MapCriteria,
  type MapSelection,
  type Sql,
} from './map.queries.js';
import type { MapCluster, MapPin, MapProperty, MapView } from './map.types.js';

// The map's read path: which statements a view runs and what their rows become.
// `MapService.view` runs it through the ORM; test/bench/map.bench.ts runs the
// very same path through `pg` as the baseline mapView is measured against (so
// the two can never drift apart).

export type Row = Record<string, unknown>;

/**
 * The statements of a view: the view (pins when they fit), and the clustered
 * view when they do not (each one statement, so one snapshot of its own).
 */
export type MapStatement = 'view' | 'clusteredView';

/** Runs one statement. */
export type RunMapStatement = (statement: MapStatement, query: Sql) => Promise<Row[]>;

const num = (v: unknown) => Number(v);
const parse = <T>(v: unknown): T => JSON.parse(String(v)) as T;

/** A view as read: what GraphQL answers, and the lists asked for as JSON text (RawJson), by field. */
export interface MapRead {
  view: MapView;
  /** JSON text of `pins` / `properties` in the query's shape, when `selection` asked for it; the view's lists are empty then. */
  json: { pins: string | null; properties: string | null };
}

/**
 * The view of validated criteria at zoom `zoom`: properties, and pins, or
 * clusters when more than MAP_PIN_LIMIT are in view, each read with the
 * cursor in one statement (one snapshot), skipping what `selection` does
 * not ask for. Pins and properties come shaped by PostgreSQL: as JSON text
 * to send as it is, or as the plain objects GraphQL picks fields from.
 */
export async function readMapView(
  run: RunMapStatement,
  criteria: MapCriteria,
  zoom: number,
  selection: MapSelection = FULL_SELECTION,
): Promise<MapRead> {
  const options = {
    issues: issueWhere(criteria),
    enhancements: enhancementWhere(criteria, OPEN_ENHANCEMENT_STAGES),
    pinLimit: MAP_PIN_LIMIT,
    propertyLimit: MAP_PROPERTY_LIMIT,
    tolerance: zoom >= MAP_BOUNDARY_MIN_ZOOM ? simplifyTolerance(zoom) : null,
    selection,
    clusters: null,
  };
  let [row] = await run('view', viewSql(criteria, options));
  // Too many pins: the clusters, read again with everything else in one snapshot of their own
  // (the pins may fit again by then: the statement answers whichever it finds).
  if (num(row!.n) > MAP_PIN_LIMIT && selection.clusters) {
    const clusters = {
      grid: clusterGrid(criteria.boxes, zoom),
      issues: issueWhere(criteria, 'coordinates'),
      enhancements: enhancementWhere(criteria, OPEN_ENHANCEMENT_STAGES, 'coordinates'),
    };
    [row] = await run('clusteredView', viewSql(criteria, { ...options, clusters }));
  }
  const r = row!;
  const n = num(r.n);
  const propertyCount = num(r.property_count);
  const rawProperties = selection.property?.rawKey ? String(r.properties) : null;
  const base = {
    cursor: String(r.cursor),
    properties: rawProperties === null ? parse<MapProperty[]>(r.properties) : [],
    propertyCount,
    pinLimit: MAP_PIN_LIMIT,
    truncated: propertyCount > MAP_PROPERTY_LIMIT,
  };
  if (n <= MAP_PIN_LIMIT) {
    const rawPins = selection.pin?.rawKey ? String(r.pins) : null;
    const pins = rawPins === null ? parse<MapPin[]>(r.pins) : [];
    return {
      view: { ...base, pins, clusters: [], clustered: false, pinCount: n },
      json: { pins: rawPins, properties: rawProperties },
    };
  }
  const clusters = (r.clusters === null || r.clusters === undefined ? [] : parse<Row[]>(r.clusters)).map(toCluster);
  clusters.sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  const pinCount = clusters.reduce((sum, c) => sum + c.count, 0);
  return {
    view: { ...base, pins: [], clusters, clustered: true, pinCount },
    json: { pins: null, properties: rawProperties },
  };
}

function toCluster(row: Row): MapCluster {
  return {
    id: `${String(row.cx)}:${String(row.cy)}`,
    location: { lng: num(row.lng), lat: num(row.lat) },
    bounds: { west: num(row.west), south: num(row.south), east: num(row.east), north: num(row.north) },
    count: num(row.n),
    issueCount: num(row.n) - num(row.enhancements),
    enhancementCount: num(row.enhancements),
    byStatus: MAP_ISSUE_STATUSES.map((status) => ({ status, count: num(row[status]) })).filter((s) => s.count > 0),
    urgentCount: num(row.urgent),
    safetyCount: num(row.safety),
    overdueCount: num(row.overdue),
  };
}
