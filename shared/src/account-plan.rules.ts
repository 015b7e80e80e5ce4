import { z } from 'zod';
import { badInput } from './errors.js';
import type { PlanReviewKind } from './enums.js';
import { NOTE_MAX, TITLE_MAX, textSchema } from './text.rules.js';

/** The customer's goals for the year: at least one, a handful at most (a plan, not a backlog). */
export const PLAN_GOALS_MAX = 8;
/** "The top 2–3 aligned opportunities": three at most, by design. */
export const PLAN_OPPORTUNITIES_MAX = 3;
export const PLAN_GOAL_MAX = 300;
export const PLAN_PEOPLE_MAX = 20;

const goalSchema = textSchema({ max: PLAN_GOAL_MAX });
const opportunitySchema = textSchema({ max: TITLE_MAX });

/** The plan's text, as the form and the API both check it (messages carry no field name; the API adds it). */
export const planGoalsSchema = z
  .array(goalSchema, { error: 'must be a list' })
  .min(1, { error: 'must name at least one customer goal' })
  .max(PLAN_GOALS_MAX, { error: `must be at most ${PLAN_GOALS_MAX} goals` });
export const planOpportunitiesSchema = z
  .array(opportunitySchema, { error: 'must be a list' })
  .max(PLAN_OPPORTUNITIES_MAX, { error: `must be the top ${PLAN_OPPORTUNITIES_MAX} at most` });
export const planNotesSchema = textSchema({ max: NOTE_MAX, optional: true });

/**
 * The three coaching questions every plan review answers (from the account-management
 * playbook): a monthly review may leave them for the quarter; a quarterly update answers all.
 */
export const PLAN_COACHING_QUESTIONS = {
  goalsEvidence: 'How do you know these are the customer’s goals?',
  peopleMet: 'Whom have you met?',
  nextOpportunities: 'Which 2–3 opportunities come next?',
} as const;
export type PlanCoachingAnswer = keyof typeof PLAN_COACHING_QUESTIONS;

export const planAnswerSchema = textSchema({ max: NOTE_MAX, optional: true });
export const planChangesSchema = textSchema({ max: NOTE_MAX });

/** Which answers a review of the kind must carry. */
export function requiredPlanAnswers(kind: PlanReviewKind): readonly PlanCoachingAnswer[] {
  return kind === 'QUARTERLY_UPDATE' ? ['goalsEvidence', 'peopleMet', 'nextOpportunities'] : [];
}

/**
 * A distinct list of ids of at most `max`, or BAD_USER_INPUT naming the field
 * (a repeated id is a client mistake, not something to fold away silently).
 */
export function distinctIds(value: readonly string[] | null | undefined, field: string, max: number): string[] {
  const ids = [...(value ?? [])];
  if (ids.length > max) throw badInput(field, `must be at most ${max}`);
  if (new Set(ids).size !== ids.length) throw badInput(field, 'must not repeat an id');
  return ids;
}

/** A review's date: a company day not after today and not before the plan's year. */
export function assertReviewDate(date: string, today: string, planYear: number, field: string): void {
  if (date > today) throw badInput(field, 'must not be in the future');
  if (Number(date.slice(0, 4)) < planYear) throw badInput(field, `must be in ${planYear} or later (the plan's year)`);
}
