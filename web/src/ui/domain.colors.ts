import type { EnhancementStage, HealthBand, IssueStatus, IssueUrgency, RenewalRisk } from '@groundwork/shared';

// One colour per state across the whole app, so a badge reads the same on the
// account page, the map and the issue drawer. Labels come from shared/.

export const ISSUE_STATUS_COLORS: Readonly<Record<IssueStatus, string>> = {
  OPEN: 'gray',
  ASSIGNED: 'blue',
  IN_PROGRESS: 'yellow',
  RESOLVED: 'teal',
  VERIFIED: 'green',
};

export const ISSUE_URGENCY_COLORS: Readonly<Record<IssueUrgency, string>> = {
  ROUTINE: 'gray',
  URGENT: 'red',
};

export const ENHANCEMENT_STAGE_COLORS: Readonly<Record<EnhancementStage, string>> = {
  IDENTIFIED: 'gray',
  QUALIFIED: 'cyan',
  ESTIMATING: 'blue',
  PROPOSED: 'violet',
  APPROVED: 'green',
  SCHEDULED: 'teal',
  COMPLETED: 'lime',
  DECLINED: 'red',
};

export const HEALTH_BAND_COLORS: Readonly<Record<HealthBand, string>> = {
  HEALTHY: 'green',
  WATCH: 'yellow',
  AT_RISK: 'red',
};

export const RENEWAL_RISK_COLORS: Readonly<Record<RenewalRisk, string>> = {
  LOW: 'gray',
  MEDIUM: 'orange',
  HIGH: 'red',
};
