import { describe, expect, it } from 'vitest';
import {
  ENHANCEMENT_TRANSITIONS,
  allowedEnhancementTransitions,
  assertEnhancementAdvance,
  availableEnhancementTransitions,
  canAdvanceEnhancements,
  enhancementAdvanceError,
  parseDeclineReason,
  type EnhancementAdvance,
} from './enhancement-pipeline.rules.js';
import { OPEN_ENHANCEMENT_STAGES } from './enums.js';
import { DomainError } from './errors.js';

const qualified = { customerInterest: true, budgetConfirmed: true };

function advance(overrides: Partial<EnhancementAdvance> & Pick<EnhancementAdvance, 'from' | 'to'>): EnhancementAdvance {
  return { customerInterest: false, budgetConfirmed: false, estimatedValue: null, proposalValue: null, ...overrides };
}

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('ENHANCEMENT_TRANSITIONS', () => {
  it('is one step forward or DECLINED', () => {
    expect(ENHANCEMENT_TRANSITIONS).toEqual({
      IDENTIFIED: ['QUALIFIED', 'DECLINED'],
      QUALIFIED: ['ESTIMATING', 'DECLINED'],
      ESTIMATING: ['PROPOSED', 'DECLINED'],
      PROPOSED: ['APPROVED', 'DECLINED'],
      APPROVED: ['SCHEDULED', 'DECLINED'],
      SCHEDULED: ['COMPLETED', 'DECLINED'],
      COMPLETED: [],
      DECLINED: [],
    });
  });

  it('offers DECLINED from every open stage and nothing from closed ones', () => {
    for (const stage of OPEN_ENHANCEMENT_STAGES) expect(allowedEnhancementTransitions(stage)).toContain('DECLINED');
    expect(allowedEnhancementTransitions('COMPLETED')).toEqual([]);
    expect(allowedEnhancementTransitions('DECLINED')).toEqual([]);
  });
});

describe('assertEnhancementAdvance — lifecycle', () => {
  it('refuses skipping the QUALIFIED gate even when everything is confirmed', () => {
    const error = thrown(() =>
      assertEnhancementAdvance(advance({ from: 'IDENTIFIED', to: 'ESTIMATING', ...qualified, estimatedValue: 5000 })),
    );
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.message).toBe('Enhancement cannot go from IDENTIFIED to ESTIMATING; allowed: QUALIFIED, DECLINED');
  });

  it('refuses jumping straight to APPROVED', () => {
    expect(
      thrown(() => assertEnhancementAdvance(advance({ from: 'IDENTIFIED', to: 'APPROVED', ...qualified }))).code,
    ).toBe('INVALID_TRANSITION');
  });

  it('refuses moving backwards', () => {
    expect(
      thrown(() => assertEnhancementAdvance(advance({ from: 'PROPOSED', to: 'ESTIMATING', ...qualified }))).message,
    ).toBe('Enhancement cannot go from PROPOSED to ESTIMATING; allowed: APPROVED, DECLINED');
  });

  it('refuses leaving COMPLETED or DECLINED', () => {
    expect(thrown(() => assertEnhancementAdvance(advance({ from: 'DECLINED', to: 'IDENTIFIED' }))).message).toBe(
      'Enhancement cannot go from DECLINED to IDENTIFIED; allowed: none',
    );
    expect(thrown(() => assertEnhancementAdvance(advance({ from: 'COMPLETED', to: 'DECLINED' }))).code).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('allows declining from any open stage with nothing confirmed', () => {
    for (const from of OPEN_ENHANCEMENT_STAGES) {
      expect(() => assertEnhancementAdvance(advance({ from, to: 'DECLINED' }))).not.toThrow();
    }
  });
});

describe('assertEnhancementAdvance — qualification gate', () => {
  it('names both missing confirmations', () => {
    const error = thrown(() => assertEnhancementAdvance(advance({ from: 'IDENTIFIED', to: 'QUALIFIED' })));
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.message).toBe(
      "Enhancement cannot be QUALIFIED until the customer's interest and budget are confirmed (missing: customerInterest, budgetConfirmed)",
    );
    expect(error.details).toMatchObject({
      from: 'IDENTIFIED',
      to: 'QUALIFIED',
      missing: ['customerInterest', 'budgetConfirmed'],
    });
  });

  it('names only the budget when interest is there', () => {
    const error = thrown(() =>
      assertEnhancementAdvance(advance({ from: 'IDENTIFIED', to: 'QUALIFIED', customerInterest: true })),
    );
    expect(error.message).toBe(
      "Enhancement cannot be QUALIFIED until the customer's interest and budget are confirmed (missing: budgetConfirmed)",
    );
  });

  it('names only the interest when budget is there', () => {
    expect(
      thrown(() => assertEnhancementAdvance(advance({ from: 'IDENTIFIED', to: 'QUALIFIED', budgetConfirmed: true })))
        .details.missing,
    ).toEqual(['customerInterest']);
  });

  it('qualifies with interest and budget', () => {
    expect(() =>
      assertEnhancementAdvance(advance({ from: 'IDENTIFIED', to: 'QUALIFIED', ...qualified })),
    ).not.toThrow();
  });

  it('re-checks qualification on later advances (interest withdrawn → decline instead)', () => {
    const error = thrown(() =>
      assertEnhancementAdvance(advance({ from: 'QUALIFIED', to: 'ESTIMATING', customerInterest: true })),
    );
    expect(error.message).toBe(
      "Enhancement cannot move to ESTIMATING until the customer's interest and budget are confirmed (missing: budgetConfirmed)",
    );
  });
});

describe('assertEnhancementAdvance — pricing', () => {
  it('refuses PROPOSED without any value', () => {
    const error = thrown(() => assertEnhancementAdvance(advance({ from: 'ESTIMATING', to: 'PROPOSED', ...qualified })));
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.message).toBe(
      'Enhancement cannot move to PROPOSED without a proposal value or estimated value above 0 (missing: proposalValue)',
    );
  });

  it('refuses zero and non-finite values', () => {
    for (const values of [
      { proposalValue: 0, estimatedValue: 0 },
      { proposalValue: Number.NaN },
      { estimatedValue: -100 },
    ]) {
      expect(
        enhancementAdvanceError(advance({ from: 'ESTIMATING', to: 'PROPOSED', ...qualified, ...values }))?.code,
      ).toBe('INVALID_TRANSITION');
    }
  });

  it('accepts a proposal value', () => {
    expect(
      enhancementAdvanceError(advance({ from: 'ESTIMATING', to: 'PROPOSED', ...qualified, proposalValue: 18500 })),
    ).toBeNull();
  });

  it('accepts an estimate when there is no proposal value yet', () => {
    expect(
      enhancementAdvanceError(advance({ from: 'ESTIMATING', to: 'PROPOSED', ...qualified, estimatedValue: 12000 })),
    ).toBeNull();
  });

  it('accepts an estimate even when the proposal value is 0', () => {
    expect(
      enhancementAdvanceError(
        advance({ from: 'ESTIMATING', to: 'PROPOSED', ...qualified, proposalValue: 0, estimatedValue: 12000 }),
      ),
    ).toBeNull();
  });

  it('keeps requiring a value after PROPOSED', () => {
    expect(enhancementAdvanceError(advance({ from: 'PROPOSED', to: 'APPROVED', ...qualified }))?.message).toBe(
      'Enhancement cannot move to APPROVED without a proposal value or estimated value above 0 (missing: proposalValue)',
    );
    expect(
      enhancementAdvanceError(advance({ from: 'SCHEDULED', to: 'COMPLETED', ...qualified, proposalValue: 9000 })),
    ).toBeNull();
  });

  it('does not require a value to start estimating', () => {
    expect(enhancementAdvanceError(advance({ from: 'QUALIFIED', to: 'ESTIMATING', ...qualified }))).toBeNull();
  });
});

describe('availableEnhancementTransitions', () => {
  it('offers only DECLINED until the customer is qualified', () => {
    expect(
      availableEnhancementTransitions({ stage: 'IDENTIFIED', customerInterest: true, budgetConfirmed: false }),
    ).toEqual(['DECLINED']);
  });

  it('offers QUALIFIED once interest and budget are confirmed', () => {
    expect(availableEnhancementTransitions({ stage: 'IDENTIFIED', ...qualified })).toEqual(['QUALIFIED', 'DECLINED']);
  });

  it('offers PROPOSED only once priced', () => {
    expect(availableEnhancementTransitions({ stage: 'ESTIMATING', ...qualified, estimatedValue: null })).toEqual([
      'DECLINED',
    ]);
    expect(availableEnhancementTransitions({ stage: 'ESTIMATING', ...qualified, estimatedValue: 4000 })).toEqual([
      'PROPOSED',
      'DECLINED',
    ]);
  });

  it('offers nothing from a closed stage', () => {
    expect(availableEnhancementTransitions({ stage: 'COMPLETED', ...qualified, proposalValue: 1 })).toEqual([]);
  });
});

describe('parseDeclineReason', () => {
  it('requires a reason to decline, naming the field', () => {
    for (const missing of [undefined, null]) {
      const error = thrown(() => parseDeclineReason('DECLINED', missing));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.message).toBe('input.declineReason: is required to decline an Enhancement (say why)');
      expect(error.details).toEqual({ field: 'input.declineReason' });
    }
  });

  it('refuses a blank or over-long reason', () => {
    expect(thrown(() => parseDeclineReason('DECLINED', '   \n ')).message).toBe(
      'input.declineReason: must not be empty',
    );
    expect(thrown(() => parseDeclineReason('DECLINED', 'x'.repeat(4001))).message).toBe(
      'input.declineReason: must be at most 4000 characters',
    );
  });

  it('returns the trimmed reason of a decline', () => {
    expect(parseDeclineReason('DECLINED', '  Budget moved to next fiscal year \n')).toBe(
      'Budget moved to next fiscal year',
    );
  });

  it('refuses a reason on any other move, and ignores an empty one', () => {
    const error = thrown(() => parseDeclineReason('QUALIFIED', 'Too expensive', 'reason'));
    expect(error.message).toBe('reason: is only for a move to DECLINED');
    expect(error.details).toEqual({ field: 'reason' });
    expect(parseDeclineReason('QUALIFIED', undefined)).toBeNull();
    expect(parseDeclineReason('ESTIMATING', '  ')).toBeNull();
  });
});

describe('canAdvanceEnhancements', () => {
  it('is for ops and account managers only', () => {
    expect(canAdvanceEnhancements('OPS_MANAGER')).toBe(true);
    expect(canAdvanceEnhancements('ACCOUNT_MANAGER')).toBe(true);
    expect(canAdvanceEnhancements('EXECUTIVE')).toBe(false);
    expect(canAdvanceEnhancements('CREW_LEAD')).toBe(false);
  });
});
