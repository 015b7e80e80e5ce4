import {
  ENHANCEMENT_STAGES,
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
  ISSUE_URGENCIES,
  isOneOf,
  isOpenEnhancementStage,
  isOpenIssueStatus,
  OPS_EVENT_TYPES,
  type EnhancementStage,
  type IssueCategory,
  type IssueStatus,
  type IssueUrgency,
  type OpsEventTypeName,
} from '@groundwork/shared';

// From a batch of events to what the page must do: change cached Issues and
// Enhancements in place from the event payloads, and decide whether the view
// must be reloaded for what a payload cannot express (a new row, a row leaving
// an "open" list, counts the server computes). Pure, so every rule is tested
// without Apollo.

/** An event as the subscription delivers it (the generated type is structurally the same). */
export type LiveEvent = {
  cursor: string;
  type: string;
  entityType: string;
  entityId: string;
  accountId: string | null;
  propertyId: string | null;
  at: string;
  payload: Record<string, unknown>;
};

export type LngLatValue = { lng: number; lat: number };

export type IssueWrite = {
  typename: 'Issue';
  id: string;
  version: number;
  status: IssueStatus;
  urgency: IssueUrgency;
  category: IssueCategory;
  dueAt: string | null;
  location: LngLatValue;
  /** Absent when the crew is not in the cache with the fields the views show: the view is reloaded instead. */
  crewId?: string | null;
};

export type EnhancementWrite = {
  typename: 'Enhancement';
  id: string;
  version: number;
  stage: EnhancementStage;
  location: LngLatValue;
};

export type CacheWrite = IssueWrite | EnhancementWrite;

/** What the cache holds, asked by the planner. */
export type CacheProbe = {
  /** The cached entity's version; undefined when the entity is not cached, null when cached without a version. */
  version(typename: 'Issue' | 'Enhancement', id: string): number | null | undefined;
  /** Whether the crew is cached with everything a view shows of it (name, colour). */
  hasCrew(id: string): boolean;
};

export type EventPlan = {
  writes: CacheWrite[];
  /** Some event touches the view in a way its cached data cannot show: reload it. */
  refetch: boolean;
};

function lngLat(value: unknown): LngLatValue | null {
  if (typeof value !== 'object' || value === null) return null;
  const { lng, lat } = value as Record<string, unknown>;
  return typeof lng === 'number' && typeof lat === 'number' ? { lng, lat } : null;
}

const isVersion = (value: unknown): value is number => Number.isInteger(value);

/** The Issue fields an Issue event's payload carries, or null when the payload is not what this client expects. */
export function issueWrite(event: LiveEvent): (IssueWrite & { crewId: string | null }) | null {
  const p = event.payload;
  const location = lngLat(p['location']);
  const crewId = p['crewId'];
  const dueAt = p['dueAt'];
  if (
    !isVersion(p['version']) ||
    !isOneOf(ISSUE_STATUSES, p['status']) ||
    !isOneOf(ISSUE_URGENCIES, p['urgency']) ||
    !isOneOf(ISSUE_CATEGORIES, p['category']) ||
    !location ||
    !(crewId === null || typeof crewId === 'string') ||
    !(dueAt === null || typeof dueAt === 'string')
  ) {
    return null;
  }
  return {
    typename: 'Issue',
    id: event.entityId,
    version: p['version'],
    status: p['status'],
    urgency: p['urgency'],
    category: p['category'],
    dueAt,
    location,
    crewId,
  };
}

/** The Enhancement fields an Enhancement event's payload carries, or null when it is not what this client expects. */
export function enhancementWrite(event: LiveEvent): EnhancementWrite | null {
  const p = event.payload;
  const location = lngLat(p['location']);
  if (!isVersion(p['version']) || !isOneOf(ENHANCEMENT_STAGES, p['stage']) || !location) return null;
  return { typename: 'Enhancement', id: event.entityId, version: p['version'], stage: p['stage'], location };
}

/**
 * Whether an event's change is fully shown by updating the cached entity:
 * an Issue moved, or changing between open statuses (an Issue enters
 * ASSIGNED from RESOLVED only as ISSUE_REOPENED), or an Enhancement moving
 * between open stages. Those leave every list's rows and counts as they
 * were. Everything else adds or removes rows or changes server-computed
 * counts and due dates.
 */
function shownByCache(type: OpsEventTypeName, write: CacheWrite | null): boolean {
  if (!write) return false;
  switch (type) {
    case 'ISSUE_MOVED':
      return true;
    case 'ISSUE_STATUS_CHANGED':
      return write.typename === 'Issue' && isOpenIssueStatus(write.status);
    case 'ENHANCEMENT_ADVANCED':
      return write.typename === 'Enhancement' && isOpenEnhancementStage(write.stage);
    default:
      return false;
  }
}

/**
 * Plans a batch of events (in commit order) for one view: the cache writes
 * for entities the cache holds, newest version wins and older or equal
 * versions are skipped (a replay after reconnecting, or data read after the
 * event); and whether the view, as told by `touchesView`, must be reloaded.
 */
export function planEvents(
  events: readonly LiveEvent[],
  cache: CacheProbe,
  touchesView: (event: LiveEvent) => boolean,
): EventPlan {
  const writes = new Map<string, CacheWrite>();
  const versions = new Map<string, number | null | undefined>();
  let refetch = false;

  for (const event of events) {
    // Types added after this client was built are ignored.
    if (!isOneOf(OPS_EVENT_TYPES, event.type)) continue;
    const type = event.type;
    let write: CacheWrite | null = null;
    if (event.entityType === 'Issue' && type.startsWith('ISSUE_')) {
      const issue = issueWrite(event);
      if (issue) {
        // Only ISSUE_ASSIGNED changes the crew, and it reloads the view anyway: a crew the cache
        // lacks is left for that reload rather than shown half-known.
        const { crewId, ...rest } = issue;
        write = crewId === null || cache.hasCrew(crewId) ? { ...rest, crewId } : rest;
      }
    } else if (event.entityType === 'Enhancement' && type.startsWith('ENHANCEMENT_')) {
      write = enhancementWrite(event);
    }

    if (write) {
      const key = `${write.typename}:${write.id}`;
      if (!versions.has(key)) versions.set(key, cache.version(write.typename, write.id));
      const cached = versions.get(key);
      // Not cached: no page shows it, nothing to write. Cached without a version: trust commit order.
      if (cached !== undefined && (cached === null || write.version > cached)) {
        writes.set(key, write);
        versions.set(key, write.version);
      }
    }

    if (!refetch && !shownByCache(type, write) && touchesView(event)) refetch = true;
  }
  return { writes: [...writes.values()], refetch };
}
