import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../live/event.plan';
import {
  applyPinEvents,
  clusterLook,
  droppedPin,
  optimisticAssignment,
  pinFeature,
  sameFeatures,
  pinIcon,
  pinMatchesFilter,
  pinsToGeoJSON,
  planClusterMarkers,
  ringSegments,
  type Pin,
  type PinEventContext,
} from './map.pins';
import { EMPTY_MAP_FILTER } from './map.url-state';

const NOW = new Date('2026-11-22T12:00:00Z');
const CREW_A = 'crew-a';
const CREW_B = 'crew-b';

const issue = (over: Partial<Pin> = {}): Pin => ({
  id: 'i1',
  kind: 'ISSUE',
  title: 'Broken sprinkler',
  status: 'ASSIGNED',
  urgency: 'ROUTINE',
  category: 'IRRIGATION_LEAK',
  overdue: false,
  dueAt: '2026-11-25T12:00:00Z',
  crewId: CREW_A,
  version: 3,
  propertyId: 'p1',
  accountId: 'a1',
  location: { lng: -104.99, lat: 39.74 },
  ...over,
});

const issueEvent = (type: string, payload: Record<string, unknown>, id = 'i1'): LiveEvent => ({
  cursor: '10',
  type,
  entityType: 'Issue',
  entityId: id,
  accountId: 'a1',
  propertyId: 'p1',
  at: NOW.toISOString(),
  payload: {
    version: 4,
    status: 'ASSIGNED',
    urgency: 'ROUTINE',
    category: 'IRRIGATION_LEAK',
    location: { lng: -104.99, lat: 39.74 },
    crewId: CREW_A,
    dueAt: '2026-11-25T12:00:00Z',
    ...payload,
  },
});

const context = (over: Partial<PinEventContext> = {}): PinEventContext => ({
  matches: (pin) => pinMatchesFilter(pin, EMPTY_MAP_FILTER),
  inView: (l) => l.lng > -105.1 && l.lng < -104.8 && l.lat > 39.6 && l.lat < 39.9,
  clustered: false,
  now: NOW,
  ...over,
});

const pinsOf = (...pins: Pin[]) => new Map(pins.map((p) => [p.id, p]));

describe('pin icons', () => {
  it('name the look: kind, status and the marks that need attention', () => {
    expect(pinIcon(issue())).toBe('issue:ASSIGNED');
    expect(pinIcon(issue({ urgency: 'URGENT', overdue: true }))).toBe('issue:ASSIGNED:urgent:overdue');
    // SAFETY is always urgent; its own mark says more.
    expect(pinIcon(issue({ category: 'SAFETY', urgency: 'URGENT' }))).toBe('issue:ASSIGNED:safety');
    expect(pinIcon(issue(), true)).toBe('issue:ASSIGNED:pending');
    expect(pinIcon(issue({ kind: 'ENHANCEMENT', stage: 'PROPOSED', status: null }))).toBe('enhancement:PROPOSED');
  });

  it('become point features with the icon and a draw rank', () => {
    const collection = pinsToGeoJSON([issue(), issue({ id: 'i2', category: 'SAFETY' })], new Set(['i2']));
    expect(collection.features.map((f) => [f.id, f.properties.icon, f.properties.rank])).toEqual([
      ['i1', 'issue:ASSIGNED', 1],
      ['i2', 'issue:ASSIGNED:safety:pending', 5],
    ]);
    expect(collection.features[0]!.geometry.coordinates).toEqual([-104.99, 39.74]);
  });
});

describe('filters on the client', () => {
  it('match the server’s defaults: open Issues, and Enhancements unless an Issue-only filter is set', () => {
    expect(pinMatchesFilter(issue(), EMPTY_MAP_FILTER)).toBe(true);
    expect(pinMatchesFilter(issue({ status: 'RESOLVED' }), EMPTY_MAP_FILTER)).toBe(false);
    expect(pinMatchesFilter(issue({ status: 'RESOLVED' }), { ...EMPTY_MAP_FILTER, statuses: ['RESOLVED'] })).toBe(true);
    const enhancement = issue({ kind: 'ENHANCEMENT', status: null, stage: 'QUALIFIED' });
    expect(pinMatchesFilter(enhancement, EMPTY_MAP_FILTER)).toBe(true);
    expect(pinMatchesFilter(enhancement, { ...EMPTY_MAP_FILTER, crewIds: [CREW_A] })).toBe(false);
    expect(pinMatchesFilter(issue(), { ...EMPTY_MAP_FILTER, crewIds: [CREW_B] })).toBe(false);
    expect(pinMatchesFilter(issue(), { ...EMPTY_MAP_FILTER, overdueOnly: true })).toBe(false);
    expect(pinMatchesFilter(issue(), { ...EMPTY_MAP_FILTER, kinds: ['ENHANCEMENT'] })).toBe(false);
  });
});

describe('live events on the pins', () => {
  it('moves a pin to its new crew and status, once, and ignores older versions', () => {
    const events = [
      issueEvent('ISSUE_ASSIGNED', { crewId: CREW_B, version: 4 }),
      issueEvent('ISSUE_STATUS_CHANGED', { status: 'IN_PROGRESS', crewId: CREW_B, version: 5 }),
      issueEvent('ISSUE_ASSIGNED', { crewId: CREW_A, version: 4 }), // replayed: older than what was applied
    ];
    const result = applyPinEvents(pinsOf(issue()), events, context());
    expect(result.changed).toBe(true);
    expect(result.refetch).toBe(false);
    expect(result.pins.get('i1')).toMatchObject({ crewId: CREW_B, status: 'IN_PROGRESS', version: 5 });
  });

  it('takes a pin off when it leaves the filter or is resolved', () => {
    const crewFilter = { ...EMPTY_MAP_FILTER, crewIds: [CREW_A] };
    const reassigned = applyPinEvents(pinsOf(issue()), [issueEvent('ISSUE_ASSIGNED', { crewId: CREW_B })], {
      ...context(),
      matches: (pin) => pinMatchesFilter(pin, crewFilter),
    });
    expect(reassigned.pins.has('i1')).toBe(false);
    const resolved = applyPinEvents(
      pinsOf(issue()),
      [issueEvent('ISSUE_STATUS_CHANGED', { status: 'RESOLVED' })],
      context(),
    );
    expect(resolved.pins.has('i1')).toBe(false);
  });

  it('marks a pin overdue from its due date, as of now', () => {
    const late = applyPinEvents(
      pinsOf(issue()),
      [issueEvent('ISSUE_MOVED', { dueAt: '2026-11-21T12:00:00Z' })],
      context(),
    );
    expect(late.pins.get('i1')?.overdue).toBe(true);
  });

  it('reloads for a new pin in view (its title is not in the event), not for one elsewhere', () => {
    const inView = applyPinEvents(pinsOf(), [issueEvent('ISSUE_CREATED', { version: 1 }, 'new')], context());
    expect(inView.refetch).toBe(true);
    const elsewhere = applyPinEvents(
      pinsOf(),
      [issueEvent('ISSUE_CREATED', { version: 1, location: { lng: -80, lat: 25 } }, 'new')],
      context(),
    );
    expect(elsewhere.refetch).toBe(false);
  });

  it('announces new URGENT Issues and reloads clusters instead of editing them', () => {
    const result = applyPinEvents(
      pinsOf(),
      [issueEvent('ISSUE_CREATED', { urgency: 'URGENT', version: 1 }, 'u1')],
      context({ clustered: true }),
    );
    expect(result.urgentCreated.map((e) => e.entityId)).toEqual(['u1']);
    expect(result.refetch).toBe(true);
    expect(result.changed).toBe(false);
  });

  it('ignores events it does not understand', () => {
    const odd = { ...issueEvent('ACCOUNT_HEALTH_CHANGED', {}), entityType: 'Account' };
    const broken = issueEvent('ISSUE_MOVED', { location: 'somewhere' });
    const result = applyPinEvents(pinsOf(issue()), [odd, broken], context());
    expect(result).toMatchObject({ changed: false, refetch: false });
  });
});

describe('optimistic assignment', () => {
  it('shows the crew and the status assignment leads to', () => {
    expect(optimisticAssignment(issue({ status: 'OPEN', crewId: null }), CREW_B)).toMatchObject({
      crewId: CREW_B,
      status: 'ASSIGNED',
    });
  });
});

describe('cluster rings', () => {
  it('split the turn by status in lifecycle order, Enhancements last, ending exactly at 1', () => {
    const segments = ringSegments(
      [
        { status: 'IN_PROGRESS', count: 1 },
        { status: 'OPEN', count: 2 },
      ],
      1,
    );
    expect(segments).toEqual([
      { status: 'OPEN', from: 0, to: 0.5 },
      { status: 'IN_PROGRESS', from: 0.5, to: 0.75 },
      { status: 'ENHANCEMENT', from: 0.75, to: 1 },
    ]);
    expect(ringSegments([], 0)).toEqual([]);
  });
});

describe('planClusterMarkers', () => {
  const cluster = (id: string, count: number, lng = -104.9) => ({
    id,
    count,
    enhancementCount: 0,
    urgentCount: 0,
    overdueCount: 0,
    location: { lng, lat: 39.7 },
    bounds: { west: -105, south: 39.6, east: -104.8, north: 39.8 },
    byStatus: [{ status: 'OPEN' as const, count }],
  });

  it('keeps the markers of cells that come back unchanged, even when their centre moved', () => {
    const current = new Map([
      ['a', clusterLook(cluster('a', 10))],
      ['b', clusterLook(cluster('b', 5))],
    ]);
    const plan = planClusterMarkers(current, [cluster('a', 10, -104.91), cluster('b', 5)]);
    expect(plan.remove).toEqual([]);
    expect(plan.create).toEqual([]);
    expect(plan.keep.map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('replaces a cell whose counts changed, adds new cells and removes the ones gone', () => {
    const current = new Map([
      ['a', clusterLook(cluster('a', 10))],
      ['b', clusterLook(cluster('b', 5))],
    ]);
    const plan = planClusterMarkers(current, [cluster('a', 11), cluster('c', 3)]);
    expect(plan.remove.sort()).toEqual(['a', 'b']);
    expect(plan.create.map((c) => c.id)).toEqual(['a', 'c']);
    expect(plan.keep).toEqual([]);
  });
});

describe('a dropped pin', () => {
  it('is assigned on a crew, moved on the map, and drawn pending at once', () => {
    const open = issue({ status: 'OPEN', crewId: null });
    const assigned = droppedPin(open, { crewId: CREW_B });
    expect(assigned).toMatchObject({ status: 'ASSIGNED', crewId: CREW_B });
    expect(pinFeature(assigned!, true).properties.icon).toMatch(/^issue:ASSIGNED.*:pending$/);
    expect(droppedPin(open, { location: { lng: 1, lat: 2 } })?.location).toEqual({ lng: 1, lat: 2 });
  });

  it('changes nothing when dropped on its own crew, or when it is not an Issue', () => {
    expect(droppedPin(issue({ status: 'ASSIGNED', crewId: CREW_B }), { crewId: CREW_B })).toBeNull();
    expect(droppedPin(undefined, { crewId: CREW_B })).toBeNull();
    expect(droppedPin({ ...issue({}), kind: 'ENHANCEMENT' }, { crewId: CREW_B })).toBeNull();
  });
});

describe('sameFeatures', () => {
  it('tells a list that draws the same from one with a pin changed, moved, added or reordered', () => {
    const a = issue({ id: 'a' });
    const b = issue({ id: 'b', urgency: 'URGENT' });
    const list = [pinFeature(a), pinFeature(b)];
    expect(sameFeatures(list, [pinFeature(a), pinFeature(b)])).toBe(true);
    expect(sameFeatures(list, [pinFeature(a), pinFeature(b, true)])).toBe(false);
    expect(sameFeatures(list, [pinFeature(a), pinFeature({ ...b, location: { lng: 0, lat: 0 } })])).toBe(false);
    expect(sameFeatures(list, [pinFeature(b), pinFeature(a)])).toBe(false);
    expect(sameFeatures(list, [pinFeature(a)])).toBe(false);
  });
});
