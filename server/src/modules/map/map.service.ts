import {
  ISSUE_CATEGORIES,
  ISSUE_URGENCIES,
  MAP_ISSUE_STATUSES,
  MAP_PIN_KINDS,
  OPEN_ENHANCEMENT_STAGES,
  OPEN_ISSUE_STATUSES,
  badInput,
  forbidden,
  requireOneOf,
  validateBBox,
  validateZoom,
  type EnhancementStage,
  type IssueCategory,
  type IssueStatus,
  type IssueUrgency,
  scopeReadsKind,
} from '@groundwork/shared';
import type { RequestContext } from '../../platform/context.js';
import { queryBound } from '../../platform/db/sql.js';
import { AccessPolicy } from '../auth/index.js';
import type { BBoxInput, MapFilter } from './map.inputs.js';
import { FULL_SELECTION, type MapCriteria, type MapSelection } from './map.queries.js';
import { readMapView, type MapRead, type Row } from './map.read.js';

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

  async view(
    bbox: BBoxInput,
    zoom: number,
    filter: MapFilter | null | undefined,
    selection: MapSelection = FULL_SELECTION,
  ): Promise<MapRead> {
    const criteria = this.criteria(bbox, filter);
    const z = validateZoom(zoom, 'zoom');
    // Each statement reads the cursor with every row it answers (one snapshot): an event after
    // the cursor is a change this view cannot contain, and every change it lacks comes after.
    return readMapView((_statement, query) => queryBound<Row>(this.ctx.em, query), criteria, z, selection);
  }
}
