import { describe, expect, it } from 'vitest';
import { siteWalkDue, siteWalkSummary } from './site-walk.rules.js';

const TZ = 'America/Denver';

describe('siteWalkDue', () => {
  // 23:30 in Denver on 8 Dec (06:30 UTC on the 9th): the company's today is the 8th.
  const now = new Date('2026-12-09T06:30:00Z');

  it('is due the tier interval after the last walk, counted in company days', () => {
    // Walked 1 Dec at 17:00 Denver: tier A (7 days) is due 8 Dec, today: 0 days left, not late.
    expect(siteWalkDue('A', new Date('2026-12-02T00:00:00Z'), now, TZ)).toEqual({
      dueDate: '2026-12-08',
      daysLeft: 0,
      late: false,
    });
    expect(siteWalkDue('B', '2026-12-02T00:00:00Z', now, TZ)).toEqual({
      dueDate: '2026-12-15',
      daysLeft: 7,
      late: false,
    });
  });

  it('is late the day after it was due, and at once when never walked', () => {
    expect(siteWalkDue('A', new Date('2026-11-30T20:00:00Z'), now, TZ)).toEqual({
      dueDate: '2026-12-07',
      daysLeft: -1,
      late: true,
    });
    expect(siteWalkDue('C', null, now, TZ)).toEqual({ dueDate: '2026-12-08', daysLeft: 0, late: true });
  });
});

describe('siteWalkSummary', () => {
  it('names every count, crews and urgent ones only when there are some', () => {
    expect(siteWalkSummary({ issues: 7, urgentIssues: 1, enhancements: 2, crews: 3 })).toBe(
      '7 Issues, 2 Enhancements, routed to 3 crews, 1 urgent',
    );
    expect(siteWalkSummary({ issues: 1, urgentIssues: 0, enhancements: 1, crews: 1 })).toBe(
      '1 Issue, 1 Enhancement, routed to 1 crew',
    );
    expect(siteWalkSummary({ issues: 0, urgentIssues: 0, enhancements: 0, crews: 0 })).toBe('0 Issues, 0 Enhancements');
  });
});
