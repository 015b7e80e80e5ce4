// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { describeRenewal, describeTier, isSiteWalkLate, plural } from './account.format';

const now = new Date(2026, 2, 10, 12, 0);

describe('describeRenewal', () => {
  it('is quiet when the renewal is more than 180 days out', () => {
    expect(describeRenewal('2026-12-01', now)).toEqual({ days: 266, label: 'in 266 days', tone: 'gray' });
  });

  it('warns inside the 180-day renewal-risk window and alarms inside 30 days', () => {
    expect(describeRenewal('2026-06-01', now).tone).toBe('orange');
    expect(describeRenewal('2026-03-25', now)).toMatchObject({ days: 15, tone: 'red' });
  });

  it('says when a renewal date has passed', () => {
    expect(describeRenewal('2026-03-01', now)).toEqual({ days: -9, label: 'lapsed 9 days ago', tone: 'red' });
  });
});

describe('tiers', () => {
  it('names the site-walk cadence', () => {
    expect(describeTier('A')).toBe('Tier A — weekly site walks');
    expect(describeTier('B')).toBe('Tier B — every 2 weeks site walks');
  });

  it("flags accounts walked less often than their tier's cadence, or never", () => {
    expect(isSiteWalkLate('A', new Date(2026, 2, 5).toISOString(), now)).toBe(false);
    expect(isSiteWalkLate('A', new Date(2026, 1, 28).toISOString(), now)).toBe(true);
    expect(isSiteWalkLate('C', new Date(2026, 1, 28).toISOString(), now)).toBe(false);
    expect(isSiteWalkLate('C', null, now)).toBe(true);
  });
});

describe('plural', () => {
  it('uses the singular for exactly one', () => {
    expect(plural(1, 'issue')).toBe('1 issue');
    expect(plural(0, 'issue')).toBe('0 issues');
    expect(plural(3, 'enhancement')).toBe('3 enhancements');
  });
});
