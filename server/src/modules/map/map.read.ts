import {
  ENHANCEMENT_STAGES,
  MAP_BOUNDARY_MIN_ZOOM,
  MAP_ISSUE_STATUSES,
  MAP_PIN_LIMIT,
  MAP_PROPERTY_LIMIT,
  OPEN_ENHANCEMENT_STAGES,
  clusterGrid,
  requireOneOf,
  simplifyTolerance,
  type IssueCategory,
  type IssueStatus,
  type IssueUrgency,
} from '@groundwork/shared';
import type { MultiPolygonValue } from '../../platform/db/geometry.type.js';
import {
  CURSOR_SQL,
  clustersSql,
  enhancementPinsSql,
  enhancementWhere,
  issuePinsSql,
  issueWhere,
  propertiesSql,
  type MapCriteria,
  type Sql,
} from './map.queries.js';
import type { MapCluster, MapPin, MapProperty, MapView } from './map.types.js';

// The map's read path: which statements a view runs, in which order, and what
// their rows become. `MapService.view` runs it in one read-only snapshot through
// the ORM; test/bench/map.bench.ts runs the very same path through `pg` as the
// baseline mapView is measured against (so the two can never drift apart).

export type Row = Record<string, unknown>;

/** The statements of a view, by what they read (the benchmark explains the Issue one). */
export type MapStatement = 'cursor' | 'properties' | 'issuePins' | 'enhancementPins' | 'clusters';

/** Runs one statement in the caller's snapshot. */
export type RunMapStatement = (statement: MapStatement, query: Sql) => Promise<Row[]>;

const num = (v: unknown) => Number(v);
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/**
 * The view of validated criteria at zoom `zoom`: properties, and pins, or
 * clusters when more than MAP_PIN_LIMIT are in view. The caller supplies one
 * snapshot (REPEATABLE READ) for every statement, the cursor's included.
 */
export async function readMapView(run: RunMapStatement, criteria: MapCriteria, zoom: number): Promise<MapView> {
  const [{ cursor }] = (await run('cursor', CURSOR_SQL)) as [{ cursor: string }];
  const properties = await run(
    'properties',
    propertiesSql(criteria, zoom >= MAP_BOUNDARY_MIN_ZOOM ? simplifyTolerance(zoom) : null, MAP_PROPERTY_LIMIT),
  );
  const propertyCount = properties.length ? num(properties[0]!.total) : 0;
  const base = {
    cursor,
    properties: properties.map(toProperty),
    propertyCount,
    pinLimit: MAP_PIN_LIMIT,
    truncated: propertyCount > properties.length,
  };

  const issues = issueWhere(criteria);
  const enhancements = enhancementWhere(criteria, OPEN_ENHANCEMENT_STAGES);
  // Up to one more than the limit tells "fits" from "too many" without counting everything.
  const pins: MapPin[] = [];
  if (issues) {
    pins.push(...(await run('issuePins', issuePinsSql(issues, MAP_PIN_LIMIT + 1, criteria.now))).map(toIssuePin));
  }
  if (enhancements && pins.length <= MAP_PIN_LIMIT) {
    const rows = await run('enhancementPins', enhancementPinsSql(enhancements, MAP_PIN_LIMIT + 1 - pins.length));
    pins.push(...rows.map(toEnhancementPin));
  }
  if (pins.length <= MAP_PIN_LIMIT) {
    pins.sort((a, b) => (a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind === 'ISSUE' ? -1 : 1));
    return { ...base, pins, clusters: [], clustered: false, pinCount: pins.length };
  }
  const grid = clusterGrid(criteria.boxes, zoom);
  const clusters = (await run('clusters', clustersSql(issues, enhancements, grid, criteria.now))).map(toCluster);
  clusters.sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  const pinCount = clusters.reduce((sum, c) => sum + c.count, 0);
  return { ...base, pins: [], clusters, clustered: true, pinCount };
}

function toProperty(row: Row): MapProperty {
  return {
    id: String(row.id),
    name: String(row.name),
    accountId: String(row.account_id),
    centroid: { lng: num(row.lng), lat: num(row.lat) },
    boundary: row.boundary === null ? null : (JSON.parse(String(row.boundary)) as MultiPolygonValue),
  };
}

/** What every pin carries, whatever it stands for. */
function pinBase(row: Row) {
  return {
    id: String(row.id),
    location: { lng: num(row.lng), lat: num(row.lat) },
    title: String(row.title),
    serviceLineId: str(row.service_line_id),
    propertyId: String(row.property_id),
    accountId: String(row.account_id),
    version: num(row.version),
  };
}

function toIssuePin(row: Row): MapPin {
  return {
    ...pinBase(row),
    kind: 'ISSUE',
    status: row.status as IssueStatus,
    stage: null,
    urgency: row.urgency as IssueUrgency,
    category: row.category as IssueCategory,
    overdue: row.overdue === true,
    dueAt: row.due_at === null ? null : new Date(row.due_at as string | Date),
    crewId: str(row.crew_id),
  };
}

function toEnhancementPin(row: Row): MapPin {
  return {
    ...pinBase(row),
    kind: 'ENHANCEMENT',
    status: null,
    stage: requireOneOf(ENHANCEMENT_STAGES, row.stage, 'stage'),
    urgency: null,
    category: null,
    overdue: false,
    dueAt: null,
    crewId: null,
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
