import { describe, expect, it } from 'vitest';
import {
  PLAN_GOALS_MAX,
  assertReviewDate,
  distinctIds,
  planGoalsSchema,
  planOpportunitiesSchema,
  requiredPlanAnswers,
} from './account-plan.rules.js';
import type { DomainError } from './errors.js';
import { parseField } from './text.rules.js';

const codeAndField = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    const e = error as DomainError;
    return [e.code, e.details.field, e.message];
  }
  return null;
};

describe('account plan rules', () => {
  it('trims goals and needs one to eight of them', () => {
    expect(parseField(planGoalsSchema, ['  Safer walkways ', 'Lower water bills'], 'goals')).toEqual([
      'Safer walkways',
      'Lower water bills',
    ]);
    expect(codeAndField(() => parseField(planGoalsSchema, [], 'input.goals'))).toEqual([
      'BAD_USER_INPUT',
      'input.goals',
      'input.goals: must name at least one customer goal',
    ]);
    expect(codeAndField(() => parseField(planGoalsSchema, Array(PLAN_GOALS_MAX + 1).fill('g'), 'input.goals'))).toEqual(
      ['BAD_USER_INPUT', 'input.goals', 'input.goals: must be at most 8 goals'],
    );
    expect(codeAndField(() => parseField(planGoalsSchema, ['ok', ' '], 'input.goals'))).toEqual([
      'BAD_USER_INPUT',
      'input.goals.1',
      'input.goals.1: must not be empty',
    ]);
  });

  it('keeps the top three opportunities at most', () => {
    expect(parseField(planOpportunitiesSchema, [], 'o')).toEqual([]);
    expect(
      codeAndField(() => parseField(planOpportunitiesSchema, ['a', 'b', 'c', 'd'], 'input.opportunities')),
    ).toEqual(['BAD_USER_INPUT', 'input.opportunities', 'input.opportunities: must be the top 3 at most']);
  });

  it('asks the three coaching questions of a quarterly update, none of a monthly review', () => {
    expect(requiredPlanAnswers('QUARTERLY_UPDATE')).toEqual(['goalsEvidence', 'peopleMet', 'nextOpportunities']);
    expect(requiredPlanAnswers('MONTHLY_REVIEW')).toEqual([]);
  });

  it('refuses repeated or too many ids', () => {
    expect(distinctIds(undefined, 'ids', 3)).toEqual([]);
    expect(distinctIds(['a', 'b'], 'ids', 3)).toEqual(['a', 'b']);
    expect(codeAndField(() => distinctIds(['a', 'a'], 'input.ids', 3))).toEqual([
      'BAD_USER_INPUT',
      'input.ids',
      'input.ids: must not repeat an id',
    ]);
    expect(codeAndField(() => distinctIds(['a', 'b', 'c', 'd'], 'input.ids', 3))).toEqual([
      'BAD_USER_INPUT',
      'input.ids',
      'input.ids: must be at most 3',
    ]);
  });

  it('dates a review on a company day from the plan’s year up to today', () => {
    expect(() => assertReviewDate('2026-12-07', '2026-12-07', 2026, 'd')).not.toThrow();
    expect(() => assertReviewDate('2027-01-03', '2027-01-05', 2026, 'd')).not.toThrow();
    expect(codeAndField(() => assertReviewDate('2026-12-08', '2026-12-07', 2026, 'input.date'))).toEqual([
      'BAD_USER_INPUT',
      'input.date',
      'input.date: must not be in the future',
    ]);
    expect(codeAndField(() => assertReviewDate('2025-12-31', '2026-12-07', 2026, 'input.date'))).toEqual([
      'BAD_USER_INPUT',
      'input.date',
      "input.date: must be in 2026 or later (the plan's year)",
    ]);
  });
});
