import {
  MAP_ISSUE_STATUSES,
  MERCATOR_MAX_LAT,
  OPEN_ISSUE_STATUSES,
  type BBox,
  type ClusterGrid,
  type EnhancementStage,
  type IssueCategory,
  type IssueStatus,
  type IssueUrgency,
  scopeReadsKind,
  type AccessScope,
} from '@groundwork/shared';
import { Sql, sql } from '../../platform/db/sql.js';
import { scopeSql } from '../auth/index.js';

export { Sql };

/** The validated filter: every list non-empty or absent. */
export interface MapCriteria {
  boxes: BBox[];
  /** The viewer's scope (access policy): ANDed with every filter below. */
  scope: AccessScope;
  issues: boolean;
  enhancements: boolean;
  statuses: IssueStatus[];
  stages: EnhancementStage[];
  urgency?: IssueUrgency;
  categories?: IssueCategory[];
  serviceLineIds?: string[];
  crewIds?: string[];
  accountIds?: string[];
  accountManagerIds?: string[];
  overdueOnly: boolean;
  now: Date;
}

/**
 * Statuses and stages are validated against fixed lists and written as
 * literals: the planner then proves `status in ('OPEN', 'ASSIGNED',
 * 'IN_PROGRESS')` implies the partial GiST index's predicate whether or not
 * the driver sends parameters bound (PGlite) or not.
 */
function literalList(values: readonly string[], allowed: readonly string[]): Sql {
  for (const v of values) if (!allowed.includes(v)) throw new Error(`unexpected value ${v}`);
  return new Sql(values.map((v) => `'${v}'`).join(', '));
}

/** `col && box` for each box (two across the antimeridian): each side is a GiST index condition. */
function inBoxes(column: string, boxes: readonly BBox[]): Sql {
  const parts = boxes.map(
    (b) => new Sql(`${column} && ST_MakeEnvelope(?, ?, ?, ?, 4326)`, [b.west, b.south, b.east, b.north]),
  );
  return parts.length === 1 ? parts[0]! : sql`(${Sql.join(parts, ' or ')})`;
}

/** The filter's account conditions; the viewer's scope comes from the access policy and is ANDed beside them. */
function accountFilter(alias: string, c: MapCriteria): Sql[] {
  const where: Sql[] = [];
  if (c.accountIds) where.push(sql`${new Sql(alias)}.account_id in (${c.accountIds})`);
  if (c.accountManagerIds) {
    where.push(
      sql`${new Sql(alias)}.account_id in (select a.id from accounts a where a.account_manager_id in (${c.accountManagerIds}))`,
    );
  }
  return where;
}

const ISSUE_STATUS_LIST = [...MAP_ISSUE_STATUSES] as string[];

/** The WHERE of the Issues in view; null when no Issue can match. */
export function issueWhere(c: MapCriteria): Sql | null {
  if (!c.issues) return null;
  const statuses = c.overdueOnly
    ? c.statuses.filter((s) => (OPEN_ISSUE_STATUSES as readonly string[]).includes(s))
    : c.statuses;
  if (statuses.length === 0) return null;
  const where: Sql[] = [inBoxes('i.location', c.boxes), sql`i.status in (${literalList(statuses, ISSUE_STATUS_LIST)})`];
  where.push(...scopeSql(c.scope, 'Issue', 'i'));
  where.push(...accountFilter('i', c));
  if (c.urgency) where.push(sql`i.urgency = ${c.urgency}`);
  if (c.categories) where.push(sql`i.category in (${c.categories})`);
  if (c.serviceLineIds) where.push(sql`i.service_line_id in (${c.serviceLineIds})`);
  if (c.crewIds) where.push(sql`i.crew_id in (${c.crewIds})`);
  if (c.overdueOnly) where.push(sql`i.due_at < ${c.now}`);
  return Sql.join(where, ' and ');
}

/**
 * The WHERE of the Enhancements in view; null when none can match: crew leads
 * do not read Enhancements, and Issue-only filters (urgency, category, crew,
 * overdue) match no Enhancement.
 */
export function enhancementWhere(c: MapCriteria, openStages: readonly string[]): Sql | null {
  if (!c.enhancements || !scopeReadsKind(c.scope, 'Enhancement') || c.stages.length === 0) return null;
  if (c.urgency || c.categories || c.crewIds || c.overdueOnly) return null;
  const where: Sql[] = [inBoxes('e.location', c.boxes), sql`e.stage in (${literalList(c.stages, openStages)})`];
  where.push(...scopeSql(c.scope, 'Enhancement', 'e'));
  where.push(...accountFilter('e', c));
  if (c.serviceLineIds) where.push(sql`e.service_line_id in (${c.serviceLineIds})`);
  return Sql.join(where, ' and ');
}

/** Pin rows of Issues: at most `limit` (no ORDER BY, so the scan stops there). */
export function issuePinsSql(where: Sql, limit: number, now: Date): Sql {
  return sql`select i.id, ST_X(i.location) as lng, ST_Y(i.location) as lat, i.title, i.status, i.urgency,
    i.category, i.due_at, (i.status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS') and i.due_at < ${now}) as overdue,
    i.crew_id, i.service_line_id, i.property_id, i.account_id, i.version
  from issues i where ${where} limit ${limit}`;
}

export function enhancementPinsSql(where: Sql, limit: number): Sql {
  return sql`select e.id, ST_X(e.location) as lng, ST_Y(e.location) as lat, e.title, e.stage,
    e.service_line_id, e.property_id, e.account_id, e.version
  from enhancements e where ${where} limit ${limit}`;
}

/**
 * Counts per grid cell of every matching pin in view: one row per non-empty
 * cell, so the result is bounded by the grid, not by the data. The cell is
 * `clusterCellId` of shared in SQL: Web Mercator x and y in world widths over
 * the step.
 */
export function clustersSql(issues: Sql | null, enhancements: Sql | null, grid: ClusterGrid, now: Date): Sql {
  const sources: Sql[] = [];
  if (issues) {
    sources.push(sql`select false as enhancement, i.location, i.status, i.urgency = 'URGENT' as urgent,
      i.category = 'SAFETY' as safety, (i.status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS') and i.due_at < ${now}) as overdue
      from issues i where ${issues}`);
  }
  if (enhancements) {
    sources.push(sql`select true, e.location, null, false, false, false from enhancements e where ${enhancements}`);
  }
  const byStatus = MAP_ISSUE_STATUSES.map(
    (s) => `count(*) filter (where not p.enhancement and p.status = '${s}')::int as "${s}"`,
  ).join(',\n    ');
  return sql`with p as (${Sql.join(sources, ' union all ')}),
  cell as (
    select p.*, ST_X(p.location) as x, ST_Y(p.location) as y,
      floor(ST_X(p.location) / 360 / ${grid.step})::bigint as cx,
      floor(atanh(sin(radians(least(greatest(ST_Y(p.location), ${-MERCATOR_MAX_LAT}), ${MERCATOR_MAX_LAT}))))
        / (2 * pi()) / ${grid.step})::bigint as cy
    from p
  )
  select p.cx::text as cx, p.cy::text as cy, count(*)::int as n,
    count(*) filter (where p.enhancement)::int as enhancements,
    ${new Sql(byStatus)},
    count(*) filter (where p.urgent)::int as urgent, count(*) filter (where p.safety)::int as safety,
    count(*) filter (where p.overdue)::int as overdue,
    avg(p.x) as lng, avg(p.y) as lat, min(p.x) as west, min(p.y) as south, max(p.x) as east, max(p.y) as north
  from cell p group by p.cx, p.cy`;
}

/** Properties in view, largest first, with the total in view; the boundary only when `tolerance` is set. */
export function propertiesSql(c: MapCriteria, tolerance: number | null, limit: number): Sql {
  const where: Sql[] = [inBoxes('p.boundary', c.boxes)];
  where.push(...scopeSql(c.scope, 'Property', 'p'));
  where.push(...accountFilter('p', c));
  const boundary =
    tolerance === null
      ? new Sql('null')
      : sql`ST_AsGeoJSON(ST_Multi(ST_SimplifyPreserveTopology(p.boundary, ${tolerance})), 7)`;
  return sql`select p.id, p.name, p.account_id, ST_X(p.centroid) as lng, ST_Y(p.centroid) as lat,
    ${boundary} as boundary, count(*) over ()::int as total
  from properties p where ${Sql.join(where, ' and ')}
  order by p.area_sqm desc, p.id limit ${limit}`;
}

/**
 * The event cursor as of this transaction's snapshot. The counter row is
 * bumped by every event's transaction and locked until it commits, so the
 * committed value is the newest event visible in the snapshot: events after
 * it are exactly those the snapshot cannot see.
 */
export const CURSOR_SQL = new Sql(
  `select coalesce((select c.value from ops_event_counter c where c.id = 1), 0)::text as cursor`,
);
