// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { describeRenewal, describeTier, isSiteWalkLate } from './account.format';

const DENVER = 'America/Denver';
const now = new Date('2026-03-10T18:00:00Z'); // 12:00 MDT on 10 March 2026

describe('describeRenewal', () => {
  const thresholds = { renewalHorizonDays: 180, renewalShortHorizonDays: 90 };

  it("is quiet beyond the server's renewal horizon", () => {
    expect(describeRenewal(181, thresholds)).toEqual({ days: 181, label: 'in 181 days', tone: 'gray' });
  });

  it('warns inside the horizon and alarms inside the shorter one', () => {
    expect(describeRenewal(180, thresholds).tone).toBe('orange');
    expect(describeRenewal(91, thresholds).tone).toBe('orange');
    expect(describeRenewal(90, thresholds)).toEqual({ days: 90, label: 'in 90 days', tone: 'red' });
  });

  it('follows the thresholds it is given (the server configuration), not numbers of its own', () => {
    expect(describeRenewal(100, { renewalHorizonDays: 60, renewalShortHorizonDays: 20 }).tone).toBe('gray');
    expect(describeRenewal(50, { renewalHorizonDays: 60, renewalShortHorizonDays: 20 }).tone).toBe('orange');
  });

  it('says when a renewal date has passed', () => {
    expect(describeRenewal(-9, thresholds)).toEqual({ days: -9, label: 'lapsed 9 days ago', tone: 'red' });
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
