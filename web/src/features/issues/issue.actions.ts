import { isReopen, ISSUE_STATUS_LABELS, type IssueStatus } from '@groundwork/shared';

/**
 * What a status change asks of the person: resolving takes after photos and a
 * note (a sheet), reopening takes a reason, verifying and the rest are one tap.
 */
export type IssueActionKind = 'RESOLVE' | 'VERIFY' | 'REOPEN' | 'DIRECT';

export type IssueAction = { to: IssueStatus; kind: IssueActionKind; label: string };

/**
 * The buttons for an Issue in `status`, one per status the server says this
 * viewer may move it to (`Issue.allowedStatuses`): the rules stay on the server.
 */
export function issueActions(status: IssueStatus, allowed: readonly IssueStatus[]): IssueAction[] {
  return allowed.map((to) => {
    if (to === 'RESOLVED') return { to, kind: 'RESOLVE', label: 'Mark resolved' };
    if (to === 'VERIFIED') return { to, kind: 'VERIFY', label: 'Verify' };
    if (isReopen(status, to)) return { to, kind: 'REOPEN', label: 'Reopen' };
    if (to === 'IN_PROGRESS') return { to, kind: 'DIRECT', label: 'Start work' };
    return { to, kind: 'DIRECT', label: `Mark ${ISSUE_STATUS_LABELS[to].toLowerCase()}` };
  });
}

type HistoryStep = { kind: string; toStatus: IssueStatus | null; note: string | null };

/** The note left with the latest move to `status` (the crew's words on resolving), if any. */
export function latestNoteTo(history: readonly HistoryStep[], status: IssueStatus): string | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const step = history[i]!;
    if (step.kind === 'STATUS_CHANGED' && step.toStatus === status) return step.note;
  }
  return null;
}
