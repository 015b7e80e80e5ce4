// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { planEvents, type CacheProbe, type LiveEvent } from './event.plan';

let seq = 100;
function issueEvent(
  type: string,
  payload: Record<string, unknown> = {},
  overrides: Partial<LiveEvent> = {},
): LiveEvent {
  seq += 1;
  return {
    cursor: String(seq),
    type,
    entityType: 'Issue',
    entityId: 'i1',
    accountId: 'a1',
    propertyId: 'p1',
    at: '2026-03-10T14:00:00.000Z',
    payload: {
      status: 'ASSIGNED',
      crewId: 'c1',
      urgency: 'ROUTINE',
      category: 'IRRIGATION_LEAK',
      location: { lng: -104.95, lat: 39.72 },
      dueAt: '2026-03-12T15:00:00.000Z',
      version: 2,
      ...payload,
    },
    ...overrides,
  };
}

function enhancementEvent(type: string, payload: Record<string, unknown> = {}): LiveEvent {
  return {
    ...issueEvent(type),
    entityType: 'Enhancement',
    entityId: 'e1',
    payload: { stage: 'QUALIFIED', location: { lng: -104.95, lat: 39.72 }, version: 3, ...payload },
  };
}

/** A cache holding the given versions (null: cached without one) and crews. */
function cacheWith(versions: Record<string, number | null>, crews: string[] = ['c1', 'c2']): CacheProbe {
  return {
    version: (typename, id) => versions[`${typename}:${id}`],
    hasCrew: (id) => crews.includes(id),
  };
}

const everyEvent = () => true;
const noEvent = () => false;

describe('planEvents', () => {
  it('writes a status change into a cached Issue without reloading the view', () => {
    const plan = planEvents(
      [issueEvent('ISSUE_STATUS_CHANGED', { status: 'IN_PROGRESS', version: 2 })],
      cacheWith({ 'Issue:i1': 1 }),
      everyEvent,
    );
    expect(plan.refetch).toBe(false);
    expect(plan.writes).toEqual([
      {
        typename: 'Issue',
        id: 'i1',
        version: 2,
        status: 'IN_PROGRESS',
        urgency: 'ROUTINE',
        category: 'IRRIGATION_LEAK',
        dueAt: '2026-03-12T15:00:00.000Z',
        location: { lng: -104.95, lat: 39.72 },
        crewId: 'c1',
      },
    ]);
  });

  it('keeps one write per entity, the newest, and skips versions the cache already has', () => {
    const plan = planEvents(
      [
        issueEvent('ISSUE_MOVED', { version: 2 }),
        issueEvent('ISSUE_STATUS_CHANGED', { status: 'IN_PROGRESS', version: 3 }),
        // A replay of something older than the newest (e.g. after resubscribing) changes nothing.
        issueEvent('ISSUE_MOVED', { version: 3, location: { lng: 0, lat: 0 } }),
      ],
      cacheWith({ 'Issue:i1': 1 }),
      everyEvent,
    );
    expect(plan.writes).toHaveLength(1);
    expect(plan.writes[0]).toMatchObject({ version: 3, status: 'IN_PROGRESS', location: { lng: -104.95, lat: 39.72 } });
  });

  it('writes nothing for data already read after the event', () => {
    const plan = planEvents([issueEvent('ISSUE_MOVED', { version: 2 })], cacheWith({ 'Issue:i1': 2 }), everyEvent);
    expect(plan.writes).toEqual([]);
  });

  it('writes nothing for an Issue no page holds', () => {
    const plan = planEvents([issueEvent('ISSUE_MOVED')], cacheWith({}), everyEvent);
    expect(plan).toEqual({ writes: [], refetch: false });
  });

  it('writes an Issue cached without a version in commit order', () => {
    const plan = planEvents([issueEvent('ISSUE_MOVED', { version: 7 })], cacheWith({ 'Issue:i1': null }), everyEvent);
    expect(plan.writes).toHaveLength(1);
  });

  it('reloads the view for a new Issue, a reopened one and one leaving the open list', () => {
    for (const event of [
      issueEvent('ISSUE_CREATED', { status: 'OPEN', crewId: null, version: 1 }),
      issueEvent('ISSUE_REOPENED', { status: 'ASSIGNED' }),
      issueEvent('ISSUE_STATUS_CHANGED', { status: 'RESOLVED' }),
    ]) {
      expect(planEvents([event], cacheWith({}), everyEvent).refetch, event.type).toBe(true);
    }
  });

  it('points an assigned Issue at its new crew and reloads for the due date and counts', () => {
    const plan = planEvents(
      [issueEvent('ISSUE_ASSIGNED', { crewId: 'c2', previousCrewId: 'c1', version: 2 })],
      cacheWith({ 'Issue:i1': 1 }),
      everyEvent,
    );
    expect(plan.writes[0]).toMatchObject({ crewId: 'c2' });
    expect(plan.refetch).toBe(true);
  });

  it('leaves the crew to the reload when the cache does not know it', () => {
    const plan = planEvents(
      [issueEvent('ISSUE_ASSIGNED', { crewId: 'c9', version: 2 })],
      cacheWith({ 'Issue:i1': 1 }, ['c1']),
      everyEvent,
    );
    expect(plan.writes[0]).not.toHaveProperty('crewId');
    expect(plan.writes[0]).toMatchObject({ status: 'ASSIGNED', version: 2 });
    expect(plan.refetch).toBe(true);
  });

  it('clears the crew when an Issue is unassigned', () => {
    const plan = planEvents(
      [issueEvent('ISSUE_STATUS_CHANGED', { status: 'OPEN', crewId: null })],
      cacheWith({ 'Issue:i1': 1 }),
      everyEvent,
    );
    expect(plan.writes[0]).toMatchObject({ crewId: null });
  });

  it('reloads only views the event touches', () => {
    const created = issueEvent('ISSUE_CREATED', { status: 'OPEN', version: 1 });
    expect(planEvents([created], cacheWith({}), noEvent).refetch).toBe(false);
    expect(planEvents([created], cacheWith({}), (event) => event.accountId === 'a1').refetch).toBe(true);
  });

  it('writes an Enhancement stage, and reloads when it leaves the pipeline', () => {
    const cache = cacheWith({ 'Enhancement:e1': 2 });
    const advanced = planEvents([enhancementEvent('ENHANCEMENT_ADVANCED', { stage: 'ESTIMATING' })], cache, everyEvent);
    expect(advanced).toEqual({
      writes: [
        { typename: 'Enhancement', id: 'e1', version: 3, stage: 'ESTIMATING', location: { lng: -104.95, lat: 39.72 } },
      ],
      refetch: false,
    });
    const declined = planEvents([enhancementEvent('ENHANCEMENT_ADVANCED', { stage: 'DECLINED' })], cache, everyEvent);
    expect(declined.refetch).toBe(true);
    expect(planEvents([enhancementEvent('ENHANCEMENT_CREATED')], cache, everyEvent).refetch).toBe(true);
  });

  it('reloads for site walks (last walk, walk list)', () => {
    const walk: LiveEvent = {
      ...issueEvent('SITE_WALK_COMPLETED'),
      entityType: 'SiteWalk',
      entityId: 'w1',
      payload: {},
    };
    expect(planEvents([walk], cacheWith({}), everyEvent)).toEqual({ writes: [], refetch: true });
  });

  it('reloads the views an account health change touches, and writes nothing from it', () => {
    const health: LiveEvent = {
      ...issueEvent('ACCOUNT_HEALTH_CHANGED'),
      entityType: 'Account',
      entityId: 'a1',
      payload: { score: 41, band: 'AT_RISK', previousScore: 90, previousBand: 'HEALTHY' },
    };
    expect(planEvents([health], cacheWith({ 'Issue:i1': 1 }), everyEvent)).toEqual({ writes: [], refetch: true });
    expect(planEvents([health], cacheWith({}), (event) => event.accountId === 'a2').refetch).toBe(false);
  });

  it('ignores event types it does not know', () => {
    const later: LiveEvent = {
      ...issueEvent('ACCOUNT_MERGED'),
      entityType: 'Account',
      entityId: 'a1',
      payload: {},
    };
    expect(planEvents([later], cacheWith({ 'Issue:i1': 1 }), everyEvent)).toEqual({ writes: [], refetch: false });
  });

  it('reloads rather than writes when a payload is not what it expects', () => {
    const odd = issueEvent('ISSUE_STATUS_CHANGED', { status: 'PARKED' });
    expect(planEvents([odd], cacheWith({ 'Issue:i1': 1 }), everyEvent)).toEqual({ writes: [], refetch: true });
  });
});
