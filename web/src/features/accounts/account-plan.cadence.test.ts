// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_CONFIG, healthThresholds } from '@groundwork/shared';
import { cadenceStatus } from './account-plan.cadence';

const { monthlyReviewMaxDays: MONTHLY_REVIEW_MAX_DAYS, quarterlyUpdateMaxDays: QUARTERLY_UPDATE_MAX_DAYS } =
  healthThresholds(DEFAULT_HEALTH_CONFIG);

const DENVER = 'America/Denver';
const now = new Date('2026-03-10T18:00:00Z'); // 12:00 MDT on 10 March 2026

describe('cadenceStatus', () => {
  it('is on track up to and including the limit', () => {
    expect(cadenceStatus('2026-02-03', MONTHLY_REVIEW_MAX_DAYS, now, DENVER)).toEqual({ daysAgo: 35, overdue: false });
  });

  it('is overdue past the limit', () => {
    expect(cadenceStatus('2026-02-02', MONTHLY_REVIEW_MAX_DAYS, now, DENVER)).toEqual({ daysAgo: 36, overdue: true });
    expect(cadenceStatus('2025-11-29', QUARTERLY_UPDATE_MAX_DAYS, now, DENVER)).toEqual({
      daysAgo: 101,
      overdue: true,
    });
  });

  it('is overdue when it never happened', () => {
    expect(cadenceStatus(null, QUARTERLY_UPDATE_MAX_DAYS, now, DENVER)).toEqual({ daysAgo: null, overdue: true });
  });
});
