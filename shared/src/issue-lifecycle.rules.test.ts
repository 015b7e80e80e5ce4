import { describe, expect, it } from 'vitest';
import { ISSUE_STATUSES, type IssueStatus, type Role } from './enums.js';
import { DomainError } from './errors.js';
import {
  ISSUE_TRANSITIONS,
  allowedIssueTransitions,
  allowedIssueTransitionsForRole,
  assertIssueTransition,
  assertIssueTransitionForRole,
  canAssignIssue,
  canReportIssues,
  canTransitionIssue,
  isReopen,
  statusAfterAssignment,
} from './issue-lifecycle.rules.js';

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

// The only legal moves, written out from DESIGN §2.
const LEGAL: Array<[IssueStatus, IssueStatus]> = [
  ['OPEN', 'ASSIGNED'],
  ['ASSIGNED', 'IN_PROGRESS'],
  ['IN_PROGRESS', 'RESOLVED'],
  ['RESOLVED', 'VERIFIED'],
  ['RESOLVED', 'ASSIGNED'],
];
const isLegal = (from: IssueStatus, to: IssueStatus) => LEGAL.some(([f, t]) => f === from && t === to);
const ALL_PAIRS = ISSUE_STATUSES.flatMap((from) =>
  ISSUE_STATUSES.map((to) => [from, to] as [IssueStatus, IssueStatus]),
);

describe('ISSUE_TRANSITIONS', () => {
  it('is the lifecycle from the design', () => {
    expect(ISSUE_TRANSITIONS).toEqual({
      OPEN: ['ASSIGNED'],
      ASSIGNED: ['IN_PROGRESS'],
      IN_PROGRESS: ['RESOLVED'],
      RESOLVED: ['VERIFIED', 'ASSIGNED'],
      VERIFIED: [],
    });
  });

  it.each(ALL_PAIRS)('%s → %s is allowed only if listed', (from, to) => {
    expect(canTransitionIssue(from, to)).toBe(isLegal(from, to));
  });

  it('allowedIssueTransitions returns the targets', () => {
    expect(allowedIssueTransitions('RESOLVED')).toEqual(['VERIFIED', 'ASSIGNED']);
    expect(allowedIssueTransitions('VERIFIED')).toEqual([]);
  });
});

describe('assertIssueTransition', () => {
  it('passes legal moves', () => {
    for (const [from, to] of LEGAL) expect(() => assertIssueTransition(from, to)).not.toThrow();
  });

  it('refuses a skip with INVALID_TRANSITION naming what is allowed', () => {
    const error = thrown(() => assertIssueTransition('OPEN', 'RESOLVED'));
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.message).toBe('Issue cannot go from OPEN to RESOLVED; allowed: ASSIGNED');
    expect(error.details).toMatchObject({ entity: 'Issue', from: 'OPEN', to: 'RESOLVED', allowed: ['ASSIGNED'] });
  });

  it('refuses moving backwards (IN_PROGRESS → OPEN)', () => {
    expect(thrown(() => assertIssueTransition('IN_PROGRESS', 'OPEN')).message).toBe(
      'Issue cannot go from IN_PROGRESS to OPEN; allowed: RESOLVED',
    );
  });

  it('refuses a no-op move', () => {
    expect(thrown(() => assertIssueTransition('ASSIGNED', 'ASSIGNED')).code).toBe('INVALID_TRANSITION');
  });

  it('treats VERIFIED as final', () => {
    expect(thrown(() => assertIssueTransition('VERIFIED', 'ASSIGNED')).message).toBe(
      'Issue cannot go from VERIFIED to ASSIGNED; allowed: none',
    );
  });
});

describe('isReopen', () => {
  it.each(ALL_PAIRS)('%s → %s', (from, to) => {
    expect(isReopen(from, to)).toBe(from === 'RESOLVED' && to === 'ASSIGNED');
  });
});

describe('allowedIssueTransitionsForRole', () => {
  it('gives executives nothing from any status', () => {
    for (const from of ISSUE_STATUSES) expect(allowedIssueTransitionsForRole(from, 'EXECUTIVE')).toEqual([]);
  });

  it('lets crew leads only start and resolve', () => {
    expect(allowedIssueTransitionsForRole('OPEN', 'CREW_LEAD')).toEqual([]);
    expect(allowedIssueTransitionsForRole('ASSIGNED', 'CREW_LEAD')).toEqual(['IN_PROGRESS']);
    expect(allowedIssueTransitionsForRole('IN_PROGRESS', 'CREW_LEAD')).toEqual(['RESOLVED']);
    expect(allowedIssueTransitionsForRole('RESOLVED', 'CREW_LEAD')).toEqual([]);
    expect(allowedIssueTransitionsForRole('VERIFIED', 'CREW_LEAD')).toEqual([]);
  });

  it.each<Role>(['OPS_MANAGER', 'ACCOUNT_MANAGER'])('lets %s make every legal move', (role) => {
    expect(allowedIssueTransitionsForRole('OPEN', role)).toEqual(['ASSIGNED']);
    expect(allowedIssueTransitionsForRole('ASSIGNED', role)).toEqual(['IN_PROGRESS']);
    expect(allowedIssueTransitionsForRole('IN_PROGRESS', role)).toEqual(['RESOLVED']);
    expect(allowedIssueTransitionsForRole('RESOLVED', role)).toEqual(['VERIFIED', 'ASSIGNED']);
    expect(allowedIssueTransitionsForRole('VERIFIED', role)).toEqual([]);
  });
});

describe('assertIssueTransitionForRole', () => {
  it('refuses a crew lead verifying with FORBIDDEN', () => {
    const error = thrown(() => assertIssueTransitionForRole('RESOLVED', 'VERIFIED', 'CREW_LEAD'));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('A crew lead cannot move an Issue to VERIFIED');
  });

  it('refuses a crew lead reopening with FORBIDDEN', () => {
    expect(thrown(() => assertIssueTransitionForRole('RESOLVED', 'ASSIGNED', 'CREW_LEAD')).code).toBe('FORBIDDEN');
  });

  it('refuses a crew lead assigning with FORBIDDEN', () => {
    expect(thrown(() => assertIssueTransitionForRole('OPEN', 'ASSIGNED', 'CREW_LEAD')).message).toBe(
      'A crew lead cannot move an Issue to ASSIGNED',
    );
  });

  it('refuses any change by an executive', () => {
    const error = thrown(() => assertIssueTransitionForRole('ASSIGNED', 'IN_PROGRESS', 'EXECUTIVE'));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('An executive cannot move an Issue to IN_PROGRESS');
  });

  it('reports an illegal move as INVALID_TRANSITION even for a role that could not make it anyway', () => {
    expect(thrown(() => assertIssueTransitionForRole('OPEN', 'RESOLVED', 'CREW_LEAD')).code).toBe('INVALID_TRANSITION');
  });

  it('allows legal moves for permitted roles', () => {
    expect(() => assertIssueTransitionForRole('ASSIGNED', 'IN_PROGRESS', 'CREW_LEAD')).not.toThrow();
    expect(() => assertIssueTransitionForRole('RESOLVED', 'VERIFIED', 'ACCOUNT_MANAGER')).not.toThrow();
    expect(() => assertIssueTransitionForRole('RESOLVED', 'ASSIGNED', 'OPS_MANAGER')).not.toThrow();
  });
});

describe('canAssignIssue', () => {
  it('is for ops and account managers only', () => {
    expect(canAssignIssue('OPS_MANAGER')).toBe(true);
    expect(canAssignIssue('ACCOUNT_MANAGER')).toBe(true);
    expect(canAssignIssue('CREW_LEAD')).toBe(false);
    expect(canAssignIssue('EXECUTIVE')).toBe(false);
  });
});

describe('statusAfterAssignment', () => {
  it('assigning an OPEN Issue makes it ASSIGNED', () => {
    expect(statusAfterAssignment('OPEN')).toBe('ASSIGNED');
  });

  it('reassigning an ASSIGNED Issue keeps it ASSIGNED', () => {
    expect(statusAfterAssignment('ASSIGNED')).toBe('ASSIGNED');
  });

  it('reassigning an IN_PROGRESS Issue sends it back to ASSIGNED for the new crew', () => {
    expect(statusAfterAssignment('IN_PROGRESS')).toBe('ASSIGNED');
  });

  it('refuses to reassign RESOLVED work and points at the reopen', () => {
    const error = thrown(() => statusAfterAssignment('RESOLVED'));
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.message).toBe('Issue cannot be reassigned while RESOLVED; reopen it (RESOLVED → ASSIGNED) instead');
  });

  it('refuses to reassign VERIFIED work', () => {
    const error = thrown(() => statusAfterAssignment('VERIFIED'));
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.message).toBe('Issue cannot be reassigned once VERIFIED');
  });
});

describe('canReportIssues', () => {
  it('is ops managers, account managers and crew leads, never executives', () => {
    const roles: Role[] = ['EXECUTIVE', 'OPS_MANAGER', 'ACCOUNT_MANAGER', 'CREW_LEAD'];
    expect(roles.filter(canReportIssues)).toEqual(['OPS_MANAGER', 'ACCOUNT_MANAGER', 'CREW_LEAD']);
  });
});
