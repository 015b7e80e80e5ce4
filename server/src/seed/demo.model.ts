import type {
  EnhancementStage,
  IssueCategory,
  IssueSource,
  IssueStatus,
  IssueUrgency,
  PlanReviewKind,
  Role,
  SiteWalkTier,
  VisitCadence,
} from '@groundwork/shared';
import type { MultiPolygon, Position } from './geo.js';
import { CREWS, STAFF, type Segment } from './demo.data.js';

// What the demo generator makes: its seed and sizes, and the rows it hands to demo.seed.ts.

/** The one seed of the demo company: change it and every generated value changes. */
export const DEMO_SEED = 'groundwork-demo-denver-v1';
/** How far back the history goes (about 18 months). */
export const HISTORY_DAYS = 548;
export const ACCOUNT_COUNT = 60;

/** The metro box every seeded coordinate stays in. */
export const METRO_BOUNDS = { west: -105.15, east: -104.75, south: 39.55, north: 39.95 } as const;

// Row shapes: plain values named after the entity fields, written by demo.seed.ts.

export interface ServiceLineRow {
  id: string;
  code: string;
  name: string;
}
export interface CategoryRouteRow {
  category: IssueCategory;
  serviceLineId: string;
}
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  crewId: string | null;
}
export interface CrewRow {
  id: string;
  name: string;
  serviceLineId: string;
  leadId: string;
  color: string;
}
export interface AccountRow {
  id: string;
  name: string;
  segment: Segment;
  accountManagerId: string;
  annualValue: number;
  contractStart: string;
  renewalDate: string;
  tier: SiteWalkTier;
  createdAt: Date;
}
export interface ContactRow {
  id: string;
  accountId: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  isPrimary: boolean;
}
export interface PropertyRow {
  id: string;
  accountId: string;
  name: string;
  address: string;
  boundary: MultiPolygon;
}
export interface ScheduleRow {
  id: string;
  propertyId: string;
  serviceLineId: string;
  crewId: string;
  weekday: number;
  cadence: VisitCadence;
  anchorDate: string;
}
export interface SiteWalkRow {
  id: string;
  propertyId: string;
  accountId: string;
  walkedById: string;
  startedAt: Date;
  completedAt: Date | null;
  notes: string | null;
  customerAttended: boolean | null;
  relationshipPulse: number | null;
}
export interface IssueRow {
  id: string;
  propertyId: string;
  accountId: string;
  siteWalkId: string | null;
  location: Position;
  title: string;
  description: string;
  category: IssueCategory;
  serviceLineId: string | null;
  urgency: IssueUrgency;
  status: IssueStatus;
  crewId: string | null;
  dueAt: Date | null;
  source: IssueSource;
  reopenCount: number;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  assignedAt: Date | null;
  resolvedAt: Date | null;
  verifiedAt: Date | null;
  version: number;
}
export interface IssueActivityRow {
  id: string;
  issueId: string;
  kind: 'CREATED' | 'ASSIGNED' | 'STATUS_CHANGED';
  fromStatus: IssueStatus | null;
  toStatus: IssueStatus | null;
  crewId: string | null;
  location: Position | null;
  note: string | null;
  actorId: string | null;
  at: Date;
}
export interface EnhancementRow {
  id: string;
  propertyId: string;
  accountId: string;
  siteWalkId: string | null;
  location: Position;
  title: string;
  description: string;
  serviceLineId: string | null;
  stage: EnhancementStage;
  customerInterest: boolean;
  budgetConfirmed: boolean;
  estimatedValue: number | null;
  proposalValue: number | null;
  /** Why the customer said no (DECLINED only). */
  declineReason: string | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  approvedAt: Date | null;
  version: number;
}
export interface AccountPlanRow {
  id: string;
  accountId: string;
  year: number;
  goals: string[];
  opportunities: string[];
}
export interface PlanReviewRow {
  id: string;
  planId: string;
  kind: PlanReviewKind;
  date: string;
  notes: string;
  reviewerId: string;
}

export interface DemoData {
  serviceLines: ServiceLineRow[];
  categoryRoutes: CategoryRouteRow[];
  users: UserRow[];
  crews: CrewRow[];
  accounts: AccountRow[];
  contacts: ContactRow[];
  properties: PropertyRow[];
  schedules: ScheduleRow[];
  siteWalks: SiteWalkRow[];
  issues: IssueRow[];
  issueActivities: IssueActivityRow[];
  enhancements: EnhancementRow[];
  accountPlans: AccountPlanRow[];
  planReviews: PlanReviewRow[];
  /** Accounts whose data was made to drift toward risk, by name (for logs and docs). */
  driftingAccounts: string[];
}

export interface GenerateOptions {
  now: Date;
  timeZone: string;
  /** Existing service-line ids by code (a database may already have them); generated otherwise. */
  serviceLineIds?: Readonly<Record<string, string>>;
  /** The company's routing table if it already exists; the default table otherwise. */
  categoryRoutes?: readonly CategoryRouteRow[];
}

/** Every demo login, one per role at least; all share {@link DEMO_PASSWORD}. */
export const DEMO_USER_SPECS = [...STAFF, ...CREWS.map((c) => c.lead)];
