import { describe, expect, it } from 'vitest';
import {
  URGENT_DUE_HOURS,
  effectiveUrgency,
  isOverdue,
  issueDueAt,
  pickNextCrewVisit,
  routeIssue,
  type RouteIssueInput,
  type RoutingSchedule,
} from './routing.rules.js';

const TZ = 'America/Chicago'; // June 2025: CDT, UTC−5

const table = { IRRIGATION_LEAK: 'sl-irr', TURF_DAMAGE: 'sl-mnt', SAFETY: 'sl-mnt', PEST: 'sl-phc' };

// June 2025: Mon 9, Tue 10, Wed 11, Thu 12 … Thu 19.
const mowing: RoutingSchedule = {
  serviceLineId: 'sl-mnt',
  crewId: 'crew-mow',
  weekday: 2,
  cadence: 'WEEKLY',
  anchorDate: '2025-06-03',
}; // every Tuesday
const irrigationBiweekly: RoutingSchedule = {
  serviceLineId: 'sl-irr',
  crewId: 'crew-irr-b',
  weekday: 4,
  cadence: 'BIWEEKLY',
  anchorDate: '2025-06-05',
}; // Thu 5, 19 Jun, 3 Jul
const irrigationMonthly: RoutingSchedule = {
  serviceLineId: 'sl-irr',
  crewId: 'crew-irr-a',
  weekday: 3,
  cadence: 'MONTHLY',
  anchorDate: '2025-06-11',
}; // 2nd Wednesday: 11 Jun, 9 Jul

const mondayMorning = new Date('2025-06-09T15:00:00Z'); // Mon 10:00 CDT

function input(overrides: Partial<RouteIssueInput>): RouteIssueInput {
  return {
    category: 'IRRIGATION_LEAK',
    categoryServiceLine: table,
    schedules: [mowing, irrigationBiweekly, irrigationMonthly],
    createdAt: mondayMorning,
    urgency: 'ROUTINE',
    timeZone: TZ,
    ...overrides,
  };
}

describe('effectiveUrgency', () => {
  it('makes SAFETY urgent whatever was asked', () => {
    expect(effectiveUrgency('SAFETY', 'ROUTINE')).toBe('URGENT');
    expect(effectiveUrgency('SAFETY')).toBe('URGENT');
  });

  it('keeps the requested urgency for other categories, default ROUTINE', () => {
    expect(effectiveUrgency('WEEDS', 'URGENT')).toBe('URGENT');
    expect(effectiveUrgency('WEEDS', 'ROUTINE')).toBe('ROUTINE');
    expect(effectiveUrgency('WEEDS')).toBe('ROUTINE');
    expect(effectiveUrgency('WEEDS', null)).toBe('ROUTINE');
  });
});

describe('routeIssue — routed', () => {
  it('picks the crew of the mapped service line visiting soonest, due at the end of that visit day', () => {
    // Monthly crew comes Wed 11 Jun; biweekly crew not until Thu 19 Jun (12 Jun is its off week).
    expect(routeIssue(input({}))).toEqual({
      serviceLineId: 'sl-irr',
      crewId: 'crew-irr-a',
      status: 'ASSIGNED',
      urgency: 'ROUTINE',
      dueAt: new Date('2025-06-12T04:59:59.999Z'),
      nextVisitDate: '2025-06-11',
    });
  });

  it('switches crews when the other one is sooner', () => {
    // Created Thu 12 Jun: monthly crew next on 9 Jul, biweekly crew on 19 Jun.
    const route = routeIssue(input({ createdAt: new Date('2025-06-12T15:00:00Z') }));
    expect(route.crewId).toBe('crew-irr-b');
    expect(route.nextVisitDate).toBe('2025-06-19');
    expect(route.dueAt).toEqual(new Date('2025-06-20T04:59:59.999Z'));
  });

  it('ignores schedules of other service lines', () => {
    const route = routeIssue(input({ category: 'TURF_DAMAGE' }));
    expect(route.serviceLineId).toBe('sl-mnt');
    expect(route.crewId).toBe('crew-mow');
    expect(route.nextVisitDate).toBe('2025-06-10');
  });

  it('does not promise a visit on the creation day', () => {
    // Created Tue 10 Jun 08:00 CDT, a mowing day: due at next Tuesday's visit.
    const route = routeIssue(input({ category: 'TURF_DAMAGE', createdAt: new Date('2025-06-10T13:00:00Z') }));
    expect(route.nextVisitDate).toBe('2025-06-17');
    expect(route.dueAt).toEqual(new Date('2025-06-18T04:59:59.999Z'));
  });

  it('breaks a tie on the same visit day by crew id, whatever the row order', () => {
    const z: RoutingSchedule = { ...mowing, crewId: 'crew-z' };
    const a: RoutingSchedule = { ...mowing, crewId: 'crew-a' };
    expect(routeIssue(input({ category: 'TURF_DAMAGE', schedules: [z, a] })).crewId).toBe('crew-a');
    expect(routeIssue(input({ category: 'TURF_DAMAGE', schedules: [a, z] })).crewId).toBe('crew-a');
  });

  it('makes URGENT Issues due 24 h after creation but still routes them', () => {
    expect(routeIssue(input({ urgency: 'URGENT' }))).toEqual({
      serviceLineId: 'sl-irr',
      crewId: 'crew-irr-a',
      status: 'ASSIGNED',
      urgency: 'URGENT',
      dueAt: new Date('2025-06-10T15:00:00.000Z'),
      nextVisitDate: '2025-06-11',
    });
  });

  it('makes SAFETY urgent even when ROUTINE was asked', () => {
    const route = routeIssue(input({ category: 'SAFETY', urgency: 'ROUTINE' }));
    expect(route.urgency).toBe('URGENT');
    expect(route.crewId).toBe('crew-mow');
    expect(route.dueAt).toEqual(new Date('2025-06-10T15:00:00.000Z'));
  });

  it('defaults to ROUTINE when no urgency is given', () => {
    const { urgency: _ignored, ...withoutUrgency } = input({});
    expect(routeIssue(withoutUrgency).urgency).toBe('ROUTINE');
  });

  it('skips a malformed schedule instead of failing the capture', () => {
    const broken: RoutingSchedule = { ...irrigationMonthly, anchorDate: '2025-06-12' }; // a Thursday, not Wednesday
    const route = routeIssue(input({ schedules: [broken, irrigationBiweekly] }));
    expect(route.crewId).toBe('crew-irr-b');
    expect(route.nextVisitDate).toBe('2025-06-19');
  });
});

describe('routeIssue — unrouted', () => {
  it('stays OPEN with no service line when the category is not in the table', () => {
    expect(routeIssue(input({ category: 'WEEDS' }))).toEqual({
      serviceLineId: null,
      crewId: null,
      status: 'OPEN',
      urgency: 'ROUTINE',
      dueAt: null,
      nextVisitDate: null,
    });
  });

  it('keeps the service line but stays OPEN when no crew serves it here', () => {
    expect(routeIssue(input({ category: 'PEST' }))).toEqual({
      serviceLineId: 'sl-phc',
      crewId: null,
      status: 'OPEN',
      urgency: 'ROUTINE',
      dueAt: null,
      nextVisitDate: null,
    });
  });

  it('stays OPEN when every schedule for the line is malformed', () => {
    const broken: RoutingSchedule = { ...mowing, weekday: 9 };
    expect(routeIssue(input({ category: 'TURF_DAMAGE', schedules: [broken] })).status).toBe('OPEN');
  });

  it('still makes an unrouted URGENT Issue due in 24 h', () => {
    const route = routeIssue(input({ category: 'WEEDS', urgency: 'URGENT' }));
    expect(route.status).toBe('OPEN');
    expect(route.dueAt).toEqual(new Date('2025-06-10T15:00:00.000Z'));
  });

  it('does not treat inherited object keys as table entries', () => {
    const inherited = Object.create({ WEEDS: 'sl-mnt' }) as Record<string, string>;
    expect(routeIssue(input({ category: 'WEEDS', categoryServiceLine: inherited })).serviceLineId).toBeNull();
  });

  it('refuses an unknown time zone', () => {
    expect(() => routeIssue(input({ timeZone: 'Nowhere/Town' }))).toThrow(/^timeZone: /);
  });
});

describe('issueDueAt', () => {
  it('is exactly 24 elapsed hours for URGENT, across a DST change', () => {
    // Sat 8 Mar 2025 12:00 CST → 24 h later is Sun 9 Mar 13:00 CDT.
    expect(URGENT_DUE_HOURS).toBe(24);
    expect(
      issueDueAt({ urgency: 'URGENT', createdAt: new Date('2025-03-08T18:00:00Z'), nextVisitDate: null, timeZone: TZ }),
    ).toEqual(new Date('2025-03-09T18:00:00Z'));
  });

  it('is the end of the visit day for ROUTINE, null without a visit', () => {
    expect(
      issueDueAt({ urgency: 'ROUTINE', createdAt: mondayMorning, nextVisitDate: '2025-06-10', timeZone: TZ }),
    ).toEqual(new Date('2025-06-11T04:59:59.999Z'));
    expect(issueDueAt({ urgency: 'ROUTINE', createdAt: mondayMorning, nextVisitDate: null, timeZone: TZ })).toBeNull();
  });
});

describe('pickNextCrewVisit', () => {
  it('returns null for no schedules', () => {
    expect(pickNextCrewVisit([], mondayMorning, TZ)).toBeNull();
  });

  it('returns the soonest crew with its service line and date', () => {
    expect(pickNextCrewVisit([irrigationBiweekly, mowing], mondayMorning, TZ)).toEqual({
      crewId: 'crew-mow',
      serviceLineId: 'sl-mnt',
      nextVisitDate: '2025-06-10',
    });
  });
});

describe('isOverdue', () => {
  const dueAt = new Date('2025-06-12T04:59:59.999Z');
  const justAfter = new Date('2025-06-12T05:00:00.000Z');

  it('is overdue one millisecond after the due time while still open', () => {
    expect(isOverdue({ status: 'ASSIGNED', dueAt }, justAfter)).toBe(true);
    expect(isOverdue({ status: 'OPEN', dueAt }, justAfter)).toBe(true);
    expect(isOverdue({ status: 'IN_PROGRESS', dueAt }, justAfter)).toBe(true);
  });

  it('is not overdue at or before the due time', () => {
    expect(isOverdue({ status: 'ASSIGNED', dueAt }, dueAt)).toBe(false);
    expect(isOverdue({ status: 'ASSIGNED', dueAt }, new Date('2025-06-11T12:00:00Z'))).toBe(false);
  });

  it('is never overdue once resolved or verified', () => {
    expect(isOverdue({ status: 'RESOLVED', dueAt }, justAfter)).toBe(false);
    expect(isOverdue({ status: 'VERIFIED', dueAt }, justAfter)).toBe(false);
  });

  it('is never overdue without a due date', () => {
    expect(isOverdue({ status: 'OPEN', dueAt: null }, justAfter)).toBe(false);
    expect(isOverdue({ status: 'OPEN', dueAt: undefined }, justAfter)).toBe(false);
  });

  it('accepts an ISO string due date (as it arrives over GraphQL)', () => {
    expect(isOverdue({ status: 'ASSIGNED', dueAt: '2025-06-12T04:59:59.999Z' }, justAfter)).toBe(true);
    expect(isOverdue({ status: 'ASSIGNED', dueAt: 'not a date' }, justAfter)).toBe(false);
  });
});
