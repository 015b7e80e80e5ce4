import { IsolationLevel } from '@mikro-orm/core';
import {
  ENHANCEMENT_STAGES,
  ISSUE_CATEGORIES,
  ISSUE_URGENCIES,
  MAP_BOUNDARY_MIN_ZOOM,
  MAP_ISSUE_STATUSES,
  MAP_PIN_KINDS,
  MAP_PIN_LIMIT,
  MAP_PROPERTY_LIMIT,
  OPEN_ENHANCEMENT_STAGES,
  OPEN_ISSUE_STATUSES,
  badInput,
  clusterGrid,
  forbidden,
  requireOneOf,
  simplifyTolerance,
  validateBBox,
  validateZoom,
  type EnhancementStage,
  type IssueCategory,
  type IssueStatus,
  type IssueUrgency,
  scopeReadsKind,
} from '@groundwork/shared';
import type { RequestContext } from '../../platform/context.js';
import type { MultiPolygonValue } from '../../platform/db/geometry.type.js';
import { AccessPolicy } from '../auth/index.js';
import type { BBoxInput, MapFilter } from './map.inputs.js';
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

type Row = Record<string, unknown>;

const num = (v: unknown) => Number(v);
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Validated list of enum values; a missing or empty list means "the default". */
function enumList<const T extends string>(
  values: readonly unknown[] | null | undefined,
  allowed: readonly T[],
  field: string,
  why: string,
): T[] | null {
  if (!values?.length) return null;
  return [...new Set(values)].map((v) => {
    if (!(allowed as readonly unknown[]).includes(v)) throw badInput(field, `${String(v)} ${why}`);
    return v as T;
  });
}

/** A filter's id list, deduplicated; the ids were checked with every other input (checkInputsInFields). */
function idList(values: readonly string[] | null | undefined): string[] | undefined {
  return values?.length ? [...new Set(values.map((v) => v.toLowerCase()))] : undefined;
}

/**
 * The live map (issue #5): properties, and open Issues and Enhancements as
 * pins, or as counted grid clusters when more than MAP_PIN_LIMIT are in view,
 * all read in one snapshot together with the event cursor it was read at.
 */
export class MapService {
  private readonly access: AccessPolicy;

  constructor(private readonly ctx: RequestContext) {
    this.access = new AccessPolicy(ctx);
  }

  /** Validates the request and turns it into the criteria the queries take. */
  criteria(bbox: BBoxInput, filter: MapFilter | null | undefined): MapCriteria {
    // The map shows Issues (everyone with a scope) and, beside them, what else the scope reads.
    const scope = this.access.listScope('Issue', 'see the map');
    const boxes = validateBBox(bbox, 'bbox');
    const kinds = enumList(filter?.kinds, MAP_PIN_KINDS, 'filter.kinds', 'is not a pin kind') ?? [...MAP_PIN_KINDS];
    if (!scopeReadsKind(scope, 'Enhancement') && kinds.length === 1 && kinds[0] === 'ENHANCEMENT') {
      throw forbidden('Crew leads see their crew’s Issues; Enhancements are not theirs to read');
    }
    const statuses = enumList<IssueStatus>(
      filter?.statuses,
      MAP_ISSUE_STATUSES,
      'filter.statuses',
      'is not on the map (it shows OPEN, ASSIGNED, IN_PROGRESS and RESOLVED Issues)',
    ) ?? [...OPEN_ISSUE_STATUSES];
    const stages = enumList<EnhancementStage>(
      filter?.stages,
      OPEN_ENHANCEMENT_STAGES,
      'filter.stages',
      `is not on the map (it shows open stages: ${OPEN_ENHANCEMENT_STAGES.join(', ')})`,
    ) ?? [...OPEN_ENHANCEMENT_STAGES];
    const urgency = filter?.urgency
      ? requireOneOf<IssueUrgency>(ISSUE_URGENCIES, filter.urgency, 'filter.urgency')
      : undefined;
    const categories =
      enumList<IssueCategory>(filter?.categories, ISSUE_CATEGORIES, 'filter.categories', 'is not a category') ??
      undefined;
    return {
      boxes,
      scope,
      issues: kinds.includes('ISSUE'),
      enhancements: kinds.includes('ENHANCEMENT'),
      statuses,
      stages,
      urgency,
      categories,
      serviceLineIds: idList(filter?.serviceLineIds),
      crewIds: idList(filter?.crewIds),
      accountIds: idList(filter?.accountIds),
      accountManagerIds: idList(filter?.accountManagerIds),
      overdueOnly: filter?.overdueOnly === true,
      now: this.ctx.now(),
    };
  }

  async view(bbox: BBoxInput, zoom: number, filter: MapFilter | null | undefined): Promise<MapView> {
    const criteria = this.criteria(bbox, filter);
    const z = validateZoom(zoom, 'zoom');
    // One snapshot for the cursor and every row: an event after the cursor is
    // a change this view cannot contain, and every change it lacks comes after.
    return this.ctx.em.transactional(
      async (tx) => {
        const run = (query: Sql) =>
          tx.getConnection().execute<Row[]>(query.text, [...query.params], 'all', tx.getTransactionContext());
        const [{ cursor }] = (await run(CURSOR_SQL)) as [{ cursor: string }];
        const properties = await run(
          propertiesSql(criteria, z >= MAP_BOUNDARY_MIN_ZOOM ? simplifyTolerance(z) : null, MAP_PROPERTY_LIMIT),
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
        if (issues) pins.push(...(await run(issuePinsSql(issues, MAP_PIN_LIMIT + 1, criteria.now))).map(toIssuePin));
        if (enhancements && pins.length <= MAP_PIN_LIMIT) {
          const rows = await run(enhancementPinsSql(enhancements, MAP_PIN_LIMIT + 1 - pins.length));
          pins.push(...rows.map(toEnhancementPin));
        }
        if (pins.length <= MAP_PIN_LIMIT) {
          pins.sort((a, b) => (a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind === 'ISSUE' ? -1 : 1));
          return { ...base, pins, clusters: [], clustered: false, pinCount: pins.length };
        }
        const grid = clusterGrid(criteria.boxes, z);
        const clusters = (await run(clustersSql(issues, enhancements, grid, criteria.now))).map(toCluster);
        clusters.sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
        const pinCount = clusters.reduce((sum, c) => sum + c.count, 0);
        return { ...base, pins: [], clusters, clustered: true, pinCount };
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
  }
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
