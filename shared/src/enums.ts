// Every enum is a value array plus a literal union derived from it, so the
// server can register GraphQL enums and validate input from the same source
// the web uses to render filters.

export const ROLES = ['EXECUTIVE', 'OPS_MANAGER', 'ACCOUNT_MANAGER', 'CREW_LEAD'] as const;
export type Role = (typeof ROLES)[number];

export const SITE_WALK_TIERS = ['A', 'B', 'C'] as const;
export type SiteWalkTier = (typeof SITE_WALK_TIERS)[number];

/** Days between expected site walks for each tier: A weekly, B every two weeks, C monthly. */
export const SITE_WALK_TIER_INTERVAL_DAYS: Readonly<Record<SiteWalkTier, number>> = {
  A: 7,
  B: 14,
  C: 30,
};

export const ISSUE_STATUSES = ['OPEN', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'VERIFIED'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** Statuses in which an Issue still needs work (counts toward backlog, can be overdue, can be a duplicate). */
export const OPEN_ISSUE_STATUSES = ['OPEN', 'ASSIGNED', 'IN_PROGRESS'] as const satisfies readonly IssueStatus[];
export type OpenIssueStatus = (typeof OPEN_ISSUE_STATUSES)[number];

export const ISSUE_URGENCIES = ['ROUTINE', 'URGENT'] as const;
export type IssueUrgency = (typeof ISSUE_URGENCIES)[number];

export const ISSUE_SOURCES = ['SITE_WALK', 'CUSTOMER', 'CREW'] as const;
export type IssueSource = (typeof ISSUE_SOURCES)[number];

export const ISSUE_CATEGORIES = [
  'IRRIGATION_LEAK',
  'IRRIGATION_COVERAGE',
  'TURF_DAMAGE',
  'WEEDS',
  'LITTER',
  'PLANT_HEALTH',
  'PEST',
  'TREE_HAZARD',
  'TREE_PRUNING',
  'DRAINAGE',
  'HARDSCAPE',
  'SNOW_ICE',
  'SAFETY',
  'OTHER',
] as const;
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number];

export const ENHANCEMENT_STAGES = [
  'IDENTIFIED',
  'QUALIFIED',
  'ESTIMATING',
  'PROPOSED',
  'APPROVED',
  'SCHEDULED',
  'COMPLETED',
  'DECLINED',
] as const;
export type EnhancementStage = (typeof ENHANCEMENT_STAGES)[number];

/** Stages still in the pipeline (neither won-and-done nor lost). */
export const OPEN_ENHANCEMENT_STAGES = [
  'IDENTIFIED',
  'QUALIFIED',
  'ESTIMATING',
  'PROPOSED',
  'APPROVED',
  'SCHEDULED',
] as const satisfies readonly EnhancementStage[];
export type OpenEnhancementStage = (typeof OPEN_ENHANCEMENT_STAGES)[number];

export const PHOTO_KINDS = ['BEFORE', 'AFTER'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

export const PLAN_REVIEW_KINDS = ['MONTHLY_REVIEW', 'QUARTERLY_UPDATE'] as const;
export type PlanReviewKind = (typeof PLAN_REVIEW_KINDS)[number];

export const VISIT_CADENCES = ['WEEKLY', 'BIWEEKLY', 'MONTHLY'] as const;
export type VisitCadence = (typeof VISIT_CADENCES)[number];

export const HEALTH_BANDS = ['HEALTHY', 'WATCH', 'AT_RISK'] as const;
export type HealthBand = (typeof HEALTH_BANDS)[number];

export const RENEWAL_RISKS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type RenewalRisk = (typeof RENEWAL_RISKS)[number];

/**
 * Types of OpsEvent (DESIGN §4). Clients must ignore types they do not know:
 * new ones are added here as the product grows.
 */
export const OPS_EVENT_TYPES = [
  'ISSUE_CREATED',
  'ISSUE_ASSIGNED',
  'ISSUE_MOVED',
  'ISSUE_STATUS_CHANGED',
  'ISSUE_REOPENED',
  'ISSUE_EVIDENCE_ADDED',
  'ENHANCEMENT_CREATED',
  'ENHANCEMENT_ADVANCED',
  'SITE_WALK_STARTED',
  'SITE_WALK_COMPLETED',
  'ACCOUNT_HEALTH_CHANGED',
  'ACCOUNT_PLAN_CREATED',
  'ACCOUNT_PLAN_UPDATED',
  'PLAN_REVIEW_RECORDED',
] as const;
export type OpsEventTypeName = (typeof OPS_EVENT_TYPES)[number];

/**
 * Codes of the service lines a new company starts with. Service lines are rows,
 * not an enum (companies add their own); these codes only seed them and the
 * default routing table.
 */
export const SERVICE_LINE_CODES = [
  'MAINTENANCE',
  'IRRIGATION',
  'TREE_CARE',
  'PLANT_HEALTH',
  'ENHANCEMENTS',
  'SNOW',
] as const;
export type ServiceLineCode = (typeof SERVICE_LINE_CODES)[number];

export const SERVICE_LINE_LABELS: Readonly<Record<ServiceLineCode, string>> = {
  MAINTENANCE: 'Maintenance',
  IRRIGATION: 'Irrigation',
  TREE_CARE: 'Tree care',
  PLANT_HEALTH: 'Plant health care',
  ENHANCEMENTS: 'Enhancements & construction',
  SNOW: 'Snow & ice',
};

/**
 * Default routing table (category → service-line code) seeded for a new
 * company. Drainage goes to irrigation because irrigation techs own
 * water-management repairs (clogged drains, wet spots from lines); hardscape
 * repair is construction work, so enhancements; everything a maintenance crew
 * handles on its regular visit (turf, weeds, litter, safety hazards, anything
 * unclassified) goes to maintenance.
 */
export const DEFAULT_CATEGORY_SERVICE_LINE: Readonly<Record<IssueCategory, ServiceLineCode>> = {
  IRRIGATION_LEAK: 'IRRIGATION',
  IRRIGATION_COVERAGE: 'IRRIGATION',
  DRAINAGE: 'IRRIGATION',
  TREE_HAZARD: 'TREE_CARE',
  TREE_PRUNING: 'TREE_CARE',
  PLANT_HEALTH: 'PLANT_HEALTH',
  PEST: 'PLANT_HEALTH',
  SNOW_ICE: 'SNOW',
  HARDSCAPE: 'ENHANCEMENTS',
  TURF_DAMAGE: 'MAINTENANCE',
  WEEDS: 'MAINTENANCE',
  LITTER: 'MAINTENANCE',
  SAFETY: 'MAINTENANCE',
  OTHER: 'MAINTENANCE',
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  EXECUTIVE: 'Executive',
  OPS_MANAGER: 'Operations manager',
  ACCOUNT_MANAGER: 'Account manager',
  CREW_LEAD: 'Crew lead',
};

/** What a site walk scores, each 1 (poor) – 5 (excellent): the property's quality trend. */
export const QUALITY_AREAS = ['TURF', 'SHRUBS_AND_BEDS', 'TREES', 'HARDSCAPE_AND_CLEANLINESS', 'IRRIGATION'] as const;
export type QualityArea = (typeof QUALITY_AREAS)[number];

export const QUALITY_AREA_LABELS: Readonly<Record<QualityArea, string>> = {
  TURF: 'Turf',
  SHRUBS_AND_BEDS: 'Shrubs and beds',
  TREES: 'Trees',
  HARDSCAPE_AND_CLEANLINESS: 'Hardscape and cleanliness',
  IRRIGATION: 'Irrigation',
};

export const ISSUE_CATEGORY_LABELS: Readonly<Record<IssueCategory, string>> = {
  IRRIGATION_LEAK: 'Irrigation leak',
  IRRIGATION_COVERAGE: 'Irrigation coverage',
  TURF_DAMAGE: 'Turf damage',
  WEEDS: 'Weeds',
  LITTER: 'Litter',
  PLANT_HEALTH: 'Plant health',
  PEST: 'Pests',
  TREE_HAZARD: 'Tree hazard',
  TREE_PRUNING: 'Tree pruning',
  DRAINAGE: 'Drainage',
  HARDSCAPE: 'Hardscape',
  SNOW_ICE: 'Snow & ice',
  SAFETY: 'Safety',
  OTHER: 'Other',
};

export const ISSUE_STATUS_LABELS: Readonly<Record<IssueStatus, string>> = {
  OPEN: 'Open',
  ASSIGNED: 'Assigned',
  IN_PROGRESS: 'In progress',
  RESOLVED: 'Resolved',
  VERIFIED: 'Verified',
};

export const ISSUE_URGENCY_LABELS: Readonly<Record<IssueUrgency, string>> = {
  ROUTINE: 'Routine',
  URGENT: 'Urgent',
};

export const ENHANCEMENT_STAGE_LABELS: Readonly<Record<EnhancementStage, string>> = {
  IDENTIFIED: 'Identified',
  QUALIFIED: 'Qualified',
  ESTIMATING: 'Estimating',
  PROPOSED: 'Proposed',
  APPROVED: 'Approved',
  SCHEDULED: 'Scheduled',
  COMPLETED: 'Completed',
  DECLINED: 'Declined',
};

export const HEALTH_BAND_LABELS: Readonly<Record<HealthBand, string>> = {
  HEALTHY: 'Healthy',
  WATCH: 'Watch',
  AT_RISK: 'At risk',
};

/** Narrows an unknown value to a member of one of the value arrays above. */
export function isOneOf<const T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** Whether an Issue in this status still needs work. */
export function isOpenIssueStatus(status: IssueStatus): status is OpenIssueStatus {
  return isOneOf(OPEN_ISSUE_STATUSES, status);
}

/** Whether an Enhancement in this stage is still in the pipeline. */
export function isOpenEnhancementStage(stage: EnhancementStage): stage is OpenEnhancementStage {
  return isOneOf(OPEN_ENHANCEMENT_STAGES, stage);
}
