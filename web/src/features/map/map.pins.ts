import {
  isOneOf,
  isOpenEnhancementStage,
  isOverdue,
  MAP_ISSUE_STATUSES,
  OPS_EVENT_TYPES,
  statusAfterAssignment,
  type EnhancementStage,
  type IssueCategory,
  type IssueStatus,
  type IssueUrgency,
} from '@groundwork/shared';
import { enhancementWrite, issueWrite, type LiveEvent } from '../live/event.plan';
import { shownStatuses, type MapFilterState } from './map.url-state';

// The map's own data handling, pure so every rule is tested without a map:
// pins as GeoJSON with an icon key per look, live events folded into the pin
// set a batch at a time (one setData per batch, not per event), optimistic
// assignment, and the rings drawn for server-side clusters.

export type LngLat = { lng: number; lat: number };

export type Pin = {
  id: string;
  kind: 'ISSUE' | 'ENHANCEMENT';
  title: string;
  status?: IssueStatus | null;
  stage?: EnhancementStage | null;
  urgency?: IssueUrgency | null;
  category?: IssueCategory | null;
  overdue: boolean;
  dueAt?: string | null;
  crewId?: string | null;
  version: number;
  propertyId: string;
  accountId: string;
  location: LngLat;
};

/** The look of a pin, as the name of the image drawn for it (see pin.icons.ts). */
export function pinIcon(pin: Pin, pending = false): string {
  if (pin.kind === 'ENHANCEMENT') return `enhancement:${pin.stage ?? 'IDENTIFIED'}${pending ? ':pending' : ''}`;
  const marks = [
    pin.category === 'SAFETY' ? 'safety' : pin.urgency === 'URGENT' ? 'urgent' : null,
    pin.overdue ? 'overdue' : null,
    pending ? 'pending' : null,
  ].filter(Boolean);
  return ['issue', pin.status ?? 'OPEN', ...marks].join(':');
}

/** Draw order: what needs attention is drawn on top of what does not. */
export function pinRank(pin: Pin): number {
  if (pin.kind === 'ENHANCEMENT') return 0;
  return (pin.category === 'SAFETY' ? 4 : 0) + (pin.urgency === 'URGENT' ? 2 : 0) + (pin.overdue ? 1 : 0) + 1;
}

export type PinFeatureCollection = {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: { id: string; kind: Pin['kind']; icon: string; rank: number };
  }[];
};

export type PinFeature = PinFeatureCollection['features'][number];

export function pinFeature(pin: Pin, pending = false): PinFeature {
  return {
    type: 'Feature',
    id: pin.id,
    geometry: { type: 'Point', coordinates: [pin.location.lng, pin.location.lat] },
    properties: { id: pin.id, kind: pin.kind, icon: pinIcon(pin, pending), rank: pinRank(pin) },
  };
}

export function pinsToGeoJSON(pins: Iterable<Pin>, pendingIds: ReadonlySet<string> = new Set()): PinFeatureCollection {
  const features: PinFeatureCollection['features'] = [];
  for (const pin of pins) features.push(pinFeature(pin, pendingIds.has(pin.id)));
  return { type: 'FeatureCollection', features };
}

/**
 * Whether two lists of pin features draw the same: same pins, looks, order
 * and spots. A setData of an unchanged list still costs the map's worker a
 * re-tiling, which delays whatever the map is asked to draw next.
 */
export function sameFeatures(a: readonly PinFeature[], b: readonly PinFeature[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((f, i) => {
    const g = b[i]!;
    return (
      f === g ||
      (f.id === g.id &&
        f.properties.icon === g.properties.icon &&
        f.properties.rank === g.properties.rank &&
        f.geometry.coordinates[0] === g.geometry.coordinates[0] &&
        f.geometry.coordinates[1] === g.geometry.coordinates[1])
    );
  });
}

/** Where a dragged pin was let go: on a crew in the panel, or on a spot of the map. */
export type PinDrop = { crewId: string } | { location: LngLat };

/**
 * The pin as the drop makes it, before the server answers; null when the drop
 * changes nothing to ask for (not an Issue, or already that crew's).
 */
export function droppedPin(pin: Pin | undefined, drop: PinDrop): Pin | null {
  if (!pin || pin.kind !== 'ISSUE') return null;
  if ('crewId' in drop) return pin.crewId === drop.crewId ? null : optimisticAssignment(pin, drop.crewId);
  return { ...pin, location: drop.location };
}

export type PinEventContext = {
  /** Whether a pin still matches the map's filters (status, crew, urgency…). */
  matches(pin: Pin): boolean;
  /** Whether a spot is inside the area the map shows. */
  inView(location: LngLat): boolean;
  /** The map shows clusters: counts cannot be changed from an event, only reloaded. */
  clustered: boolean;
  now: Date;
};

export type PinEventResult = {
  pins: Map<string, Pin>;
  /** Some pin changed: redraw (once). */
  changed: boolean;
  /** Something in view changed that the events cannot show (a new pin needs its title): reload the view. */
  refetch: boolean;
  /** New URGENT Issues, to announce. */
  urgentCreated: LiveEvent[];
};

/**
 * Folds a batch of events (in commit order) into the pins. A pin takes an
 * event's fields only when the event's version is newer than the pin's (a
 * replay, or a view read after the event, changes nothing); a pin that is no
 * longer open or no longer matches the filters leaves the map.
 */
export function applyPinEvents(
  current: ReadonlyMap<string, Pin>,
  events: readonly LiveEvent[],
  context: PinEventContext,
): PinEventResult {
  const pins = new Map(current);
  let changed = false;
  let refetch = false;
  const urgentCreated: LiveEvent[] = [];

  for (const event of events) {
    if (!isOneOf(OPS_EVENT_TYPES, event.type)) continue;
    const issue = event.entityType === 'Issue' ? issueWrite(event) : null;
    const enhancement = event.entityType === 'Enhancement' ? enhancementWrite(event) : null;
    const write = issue ?? enhancement;
    if (!write) continue;
    if (event.type === 'ISSUE_CREATED' && issue?.urgency === 'URGENT') urgentCreated.push(event);

    const pin = pins.get(write.id);
    if (context.clustered) {
      if (pin || context.inView(write.location)) refetch = true;
      continue;
    }
    if (!pin) {
      // A pin the view does not have yet: only the server has its title and property.
      if (context.inView(write.location)) refetch = true;
      continue;
    }
    if (write.version <= pin.version) continue;
    const next: Pin = issue
      ? {
          ...pin,
          status: issue.status,
          urgency: issue.urgency,
          category: issue.category,
          dueAt: issue.dueAt,
          crewId: issue.crewId,
          location: issue.location,
          version: issue.version,
          overdue: isOverdue({ status: issue.status, dueAt: issue.dueAt }, context.now),
        }
      : { ...pin, stage: enhancement!.stage, location: enhancement!.location, version: enhancement!.version };
    changed = true;
    const open = next.kind === 'ISSUE' ? isOneOf(MAP_ISSUE_STATUSES, next.status) : isOpenEnhancementStage(next.stage!);
    if (open && context.matches(next) && context.inView(next.location)) pins.set(next.id, next);
    else pins.delete(next.id);
  }
  return { pins, changed, refetch, urgentCreated };
}

/**
 * The server's MapFilter, for one pin on the client: so a live change that
 * takes a pin out of the filter (assigned to another crew, resolved) removes
 * it without a reload. Account and manager filters cannot change from an
 * Issue event, so they are the server's alone.
 */
export function pinMatchesFilter(pin: Pin, filter: MapFilterState): boolean {
  if (filter.kinds.length > 0 && !filter.kinds.includes(pin.kind)) return false;
  if (pin.kind === 'ENHANCEMENT') {
    // Issue-only filters leave Enhancements out, as the server does.
    return !(filter.urgency || filter.categories.length || filter.crewIds.length || filter.overdueOnly);
  }
  if (!pin.status || !shownStatuses(filter).includes(pin.status)) return false;
  if (filter.urgency && pin.urgency !== filter.urgency) return false;
  if (filter.categories.length > 0 && !(pin.category && filter.categories.includes(pin.category))) return false;
  if (filter.crewIds.length > 0 && !(pin.crewId && filter.crewIds.includes(pin.crewId))) return false;
  if (filter.overdueOnly && !pin.overdue) return false;
  return true;
}

/** What the pin looks like the moment it is dropped on a crew, before the server answers. */
export function optimisticAssignment(pin: Pin, crewId: string): Pin {
  return { ...pin, crewId, status: statusAfterAssignment(pin.status ?? 'OPEN') };
}

export type RingSegment = { status: IssueStatus | 'ENHANCEMENT'; from: number; to: number };

/**
 * A cluster's ring: one arc per status (and one for Enhancements), in
 * lifecycle order, as fractions of the whole turn.
 */
export function ringSegments(
  byStatus: readonly { status: IssueStatus; count: number }[],
  enhancementCount: number,
): RingSegment[] {
  const order: (IssueStatus | 'ENHANCEMENT')[] = [
    'OPEN',
    'ASSIGNED',
    'IN_PROGRESS',
    'RESOLVED',
    'VERIFIED',
    'ENHANCEMENT',
  ];
  const counts = new Map<IssueStatus | 'ENHANCEMENT', number>(byStatus.map((s) => [s.status, s.count]));
  counts.set('ENHANCEMENT', enhancementCount);
  const total = [...counts.values()].reduce((sum, n) => sum + Math.max(0, n), 0);
  if (total === 0) return [];
  const segments: RingSegment[] = [];
  let at = 0;
  for (const status of order) {
    const n = Math.max(0, counts.get(status) ?? 0);
    if (n === 0) continue;
    segments.push({ status, from: at, to: at + n / total });
    at += n / total;
  }
  segments[segments.length - 1]!.to = 1;
  return segments;
}

/** What a cluster marker shows and does: two clusters with the same look can share one DOM marker. */
export type ClusterLookInput = {
  id: string;
  count: number;
  enhancementCount: number;
  urgentCount: number;
  overdueCount: number;
  location: LngLat;
  bounds: { west: number; south: number; east: number; north: number };
  byStatus: readonly { status: IssueStatus; count: number }[];
};

export function clusterLook(cluster: ClusterLookInput): string {
  const { count, enhancementCount, urgentCount, overdueCount, bounds, byStatus } = cluster;
  return JSON.stringify([count, enhancementCount, urgentCount, overdueCount, bounds, byStatus]);
}

/**
 * Which cluster markers a new answer needs: after every pan the server sends
 * the clusters again, mostly the same cells with the same counts, and
 * rebuilding each marker's DOM per answer costs layout and paint mid-pan (the
 * web benchmark counted every marker re-added on every read). Markers whose
 * cell and look are unchanged are kept (only moved); the rest are replaced.
 */
export function planClusterMarkers<C extends ClusterLookInput>(
  current: ReadonlyMap<string, string>,
  clusters: readonly C[],
): { remove: string[]; keep: C[]; create: C[] } {
  const wanted = new Map(clusters.map((c) => [c.id, c]));
  const remove = [...current.keys()].filter((id) => {
    const next = wanted.get(id);
    return !next || clusterLook(next) !== current.get(id);
  });
  const keep: C[] = [];
  const create: C[] = [];
  for (const cluster of wanted.values()) {
    if (current.get(cluster.id) === clusterLook(cluster)) keep.push(cluster);
    else create.push(cluster);
  }
  return { remove, keep, create };
}
