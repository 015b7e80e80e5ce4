import { ROLE_LABELS, type IssueStatus, type Role } from './enums.js';
import { DomainError, forbidden, invalidTransition } from './errors.js';

/**
 * Legal status changes. RESOLVED → ASSIGNED is the reopen (the fix did not
 * hold); VERIFIED is terminal. Anything not listed is refused, so the web can
 * render exactly these as buttons.
 */
export const ISSUE_TRANSITIONS: Readonly<Record<IssueStatus, readonly IssueStatus[]>> = {
  OPEN: ['ASSIGNED'],
  ASSIGNED: ['IN_PROGRESS'],
  IN_PROGRESS: ['RESOLVED'],
  RESOLVED: ['VERIFIED', 'ASSIGNED'],
  VERIFIED: [],
};

/** Roles that may assign or reassign Issues to crews (the drag on the map). */
export const ISSUE_ASSIGNER_ROLES = ['OPS_MANAGER', 'ACCOUNT_MANAGER'] as const satisfies readonly Role[];

/**
 * Roles that may report an Issue (and add photos or a note to an open one):
 * ops managers anywhere, account managers on their own accounts, crew leads on
 * properties their crew serves (the server checks which account or property).
 */
export const ISSUE_REPORTER_ROLES = ['OPS_MANAGER', 'ACCOUNT_MANAGER', 'CREW_LEAD'] as const satisfies readonly Role[];

/** Whether this role may report Issues at all (where, the server's scope check decides). */
export function canReportIssues(role: Role): boolean {
  return (ISSUE_REPORTER_ROLES as readonly Role[]).includes(role);
}

/** Statuses a crew lead may set: they do the work, they do not sign it off or route it. */
export const CREW_LEAD_ISSUE_STATUSES = ['IN_PROGRESS', 'RESOLVED'] as const satisfies readonly IssueStatus[];

/** Statuses every role may move an Issue to, ignoring who is asking. */
export function allowedIssueTransitions(from: IssueStatus): readonly IssueStatus[] {
  return ISSUE_TRANSITIONS[from] ?? [];
}

/** Whether the lifecycle allows `from → to` (ignoring who is asking). */
export function canTransitionIssue(from: IssueStatus, to: IssueStatus): boolean {
  return allowedIssueTransitions(from).includes(to);
}

/** Throws INVALID_TRANSITION, listing the legal targets, unless `from → to` is allowed. */
export function assertIssueTransition(from: IssueStatus, to: IssueStatus): void {
  if (!canTransitionIssue(from, to)) {
    throw invalidTransition(from, to, 'Issue', allowedIssueTransitions(from));
  }
}

/** A reopen increments the reopen count and costs first-time-right. */
export function isReopen(from: IssueStatus, to: IssueStatus): boolean {
  return from === 'RESOLVED' && to === 'ASSIGNED';
}

/** Whether this role may assign an Issue to a crew. */
export function canAssignIssue(role: Role): boolean {
  return (ISSUE_ASSIGNER_ROLES as readonly Role[]).includes(role);
}

function roleMaySetStatus(role: Role, to: IssueStatus): boolean {
  switch (role) {
    case 'EXECUTIVE':
      return false;
    case 'CREW_LEAD':
      return (CREW_LEAD_ISSUE_STATUSES as readonly IssueStatus[]).includes(to);
    case 'OPS_MANAGER':
    case 'ACCOUNT_MANAGER':
      return true;
  }
}

/**
 * The status changes this role may make from `from` — what the web offers as
 * buttons. Executives are read-only; crew leads only start and resolve work;
 * verifying, reopening and assigning belong to ops and account managers.
 * (Whether the user may touch this particular Issue — own account, own crew —
 * is the server's scope check, not decided here.)
 */
export function allowedIssueTransitionsForRole(from: IssueStatus, role: Role): readonly IssueStatus[] {
  return allowedIssueTransitions(from).filter((to) => roleMaySetStatus(role, to));
}

/**
 * Throws INVALID_TRANSITION when the lifecycle forbids `from → to` for anyone,
 * and FORBIDDEN when it is legal but not for this role — so the user learns
 * whether to ask someone else or to do something different.
 */
export function assertIssueTransitionForRole(from: IssueStatus, to: IssueStatus, role: Role): void {
  assertIssueTransition(from, to);
  if (!roleMaySetStatus(role, to)) {
    throw forbidden(`${roleWord(role)} cannot move an Issue to ${to}`);
  }
}

function roleWord(role: Role): string {
  const label = ROLE_LABELS[role].toLowerCase();
  return `${/^[aeiou]/.test(label) ? 'An' : 'A'} ${label}`;
}

/**
 * The status an Issue takes when (re)assigned to a crew by the assign mutation.
 * An OPEN Issue becomes ASSIGNED; an in-progress Issue handed to another crew
 * goes back to ASSIGNED because the new crew has not started it. Finished work
 * (RESOLVED, VERIFIED) cannot be reassigned — reopen it instead.
 */
export function statusAfterAssignment(current: IssueStatus): IssueStatus {
  switch (current) {
    case 'OPEN':
    case 'ASSIGNED':
    case 'IN_PROGRESS':
      return 'ASSIGNED';
    case 'RESOLVED':
    case 'VERIFIED':
      throw new DomainError(
        'INVALID_TRANSITION',
        current === 'RESOLVED'
          ? 'Issue cannot be reassigned while RESOLVED; reopen it (RESOLVED → ASSIGNED) instead'
          : 'Issue cannot be reassigned once VERIFIED',
        { entity: 'Issue', from: current, to: 'ASSIGNED' },
      );
  }
}
