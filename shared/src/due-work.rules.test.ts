import { describe, expect, it } from 'vitest';
import { accountDueItems, compareDueItems, type AccountDueFacts } from './due-work.rules.js';

const ZONE = 'America/Denver';
// Wednesday 10 June 2026, 2 pm in Denver.
const NOW = new Date('2026-06-10T20:00:00Z');
const TODAY = '2026-06-10';
const THRESHOLDS = { monthlyReviewMaxDays: 35, quarterlyUpdateMaxDays: 100 };

const facts = (over: Partial<AccountDueFacts> = {}): AccountDueFacts => ({
  tier: 'B',
  contractStart: '2024-01-01',
  renewalDate: '2027-06-30',
  lastMonthlyReview: '2026-06-01',
  lastQuarterlyUpdate: '2026-05-01',
  lastWalkAt: new Date('2026-06-08T16:00:00Z'),
  overdueIssues: 0,
  ...over,
});

describe('accountDueItems', () => {
  it('lists nothing for an account kept up to date', () => {
    expect(accountDueItems(facts(), THRESHOLDS, NOW, TODAY, ZONE)).toEqual([]);
  });

  it('lists what falls due within 7 days or is late, counted as health counts it', () => {
    const items = accountDueItems(
      facts({
        // Due 2026-06-17: in 7 days, still this week.
        lastMonthlyReview: '2026-05-13',
        // Never updated: counted from the contract's start, long late.
        lastQuarterlyUpdate: null,
        // Tier A walks weekly: walked 2026-06-01 (Denver), due 2026-06-08, 2 days late.
        tier: 'A',
        lastWalkAt: new Date('2026-06-01T18:00:00Z'),
        overdueIssues: 3,
        renewalDate: '2026-09-08',
      }),
      THRESHOLDS,
      NOW,
      TODAY,
      ZONE,
    ).sort(compareDueItems);
    expect(items).toEqual([
      { kind: 'QUARTERLY_UPDATE', dueDate: '2024-04-10', daysLeft: -791, count: 0 },
      { kind: 'SITE_WALK', dueDate: '2026-06-08', daysLeft: -2, count: 0 },
      { kind: 'OVERDUE_ISSUES', dueDate: '2026-06-10', daysLeft: 0, count: 3 },
      { kind: 'MONTHLY_REVIEW', dueDate: '2026-06-17', daysLeft: 7, count: 0 },
      { kind: 'RENEWAL', dueDate: '2026-09-08', daysLeft: 90, count: 0 },
    ]);
  });

  it('leaves out a review due in 8 days, a renewal 91 days away and one already past', () => {
    const soon = (renewalDate: string) =>
      accountDueItems(facts({ lastMonthlyReview: '2026-05-14', renewalDate }), THRESHOLDS, NOW, TODAY, ZONE);
    expect(soon('2026-09-09')).toEqual([]);
    expect(soon('2026-06-09')).toEqual([]);
  });

  it('asks for a first walk of an account never walked, today', () => {
    expect(accountDueItems(facts({ lastWalkAt: null }), THRESHOLDS, NOW, TODAY, ZONE)).toEqual([
      { kind: 'SITE_WALK', dueDate: '2026-06-10', daysLeft: 0, count: 0 },
    ]);
  });
});
