// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { describeRenewal, describeTier, isSiteWalkLate, plural } from './account.format';

const DENVER = 'America/Denver';
const now = new Date('2026-03-10T18:00:00Z'); // 12:00 MDT on 10 March 2026

describe('describeRenewal', () => {
  it('is quiet when the renewal is more than 180 days out', () => {
    expect(describeRenewal('2026-12-01', now, DENVER)).toEqual({ days: 266, label: 'in 266 days', tone: 'gray' });
  });

  it('warns inside the 180-day renewal-risk window and alarms inside 30 days', () => {
    expect(describeRenewal('2026-06-01', now, DENVER).tone).toBe('orange');
    expect(describeRenewal('2026-03-25', now, DENVER)).toMatchObject({ days: 15, tone: 'red' });
  });

  it("counts from the company's day, not the UTC day (23:30 in Denver is already tomorrow in UTC)", () => {
    const lateEvening = new Date('2026-12-08T06:30:00Z'); // 23:30 MST on 7 December
    expect(describeRenewal('2027-03-17', lateEvening, DENVER)).toMatchObject({ days: 100, label: 'in 100 days' });
    expect(describeRenewal('2027-03-17', lateEvening, 'UTC')).toMatchObject({ days: 99 });
  });

  it('says when a renewal date has passed', () => {
    expect(describeRenewal('2026-03-01', now, DENVER)).toEqual({ days: -9, label: 'lapsed 9 days ago', tone: 'red' });
  });
});

describe('tiers', () => {
  it('names the site-walk cadence', () => {
    expect(describeTier('A')).toBe('Tier A — weekly site walks');
    expect(describeTier('B')).toBe('Tier B — every 2 weeks site walks');
  });

  it("flags accounts walked less often than their tier's cadence, or never", () => {
    expect(isSiteWalkLate('A', '2026-03-05T17:00:00Z', now, DENVER)).toBe(false);
    expect(isSiteWalkLate('A', '2026-02-28T17:00:00Z', now, DENVER)).toBe(true);
    expect(isSiteWalkLate('C', '2026-02-28T17:00:00Z', now, DENVER)).toBe(false);
    expect(isSiteWalkLate('C', null, now, DENVER)).toBe(true);
  });
});

describe('plural', () => {
  it('uses the singular for exactly one', () => {
    expect(plural(1, 'issue')).toBe('1 issue');
    expect(plural(0, 'issue')).toBe('0 issues');
    expect(plural(3, 'enhancement')).toBe('3 enhancements');
  });
});
