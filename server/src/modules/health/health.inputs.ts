import { OPEN_ISSUE_STATUSES, type IssueStatus } from '@groundwork/shared';

// What of a record the health facts read (health.facts.ts), as one comparable
// key: a write that leaves the key unchanged cannot move its account's health,
// so it asks for no refresh (starting work, verifying a fix, moving a lead
// along the pipeline before approval). Keep in step with the facts statement.

const OPEN: readonly IssueStatus[] = OPEN_ISSUE_STATUSES;

interface IssueInputs {
  category: string;
  createdAt: Date;
  dueAt: Date | null;
  location: { lng: number; lat: number };
  property: { id: string };
  resolvedAt: Date | null;
  source: string;
  urgency: string;
  status: IssueStatus;
}

/** An Issue's part in its account's health. */
export function issueHealthInputs(i: IssueInputs): string {
  return JSON.stringify([
    i.category,
    i.createdAt.getTime(),
    i.dueAt?.getTime() ?? null,
    i.location.lng,
    i.location.lat,
    i.property.id,
    i.resolvedAt?.getTime() ?? null,
    i.source,
    i.urgency,
    OPEN.includes(i.status),
  ]);
}

interface EnhancementInputs {
  approvedAt: Date | null;
  stage: string;
  proposalValue: number | null;
  estimatedValue: number | null;
}

/** An Enhancement's part in its account's health (approved growth); null when it has none. */
export function enhancementHealthInputs(e: EnhancementInputs): string | null {
  if (!e.approvedAt || e.stage === 'DECLINED') return null;
  return JSON.stringify([e.approvedAt.getTime(), e.proposalValue ?? e.estimatedValue ?? 0]);
}
