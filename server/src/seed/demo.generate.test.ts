import { beforeAll, describe, expect, it } from 'vitest';
import {
  ENHANCEMENT_STAGES,
  OPEN_ISSUE_STATUSES,
  ROLES,
  SITE_WALK_TIER_INTERVAL_DAYS,
  isoWeekdayOf,
  localDateOf,
  routeIssue,
  haversineMeters,
  type IssueStatus,
} from '@groundwork/shared';
import { generateDemo, METRO_BOUNDS, type DemoData } from './demo.generate.js';
import { isSimpleRing, pointInMultiPolygon } from './geo.js';

const timeZone = 'America/Denver';
const NOW = new Date('2026-11-22T19:00:00Z');
const DAY = 86_400_000;
const isOpen = (s: IssueStatus) => (OPEN_ISSUE_STATUSES as readonly string[]).includes(s);

let data: DemoData;
beforeAll(() => {
  data = generateDemo({ now: NOW, timeZone });
});

describe('demo company generator', () => {
  it('is deterministic for a day, whatever the time of day', () => {
    const again = generateDemo({ now: new Date('2026-11-22T08:00:00Z'), timeZone });
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
  });

  it('keeps the company (names, values) and moves the history with the day', () => {
    const later = generateDemo({ now: new Date('2027-03-01T19:00:00Z'), timeZone });
    expect(later.accounts.map((a) => [a.name, a.annualValue, a.tier])).toEqual(
      data.accounts.map((a) => [a.name, a.annualValue, a.tier]),
    );
    expect(later.issues.at(-1)!.createdAt.getTime()).toBeGreaterThan(data.issues.at(-1)!.createdAt.getTime());
  });

  it('has the expected size', () => {
    expect(data.accounts).toHaveLength(60);
    expect(data.properties.length).toBeGreaterThanOrEqual(130);
    expect(data.properties.length).toBeLessThanOrEqual(170);
    expect(data.issues.length).toBeGreaterThan(3000);
    expect(data.issues.length).toBeLessThan(9000);
    expect(data.crews).toHaveLength(12);
    expect(data.serviceLines).toHaveLength(6);
    expect(data.categoryRoutes).toHaveLength(14);
    for (const role of ROLES) expect(data.users.some((u) => u.role === role)).toBe(true);
    expect(new Set(data.accounts.map((a) => a.name)).size).toBe(60);
    expect(new Set(data.crews.map((c) => c.color.toLowerCase())).size).toBe(12);
    const crewsByLine = (code: string) =>
      data.crews.filter((c) => c.serviceLineId === data.serviceLines.find((s) => s.code === code)!.id).length;
    expect(crewsByLine('MAINTENANCE')).toBeGreaterThan(crewsByLine('SNOW'));
    for (const crew of data.crews) {
      const lead = data.users.find((u) => u.id === crew.leadId)!;
      expect(lead.role).toBe('CREW_LEAD');
      expect(lead.crewId).toBe(crew.id);
    }
  });

  it('has a skewed revenue spread: about 20 % of accounts make 80 % of revenue', () => {
    const values = data.accounts.map((a) => a.annualValue).sort((a, b) => b - a);
    const total = values.reduce((s, v) => s + v, 0);
    let sum = 0;
    let keyAccounts = 0;
    while (sum < 0.8 * total) sum += values[keyAccounts++]!;
    expect(keyAccounts).toBeGreaterThanOrEqual(9);
    expect(keyAccounts).toBeLessThanOrEqual(15);
    expect(values[0]).toBeGreaterThanOrEqual(300_000);
    expect(values[0]).toBeLessThanOrEqual(950_000);
    expect(values.at(-1)).toBeGreaterThanOrEqual(15_000);
    const mean = (tier: string) => {
      const v = data.accounts.filter((a) => a.tier === tier).map((a) => a.annualValue);
      return v.reduce((s, x) => s + x, 0) / v.length;
    };
    expect(mean('A')).toBeGreaterThan(mean('B'));
    expect(mean('B')).toBeGreaterThan(mean('C'));
  });

  it('gives accounts sane contracts and contacts', () => {
    const today = localDateOf(NOW, timeZone);
    for (const a of data.accounts) {
      expect(a.renewalDate > a.contractStart).toBe(true);
      expect(a.renewalDate > today).toBe(true);
      expect(new Date(a.renewalDate).getTime() - NOW.getTime()).toBeLessThan(550 * DAY);
      expect(NOW.getTime() - new Date(a.contractStart).getTime()).toBeGreaterThan(330 * DAY);
      expect(NOW.getTime() - new Date(a.contractStart).getTime()).toBeLessThan(7 * 366 * DAY);
      const contacts = data.contacts.filter((c) => c.accountId === a.id);
      expect(contacts.length).toBeGreaterThanOrEqual(1);
      expect(contacts.length).toBeLessThanOrEqual(3);
      expect(contacts.filter((c) => c.isPrimary)).toHaveLength(1);
    }
    const within180 = data.accounts.filter((a) => new Date(a.renewalDate).getTime() - NOW.getTime() < 180 * DAY);
    expect(within180.length).toBeGreaterThanOrEqual(8);
  });

  it('draws valid, non-overlapping site boundaries inside the Denver metro', () => {
    for (const p of data.properties) {
      for (const poly of p.boundary.coordinates) {
        expect(isSimpleRing(poly[0]!)).toBe(true);
        for (const [lng, lat] of poly[0]!) {
          expect(lng).toBeGreaterThanOrEqual(METRO_BOUNDS.west);
          expect(lng).toBeLessThanOrEqual(METRO_BOUNDS.east);
          expect(lat).toBeGreaterThanOrEqual(METRO_BOUNDS.south);
          expect(lat).toBeLessThanOrEqual(METRO_BOUNDS.north);
        }
      }
      expect(p.address).toMatch(/^\d+ .+, [A-Za-z .]+, CO 80\d{3}$/);
    }
    expect(data.properties.some((p) => p.boundary.coordinates.length === 2)).toBe(true);
  });

  it('puts every issue and enhancement inside its property', () => {
    const byId = new Map(data.properties.map((p) => [p.id, p]));
    for (const i of data.issues) expect(pointInMultiPolygon(i.location, byId.get(i.propertyId)!.boundary)).toBe(true);
    for (const e of data.enhancements)
      expect(pointInMultiPolygon(e.location, byId.get(e.propertyId)!.boundary)).toBe(true);
  });

  it('anchors every schedule on its weekday', () => {
    for (const s of data.schedules) expect(isoWeekdayOf(s.anchorDate)).toBe(s.weekday);
    const maintained = new Set(
      data.schedules
        .filter((s) => s.serviceLineId === data.serviceLines.find((l) => l.code === 'MAINTENANCE')!.id)
        .map((s) => s.propertyId),
    );
    expect(maintained.size).toBe(data.properties.length);
  });

  it('keeps issues consistent with the lifecycle, the routing rules and their timestamps', () => {
    const routes = Object.fromEntries(data.categoryRoutes.map((r) => [r.category, r.serviceLineId]));
    const schedulesByProperty = new Map<string, typeof data.schedules>();
    for (const s of data.schedules)
      schedulesByProperty.set(s.propertyId, [...(schedulesByProperty.get(s.propertyId) ?? []), s]);
    const cutoff = new Date('2026-11-22T07:00:00Z'); // local midnight in Denver
    for (const i of data.issues) {
      if (i.status !== 'OPEN') expect(i.crewId).not.toBeNull();
      if (i.category === 'SAFETY') expect(i.urgency).toBe('URGENT');
      if (i.urgency === 'URGENT') expect(i.dueAt!.getTime() - i.createdAt.getTime()).toBe(DAY);
      expect(i.createdAt.getTime()).toBeLessThan(cutoff.getTime());
      expect(i.updatedAt.getTime()).toBeLessThan(cutoff.getTime());
      expect(i.updatedAt.getTime()).toBeGreaterThanOrEqual(i.createdAt.getTime());
      if (i.resolvedAt) expect(i.resolvedAt.getTime()).toBeGreaterThan(i.createdAt.getTime());
      if (i.verifiedAt) expect(i.verifiedAt.getTime()).toBeGreaterThan(i.resolvedAt!.getTime());
      expect(i.status === 'VERIFIED').toBe(i.verifiedAt !== null);
      expect(['RESOLVED', 'VERIFIED'].includes(i.status)).toBe(i.resolvedAt !== null);
      if (i.source === 'SITE_WALK') expect(i.siteWalkId).not.toBeNull();
      else expect(i.siteWalkId).toBeNull();
    }
    // Due dates and routing are what the product computes.
    for (const i of data.issues.filter((_, k) => k % 7 === 0)) {
      const route = routeIssue({
        category: i.category,
        categoryServiceLine: routes,
        schedules: (schedulesByProperty.get(i.propertyId) ?? []).map((s) => ({ ...s })),
        createdAt: i.createdAt,
        urgency: i.urgency,
        timeZone,
      });
      expect(i.dueAt).toEqual(route.dueAt);
      expect(i.serviceLineId).toBe(route.serviceLineId);
      if (route.crewId) expect(i.crewId).toBe(route.crewId);
    }
    const activities = new Map<string, typeof data.issueActivities>();
    for (const a of data.issueActivities) activities.set(a.issueId, [...(activities.get(a.issueId) ?? []), a]);
    for (const i of data.issues) {
      const trail = activities.get(i.id)!;
      expect(trail[0]!.kind).toBe('CREATED');
      expect(trail.at(-1)!.toStatus).toBe(i.status);
      expect(trail).toHaveLength(i.version);
      expect(trail.filter((a) => a.fromStatus === 'RESOLVED' && a.toStatus === 'ASSIGNED')).toHaveLength(i.reopenCount);
      for (let k = 1; k < trail.length; k++) {
        expect(trail[k]!.at.getTime()).toBeGreaterThan(trail[k - 1]!.at.getTime());
        expect(trail[k]!.fromStatus).toBe(trail[k - 1]!.toStatus);
      }
    }
  });

  it('has about 300 open issues: unrouted, assigned, in progress, some overdue and urgent', () => {
    const open = data.issues.filter((i) => isOpen(i.status));
    expect(open.length).toBeGreaterThanOrEqual(200);
    expect(open.length).toBeLessThanOrEqual(400);
    for (const status of OPEN_ISSUE_STATUSES)
      expect(open.filter((i) => i.status === status).length).toBeGreaterThan(10);
    expect(open.filter((i) => i.dueAt && i.dueAt < NOW).length).toBeGreaterThan(30);
    expect(open.filter((i) => i.urgency === 'URGENT').length).toBeGreaterThan(5);
    expect(data.issues.filter((i) => i.reopenCount > 0).length).toBeGreaterThan(50);
    expect(new Set(data.issues.map((i) => i.source)).size).toBe(3);
  });

  it('has repeat spots: the same category within 25 m on one property within 90 days', () => {
    const byProperty = new Map<string, typeof data.issues>();
    for (const i of data.issues) byProperty.set(i.propertyId, [...(byProperty.get(i.propertyId) ?? []), i]);
    let repeats = 0;
    for (const list of byProperty.values()) {
      for (let a = 0; a < list.length; a++) {
        for (let b = a + 1; b < list.length; b++) {
          const [x, y] = [list[a]!, list[b]!];
          if (x.category !== y.category || Math.abs(x.createdAt.getTime() - y.createdAt.getTime()) > 90 * DAY) continue;
          const d = haversineMeters(
            { lng: x.location[0], lat: x.location[1] },
            { lng: y.location[0], lat: y.location[1] },
          );
          if (d <= 25) repeats++;
        }
      }
    }
    expect(repeats).toBeGreaterThan(40);
  });

  it('walks each account on its tier cadence, with pulses 1–5', () => {
    for (const w of data.siteWalks) {
      expect(w.completedAt!.getTime()).toBeGreaterThan(w.startedAt.getTime());
      if (w.relationshipPulse !== null) expect([1, 2, 3, 4, 5]).toContain(w.relationshipPulse);
    }
    const healthyTierA = data.accounts.filter((a) => a.name === 'Orchard Station Corporate Campus')[0]!;
    const walks = data.siteWalks.filter(
      (w) => w.accountId === healthyTierA.id && w.startedAt.getTime() > NOW.getTime() - 90 * DAY,
    );
    expect(walks.length).toBeGreaterThanOrEqual(Math.floor((90 / SITE_WALK_TIER_INTERVAL_DAYS.A) * 0.75));
  });

  it('makes the drifting accounts visibly drift', () => {
    expect(data.driftingAccounts).toEqual(
      expect.arrayContaining([
        'Front Range Regional Medical Center',
        'Church Ranch Corporate Center',
        'Willow Creek Master HOA',
      ]),
    );
    for (const name of data.driftingAccounts) {
      const account = data.accounts.find((a) => a.name === name)!;
      const walks = data.siteWalks.filter((w) => w.accountId === account.id);
      const last = walks.at(-1)!;
      expect(NOW.getTime() - last.startedAt.getTime()).toBeGreaterThan(38 * DAY);
      const lastPulse = walks.filter((w) => w.relationshipPulse !== null).at(-1)!.relationshipPulse!;
      expect(lastPulse).toBeLessThanOrEqual(3);
      const recent = data.issues.filter(
        (i) => i.accountId === account.id && i.createdAt.getTime() > NOW.getTime() - 90 * DAY,
      );
      expect(recent.filter((i) => i.source === 'CUSTOMER').length / recent.length).toBeGreaterThan(0.3);
    }
    const frrmc = data.accounts.find((a) => a.name === 'Front Range Regional Medical Center')!;
    const urgentOld = data.issues.filter(
      (i) =>
        i.accountId === frrmc.id &&
        isOpen(i.status) &&
        i.urgency === 'URGENT' &&
        NOW.getTime() - i.createdAt.getTime() > 2 * DAY,
    );
    expect(urgentOld.length).toBeGreaterThan(0);
    expect(new Date(frrmc.renewalDate).getTime() - NOW.getTime()).toBeLessThan(180 * DAY);
  });

  it('has enhancements in every stage that passed the qualification gate', () => {
    for (const stage of ENHANCEMENT_STAGES) expect(data.enhancements.some((e) => e.stage === stage)).toBe(true);
    for (const e of data.enhancements) {
      if (e.stage !== 'IDENTIFIED' && e.stage !== 'DECLINED')
        expect(e.customerInterest && e.budgetConfirmed).toBe(true);
      expect(e.approvedAt !== null).toBe(['APPROVED', 'SCHEDULED', 'COMPLETED'].includes(e.stage));
      if (['PROPOSED', 'APPROVED', 'SCHEDULED', 'COMPLETED'].includes(e.stage))
        expect(e.proposalValue).toBeGreaterThan(0);
      // A declined one says why, as the pipeline requires; no other has a reason.
      expect(e.declineReason !== null).toBe(e.stage === 'DECLINED');
    }
  });

  it('has account plans for this year and last, with reviews, and some accounts behind on them', () => {
    expect(data.accountPlans).toHaveLength(120);
    for (const p of data.accountPlans) {
      expect(p.goals.length).toBeGreaterThanOrEqual(2);
      expect(p.goals.length).toBeLessThanOrEqual(4);
      expect(p.opportunities.length).toBeGreaterThanOrEqual(2);
      expect(p.opportunities.length).toBeLessThanOrEqual(3);
    }
    const planAccount = new Map(data.accountPlans.map((p) => [p.id, p.accountId]));
    const lastMonthly = new Map<string, string>();
    for (const r of data.planReviews) {
      if (r.kind !== 'MONTHLY_REVIEW') continue;
      const account = planAccount.get(r.planId)!;
      if ((lastMonthly.get(account) ?? '') < r.date) lastMonthly.set(account, r.date);
    }
    const overdue = data.accounts.filter((a) => (lastMonthly.get(a.id) ?? '') < '2026-10-18');
    expect(overdue.length).toBeGreaterThanOrEqual(4);
    expect(overdue.length).toBeLessThan(30);
  });
});
