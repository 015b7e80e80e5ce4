import { allowedIssueTransitionsForRole, ISSUE_STATUS_LABELS, type IssueStatus } from '@groundwork/shared';

export type CrewIssueAction = { to: IssueStatus; label: string };

// Crew leads think in doing the work, not in status names.
const ACTION_LABELS: Partial<Record<IssueStatus, string>> = {
  IN_PROGRESS: 'Start',
  RESOLVED: 'Mark resolved',
};

/**
 * The buttons a crew lead gets on an Issue in `status`: exactly the changes
 * the shared lifecycle allows their role, so the server never has to refuse one.
 */
export function crewLeadActions(status: IssueStatus): CrewIssueAction[] {
  return allowedIssueTransitionsForRole(status, 'CREW_LEAD').map((to) => ({
    to,
    label: ACTION_LABELS[to] ?? ISSUE_STATUS_LABELS[to],
  }));
}
