import type { EnhancementStage, Role } from './enums.js';
import { DomainError, badInput, invalidTransition } from './errors.js';
import { NOTE_MAX, parseField, textSchema } from './text.rules.js';

/** Roles that move Enhancements along the pipeline (account managers their own accounts', as the server scopes it). */
export const ENHANCEMENT_EDITOR_ROLES = ['OPS_MANAGER', 'ACCOUNT_MANAGER'] as const satisfies readonly Role[];

/** Whether this role may advance or decline Enhancements at all. */
export function canAdvanceEnhancements(role: Role): boolean {
  return (ENHANCEMENT_EDITOR_ROLES as readonly Role[]).includes(role);
}

/**
 * Legal stage moves: one step forward, or DECLINED from any open stage.
 * Stages cannot be skipped, so every Enhancement that reaches ESTIMATING has
 * passed the QUALIFIED gate.
 */
export const ENHANCEMENT_TRANSITIONS: Readonly<Record<EnhancementStage, readonly EnhancementStage[]>> = {
  IDENTIFIED: ['QUALIFIED', 'DECLINED'],
  QUALIFIED: ['ESTIMATING', 'DECLINED'],
  ESTIMATING: ['PROPOSED', 'DECLINED'],
  PROPOSED: ['APPROVED', 'DECLINED'],
  APPROVED: ['SCHEDULED', 'DECLINED'],
  SCHEDULED: ['COMPLETED', 'DECLINED'],
  COMPLETED: [],
  DECLINED: [],
};

// Stages that only qualified work may be in, and stages that need a priced proposal.
const QUALIFIED_OR_LATER: readonly EnhancementStage[] = [
  'QUALIFIED',
  'ESTIMATING',
  'PROPOSED',
  'APPROVED',
  'SCHEDULED',
  'COMPLETED',
];
const PRICED_STAGES: readonly EnhancementStage[] = ['PROPOSED', 'APPROVED', 'SCHEDULED', 'COMPLETED'];

export type EnhancementAdvance = {
  from: EnhancementStage;
  to: EnhancementStage;
  customerInterest: boolean;
  budgetConfirmed: boolean;
  estimatedValue?: number | null;
  proposalValue?: number | null;
};

/** Stages reachable from `stage` by the lifecycle alone (before the qualification and pricing gates). */
export function allowedEnhancementTransitions(stage: EnhancementStage): readonly EnhancementStage[] {
  return ENHANCEMENT_TRANSITIONS[stage] ?? [];
}

/**
 * Why this move is refused, or null when it is allowed. Forward moves into
 * QUALIFIED or later re-check the qualification (estimating time is spent
 * only on qualified work — if interest or budget is withdrawn, decline it);
 * PROPOSED and later need a positive proposal or estimate.
 */
export function enhancementAdvanceError(input: EnhancementAdvance): DomainError | null {
  const { from, to } = input;
  const allowed = allowedEnhancementTransitions(from);
  if (!allowed.includes(to)) {
    return invalidTransition(from, to, 'Enhancement', allowed);
  }
  if (QUALIFIED_OR_LATER.includes(to)) {
    const missing: string[] = [];
    if (input.customerInterest !== true) missing.push('customerInterest');
    if (input.budgetConfirmed !== true) missing.push('budgetConfirmed');
    if (missing.length > 0) {
      const lead = to === 'QUALIFIED' ? 'Enhancement cannot be QUALIFIED' : `Enhancement cannot move to ${to}`;
      return new DomainError(
        'INVALID_TRANSITION',
        `${lead} until the customer's interest and budget are confirmed (missing: ${missing.join(', ')})`,
        { entity: 'Enhancement', from, to, missing },
      );
    }
  }
  if (PRICED_STAGES.includes(to) && !hasPositiveValue(input)) {
    return new DomainError(
      'INVALID_TRANSITION',
      `Enhancement cannot move to ${to} without a proposal value or estimated value above 0 (missing: proposalValue)`,
      { entity: 'Enhancement', from, to, missing: ['proposalValue'] },
    );
  }
  return null;
}

function hasPositiveValue(input: EnhancementAdvance): boolean {
  return isPositive(input.proposalValue) || isPositive(input.estimatedValue);
}

function isPositive(value: number | null | undefined): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** Throws INVALID_TRANSITION (naming what is missing) unless the move is allowed. */
export function assertEnhancementAdvance(input: EnhancementAdvance): void {
  const error = enhancementAdvanceError(input);
  if (error) throw error;
}

/**
 * The stages this Enhancement can move to right now, gates included — what
 * the web offers as buttons, so a user never clicks into a refusal.
 */
export function availableEnhancementTransitions(
  enhancement: Omit<EnhancementAdvance, 'from' | 'to'> & { stage: EnhancementStage },
): EnhancementStage[] {
  const { stage, ...rest } = enhancement;
  return allowedEnhancementTransitions(stage).filter(
    (to) => enhancementAdvanceError({ ...rest, from: stage, to }) === null,
  );
}

export const DECLINE_REASON_MAX = NOTE_MAX;
const declineReasonSchema = textSchema({ max: DECLINE_REASON_MAX });

/**
 * The reason a decline carries, trimmed: required when the move is to
 * DECLINED (a lost sale says why, so the pipeline can learn from it), refused
 * with any other move (it would be stored on work that was not declined).
 * Null when the move is not a decline. Throws BAD_USER_INPUT naming `field`.
 */
export function parseDeclineReason(
  to: EnhancementStage,
  reason: unknown,
  field = 'input.declineReason',
): string | null {
  const given = reason !== null && reason !== undefined;
  if (to !== 'DECLINED') {
    // A form that leaves the field empty has given no reason, not a wrong one.
    if (given && !(typeof reason === 'string' && reason.trim() === ''))
      throw badInput(field, 'is only for a move to DECLINED');
    return null;
  }
  if (!given) throw badInput(field, 'is required to decline an Enhancement (say why)');
  return parseField(declineReasonSchema, reason, field);
}
