import {
  MAP_ISSUE_STATUSES,
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

/**
 * How a view's boxes are matched: `location` (`location && box`, a GiST index
 * condition: what pins are read by) or `coordinates` (the generated `lng` and
 * `lat` between the box's edges, the key of the covering `*_open_map_idx`:
 * what clusters are counted by, from the index alone). The same points either
 * way, but for points within float4 rounding (under a metre) of an edge,
 * which `&&` compares in.
 */
export type BoxMatch = 'location' | 'coordinates';

const anyOf = (parts: Sql[]) => (parts.length === 1 ? parts[0]! : sql`(${Sql.join(parts, ' or ')})`);

/** `col && box` for each box (two across the antimeridian): each side is a GiST index condition. */
function overlapsBoxes(column: string, boxes: readonly BBox[]): Sql {
  return anyOf(
    boxes.map((b) => new Sql(`${column} && ST_MakeEnvelope(?, ?, ?, ?, 4326)`, [b.west, b.south, b.east, b.north])),
  );
}

/** A located row of `alias` in the view's boxes, matched as `match` says. */
function inBoxes(alias: string, boxes: readonly BBox[], match: BoxMatch): Sql {
  if (match === 'location') return overlapsBoxes(`${alias}.location`, boxes);
  return anyOf(
    boxes.map(
      (b) =>
        new Sql(`${alias}.lng between ? and ? and ${alias}.lat between ? and ?`, [b.west, b.east, b.south, b.north]),
    ),
  );
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
export function issueWhere(c: MapCriteria, match: BoxMatch = 'location'): Sql | null {
  if (!c.issues) return null;
  const statuses = c.overdueOnly
    ? c.statuses.filter((s) => (OPEN_ISSUE_STATUSES as readonly string[]).includes(s))
    : c.statuses;
  if (statuses.length === 0) return null;
  const where: Sql[] = [inBoxes('i', c.boxes, match), sql`i.status in (${literalList(statuses, ISSUE_STATUS_LIST)})`];
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
export function enhancementWhere(
  c: MapCriteria,
  openStages: readonly string[],
  match: BoxMatch = 'location',
): Sql | null {
  if (!c.enhancements || !scopeReadsKind(c.scope, 'Enhancement') || c.stages.length === 0) return null;
  if (c.urgency || c.categories || c.crewIds || c.overdueOnly) return null;
  const where: Sql[] = [inBoxes('e', c.boxes, match), sql`e.stage in (${literalList(c.stages, openStages)})`];
  where.push(...scopeSql(c.scope, 'Enhancement', 'e'));
  where.push(...accountFilter('e', c));
  if (c.serviceLineIds) where.push(sql`e.service_line_id in (${c.serviceLineIds})`);
  return Sql.join(where, ' and ');
}

/** A JSON object as a selection shapes it: each response key in order, the field it holds, nested objects' own. */
export interface JsonShape {
  /** The GraphQL type (what `__typename` says). */
  type: string;
  fields: readonly { key: string; field: string; of?: JsonShape }[];
}

/**
 * How a list of the view is sent: as JSON text in the query's own shape, for the answer to take as it
 * is at `rawKey` (RawJson), or, with no shape, as objects with every field, for GraphQL to pick from.
 */
export type JsonList = { shape: JsonShape; rawKey: string } | { shape: null; rawKey: null };

/** Each field of a type as the SQL of its value; an object field as its own fields. */
type JsonValues = { readonly [field: string]: Sql | JsonValues };

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** One JSON object per row, shaped in PostgreSQL: Node only passes it on. */
function jsonObject(shape: JsonShape, values: JsonValues): Sql {
  const parts = shape.fields.map(({ key, field, of }) => {
    // Keys and type names go into the SQL text: GraphQL names only (the parser allows nothing else).
    if (!GRAPHQL_NAME.test(key) || !GRAPHQL_NAME.test(shape.type)) throw new Error(`not a GraphQL name: ${key}`);
    const value =
      field === '__typename' ? new Sql(`'${shape.type}'::text`) : Object.hasOwn(values, field) ? values[field] : null;
    if (!value) throw new Error(`${shape.type}.${field} has no SQL`);
    return sql`'${new Sql(key)}', ${value instanceof Sql ? value : jsonObject(of!, value)}`;
  });
  return sql`json_build_object(${Sql.join(parts, ', ')})`;
}

/** Every field, keyed by its name: what objects for GraphQL to pick from carry. */
function fullShape(type: string, values: JsonValues, nested: Record<string, string> = {}): JsonShape {
  return {
    type,
    fields: Object.entries(values).map(([field, value]) =>
      value instanceof Sql ? { key: field, field } : { key: field, field, of: fullShape(nested[field]!, value) },
    ),
  };
}

const lngLat = (column: string): JsonValues => ({
  lng: new Sql(`ST_X(${column})`),
  lat: new Sql(`ST_Y(${column})`),
});
/** As `Date.prototype.toISOString` writes it (milliseconds, UTC): the text a DateTimeISO answer has. */
const isoTime = (column: string) => new Sql(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** MapPin's fields for an Issue. */
function issuePinValues(now: Date): JsonValues {
  return {
    id: new Sql('i.id'),
    kind: new Sql(`'ISSUE'::text`),
    location: lngLat('i.location'),
    title: new Sql('i.title'),
    status: new Sql('i.status'),
    stage: new Sql('null'),
    urgency: new Sql('i.urgency'),
    category: new Sql('i.category'),
    overdue: sql`(i.status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS') and i.due_at is not null and i.due_at < ${now})`,
    dueAt: isoTime('i.due_at'),
    crewId: new Sql('i.crew_id'),
    serviceLineId: new Sql('i.service_line_id'),
    propertyId: new Sql('i.property_id'),
    accountId: new Sql('i.account_id'),
    version: new Sql('i.version'),
  };
}

/** MapPin's fields for an Enhancement. */
const ENHANCEMENT_PIN_VALUES: JsonValues = {
  id: new Sql('e.id'),
  kind: new Sql(`'ENHANCEMENT'::text`),
  location: lngLat('e.location'),
  title: new Sql('e.title'),
  status: new Sql('null'),
  stage: new Sql('e.stage'),
  urgency: new Sql('null'),
  category: new Sql('null'),
  overdue: new Sql('false'),
  dueAt: new Sql('null'),
  crewId: new Sql('null'),
  serviceLineId: new Sql('e.service_line_id'),
  propertyId: new Sql('e.property_id'),
  accountId: new Sql('e.account_id'),
  version: new Sql('e.version'),
};

/** Every field of a pin (GraphQL MapPin), keyed by name. */
export const PIN_SHAPE = fullShape('MapPin', ENHANCEMENT_PIN_VALUES, { location: 'LngLat' });

/**
 * Issue pins: at most `limit` rows (no ORDER BY, so the index scan stops
 * there), each its id and the pin as JSON in `shape`.
 */
export function issuePinsSql(where: Sql, limit: number | Sql, now: Date, shape: JsonShape = PIN_SHAPE): Sql {
  return sql`select i.id, ${jsonObject(shape, issuePinValues(now))} as pin from issues i where ${where} limit ${limit}`;
}

export function enhancementPinsSql(where: Sql, limit: number | Sql, shape: JsonShape = PIN_SHAPE): Sql {
  return sql`select e.id, ${jsonObject(shape, ENHANCEMENT_PIN_VALUES)} as pin from enhancements e where ${where} limit ${limit}`;
}

/**
 * Counts per grid cell of every matching pin in view: one row per non-empty
 * cell, so the result is bounded by the grid, not by the data. The cell is
 * `clusterCellId` of shared in SQL: Web Mercator x and y in world widths over
 * the step. It reads only the generated coordinates and the filters' columns,
 * all in the `*_open_map_idx` covering indexes, so open pins are counted by
 * an index-only scan: give it WHEREs built with `coordinates` box matching.
 */
export function clustersSql(issues: Sql | null, enhancements: Sql | null, grid: ClusterGrid, now: Date): Sql {
  const sources: Sql[] = [];
  if (issues) {
    sources.push(sql`select false as enhancement, i.lng as x, i.lat as y, i.merc_y as my, i.status,
      i.urgency = 'URGENT' as urgent, i.category = 'SAFETY' as safety,
      (i.status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS') and i.due_at < ${now}) as overdue
      from issues i where ${issues}`);
  }
  if (enhancements) {
    sources.push(
      sql`select true, e.lng, e.lat, e.merc_y, null, false, false, false from enhancements e where ${enhancements}`,
    );
  }
  const byStatus = MAP_ISSUE_STATUSES.map(
    (s) => `count(*) filter (where not p.enhancement and p.status = '${s}')::int as "${s}"`,
  ).join(',\n    ');
  return sql`with p as (${Sql.join(sources, ' union all ')}),
  -- OFFSET 0 keeps this a subquery of its own. Pulled up, the planner would estimate the cells
  -- from the coordinates' statistics (one per pin), sort every pin and spill to disk; here it
  -- has no statistics, assumes a few hundred cells and groups in a hash table, as it should.
  cell as (
    select p.*, floor(p.x / 360 / ${grid.step})::bigint as cx, floor(p.my / ${grid.step})::bigint as cy from p
    offset 0
  )
  select p.cx::text as cx, p.cy::text as cy, count(*)::int as n,
    count(*) filter (where p.enhancement)::int as enhancements,
    ${new Sql(byStatus)},
    count(*) filter (where p.urgent)::int as urgent, count(*) filter (where p.safety)::int as safety,
    count(*) filter (where p.overdue)::int as overdue,
    avg(p.x) as lng, avg(p.y) as lat, min(p.x) as west, min(p.y) as south, max(p.x) as east, max(p.y) as north
  from cell p group by p.cx, p.cy`;
}

/** MapProperty's fields; the outline simplified for the zoom when `tolerance` is set, else null. */
function propertyValues(tolerance: number | null): JsonValues {
  return {
    id: new Sql('p.id'),
    name: new Sql('p.name'),
    accountId: new Sql('p.account_id'),
    centroid: lngLat('p.centroid'),
    boundary:
      tolerance === null
        ? new Sql('null::json')
        : sql`ST_AsGeoJSON(ST_Multi(ST_SimplifyPreserveTopology(p.boundary, ${tolerance})), 7)::json`,
  };
}

/** Every field of a property (GraphQL MapProperty), keyed by name. */
export const PROPERTY_SHAPE = fullShape('MapProperty', propertyValues(null), { centroid: 'LngLat' });

/**
 * Properties in view, largest first, at most `limit`, each with the total in
 * view and as JSON in `shape` (null: none, the total only).
 */
export function propertiesSql(
  c: MapCriteria,
  tolerance: number | null,
  limit: number,
  shape: JsonShape | null = PROPERTY_SHAPE,
): Sql {
  const where: Sql[] = [overlapsBoxes('p.boundary', c.boxes)];
  where.push(...scopeSql(c.scope, 'Property', 'p'));
  where.push(...accountFilter('p', c));
  const property = shape ? jsonObject(shape, propertyValues(tolerance)) : new Sql('null::json');
  return sql`select p.id, p.area_sqm, ${property} as property, count(*) over ()::int as total
  from properties p where ${Sql.join(where, ' and ')}
  order by p.area_sqm desc, p.id limit ${limit}`;
}

/**
 * The event cursor as of the statement's snapshot. The counter row is bumped
 * by every event's transaction and locked until it commits, so the committed
 * value is the newest event visible in the snapshot: events after it are
 * exactly those the snapshot cannot see.
 */
const CURSOR_VALUE = new Sql(`coalesce((select c.value from ops_event_counter c where c.id = 1), 0)::text as cursor`);

/** What the query asks of a view: what it does not ask for, the statement does not read. */
export interface MapSelection {
  /** `properties`; null when not asked for. */
  property: JsonList | null;
  /** `propertyCount` or `truncated`: the number of properties in view. */
  propertyCount: boolean;
  /** `pins`; null when not asked for. */
  pin: JsonList | null;
  /** `clusters` or `pinCount`: a view past the pin limit needs its clusters counted. */
  clusters: boolean;
}

/** Everything, as objects (the web's full map query, outside an HTTP answer). */
export const FULL_SELECTION: MapSelection = {
  property: { shape: null, rawKey: null },
  propertyCount: true,
  pin: { shape: null, rawKey: null },
  clusters: true,
};

/**
 * A whole view in one statement, so in one snapshot with the event cursor
 * (no transaction needed): the cursor, the properties (if asked for), how
 * many pins match up to one past the limit (which tells "fits" from "too
 * many" without counting everything), the pins as JSON text when they fit
 * (Issues first, each kind by id) and, with `clusters`, the clusters when they
 * do not. PostgreSQL evaluates a CASE branch's subquery only when the branch
 * is taken.
 */
export function viewSql(
  c: MapCriteria,
  options: {
    issues: Sql | null;
    enhancements: Sql | null;
    pinLimit: number;
    propertyLimit: number;
    tolerance: number | null;
    selection: MapSelection;
    /**
     * When the clusters are to be read: the grid to cluster on, and the WHEREs
     * of what they count (built with `coordinates` box matching).
     */
    clusters: { grid: ClusterGrid; issues: Sql | null; enhancements: Sql | null } | null;
  },
): Sql {
  const { issues, enhancements, pinLimit, selection: s } = options;
  const pinShape = s.pin?.shape ?? PIN_SHAPE;
  // Without pins asked for, only their number: no JSON per row.
  const pinOf = (shape: JsonShape) => (s.pin ? shape : { type: 'MapPin', fields: [] });
  const ctes: Sql[] = [];
  const counts: Sql[] = [];
  const pins: Sql[] = [];
  if (issues) {
    ctes.push(sql`ip as (${issuePinsSql(issues, pinLimit + 1, c.now, pinOf(pinShape))})`);
    counts.push(new Sql('(select count(*) from ip)'));
    pins.push(new Sql('select 0 as k, ip.id, ip.pin from ip'));
  }
  if (enhancements) {
    // Only as many as the Issues left room for (none when they are past the limit already).
    const room = sql`greatest(0, ${pinLimit + 1} - ${counts[0] ?? new Sql('0')})`;
    ctes.push(sql`ep as (${enhancementPinsSql(enhancements, room, pinOf(pinShape))})`);
    counts.push(new Sql('(select count(*) from ep)'));
    pins.push(new Sql('select 1 as k, ep.id, ep.pin from ep'));
  }
  if (s.property || s.propertyCount) {
    const shape = s.property ? (s.property.shape ?? PROPERTY_SHAPE) : null;
    ctes.push(sql`pr as (${propertiesSql(c, options.tolerance, options.propertyLimit, shape)})`);
  }
  ctes.push(sql`n as (select (${counts.length ? Sql.join(counts, ' + ') : new Sql('0')})::int as n)`);
  const fits = new Sql(`(select n from n) <= ${pinLimit}`);
  const columns: Sql[] = [
    CURSOR_VALUE,
    new Sql('(select n from n) as n'),
    s.pin && pins.length
      ? sql`case when ${fits} then (select coalesce(json_agg(x.pin order by x.k, x.id), '[]')::text
          from (${Sql.join(pins, ' union all ')}) x) end as pins`
      : new Sql(`'[]' as pins`),
    s.property
      ? new Sql(
          `(select coalesce(json_agg(pr.property order by pr.area_sqm desc, pr.id), '[]')::text from pr) as properties`,
        )
      : new Sql(`'[]' as properties`),
    s.property || s.propertyCount
      ? new Sql('coalesce((select pr.total from pr limit 1), 0) as property_count')
      : new Sql('0 as property_count'),
    options.clusters
      ? sql`case when not ${fits} then (select json_agg(c)::text from (${clustersSql(options.clusters.issues, options.clusters.enhancements, options.clusters.grid, c.now)}) c) end as clusters`
      : new Sql('null as clusters'),
  ];
  return sql`with ${Sql.join(ctes, ',\n')}\nselect ${Sql.join(columns, ',\n  ')}`;
}
