import type { EntityManager } from '@mikro-orm/sql';
import {
  DEFAULT_CATEGORY_SERVICE_LINE,
  DEFAULT_HEALTH_CONFIG,
  ISSUE_CATEGORIES,
  OPEN_ISSUE_STATUSES,
  type HealthConfig,
  type IssueCategory,
  type Role,
} from '@groundwork/shared';
import type { Logger } from '../platform/logger.js';
import type { PhotoStore } from '../modules/photos/index.js';
import { hashPassword } from '../modules/auth/index.js';
import { backfillHealth } from '../modules/health/index.js';
import { DEMO_USER_SPECS, generateDemo, type CategoryRouteRow, type DemoData } from './demo.generate.js';
import { geoJsonSql, insertRows, pointSql } from './sql.js';
import { writeDemoPhotos } from './demo.photos.js';

export const DEMO_PASSWORD = 'groundwork-demo';

/** The demo logins (all with {@link DEMO_PASSWORD}): an executive, ops managers, account managers, one lead per crew. */
export const DEMO_USERS: readonly { email: string; name: string; role: Role }[] = DEMO_USER_SPECS.map(
  ({ email, name, role }) => ({
    email,
    name,
    role,
  }),
);

export interface SeedSummary {
  accounts: number;
  properties: number;
  issues: number;
  openIssues: number;
  siteWalks: number;
  enhancements: number;
  /** Photo rows (their files are a few shared scenes, rendered once). */
  photos: number;
  users: number;
  crews: number;
  /** Daily HealthSnapshots written (every account, the last 90 days and today). */
  healthSnapshots: number;
  /** Accounts whose data drifts toward risk, by name. */
  driftingAccounts: string[];
  ms: number;
}

export interface SeedDemoOptions {
  /** The company time zone (visit days, working hours). */
  timeZone: string;
  logger?: Logger;
  /** Data is relative to this day (default: today); the same day gives the same data. */
  now?: Date;
  /** The health model for the backfilled snapshots and stored health (default: the built-in one). */
  health?: HealthConfig;
  /** Where the demo's photo files are written (without one, the demo has no photos). */
  photoStore?: PhotoStore;
}

/** Days of HealthSnapshot history the demo starts with (trend30d, sparklines). */
export const DEMO_HEALTH_HISTORY_DAYS = 90;

// Any fixed 64-bit number: instances starting together take turns to check "empty" and seed.
const SEED_LOCK_KEY = 4_711_2027;

/**
 * Seeds the demo company when the database has no accounts yet; returns what
 * it wrote, or null when there was data already. Safe when several instances
 * start at once: they serialise on an advisory lock and re-check inside it.
 */
export async function seedDemoIfEmpty(em: EntityManager, options: SeedDemoOptions): Promise<SeedSummary | null> {
  const fork = em.fork();
  if (await hasAccounts(fork)) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return fork.transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(?)', [SEED_LOCK_KEY]);
    if (await hasAccounts(tx)) return null;
    return writeDemo(tx, options, passwordHash);
  });
}

/**
 * Writes the demo company (users, crews, ~60 accounts with 18 months of
 * history) in one transaction. Fails on a unique conflict if the demo users or
 * crews exist already: use {@link seedDemoIfEmpty} unless the database is known empty.
 */
export async function seedDemo(em: EntityManager, options: SeedDemoOptions): Promise<SeedSummary> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return em.fork().transactional(async (tx) => writeDemo(tx, options, passwordHash));
}

async function hasAccounts(em: EntityManager): Promise<boolean> {
  const rows = await em.execute<{ any: boolean }[]>('select exists (select 1 from accounts) as "any"');
  return rows[0]?.any === true;
}

async function writeDemo(tx: EntityManager, options: SeedDemoOptions, passwordHash: string): Promise<SeedSummary> {
  const started = Date.now();
  // A company may already have its service lines and routing table: keep them, add what is missing.
  const existingLines = await tx.execute<{ id: string; code: string }[]>('select id, code from service_lines');
  const serviceLineIds = Object.fromEntries(existingLines.map((r) => [r.code, r.id]));
  const existingRoutes = await tx.execute<{ category: IssueCategory; service_line_id: string }[]>(
    'select category, service_line_id from category_routes',
  );
  const now = options.now ?? new Date();
  const data = generateDemo({
    now,
    timeZone: options.timeZone,
    serviceLineIds,
    categoryRoutes: existingRoutes.length ? mergeRoutes(existingRoutes, serviceLineIds) : undefined,
  });
  const generatedMs = Date.now() - started;
  await writeData(tx, data, passwordHash, new Set(existingLines.map((r) => r.code)));
  const photos = options.photoStore
    ? await writeDemoPhotos(tx, data, { store: options.photoStore, timeZone: options.timeZone, now })
    : 0;
  const writtenMs = Date.now() - started;
  // Planner statistics for the rows just written: without them the facts statements below pick
  // nested loops over "empty" tables and the backfill takes several times longer.
  await tx.execute(
    'analyze accounts, properties, issues, site_walks, enhancements, account_plans, plan_reviews',
    [],
    'run',
  );
  const health = await backfillHealth(tx, {
    config: options.health ?? DEFAULT_HEALTH_CONFIG,
    now,
    timeZone: options.timeZone,
    days: DEMO_HEALTH_HISTORY_DAYS,
  });
  const summary: SeedSummary = {
    accounts: data.accounts.length,
    properties: data.properties.length,
    issues: data.issues.length,
    openIssues: data.issues.filter((i) => (OPEN_ISSUE_STATUSES as readonly string[]).includes(i.status)).length,
    siteWalks: data.siteWalks.length,
    enhancements: data.enhancements.length,
    photos,
    users: data.users.length,
    crews: data.crews.length,
    healthSnapshots: health.snapshots,
    driftingAccounts: data.driftingAccounts,
    ms: Date.now() - started,
  };
  options.logger?.debug(
    { generatedMs, healthBackfillMs: summary.ms - writtenMs, totalMs: summary.ms },
    'demo data generated and written, health history backfilled',
  );
  return summary;
}

// Existing routes win; categories the company has not routed get the default (if that line exists by then).
function mergeRoutes(
  existing: readonly { category: IssueCategory; service_line_id: string }[],
  serviceLineIds: Readonly<Record<string, string>>,
): CategoryRouteRow[] | undefined {
  const byCategory = new Map(existing.map((r) => [r.category, r.service_line_id]));
  const routes: CategoryRouteRow[] = [];
  for (const category of ISSUE_CATEGORIES) {
    const id = byCategory.get(category) ?? serviceLineIds[DEFAULT_CATEGORY_SERVICE_LINE[category]];
    if (!id) return undefined; // a default line is missing: let the generator create the whole default table
    routes.push({ category, serviceLineId: id });
  }
  return routes;
}

async function writeData(
  tx: EntityManager,
  d: DemoData,
  passwordHash: string,
  existingLines: ReadonlySet<string>,
): Promise<void> {
  await insertRows(
    tx,
    'service_lines',
    ['id', 'code', 'name'],
    d.serviceLines.filter((s) => !existingLines.has(s.code)).map((s) => [s.id, s.code, s.name]),
  );
  await insertRows(
    tx,
    'category_routes',
    ['category', 'service_line_id'],
    d.categoryRoutes.map((r) => [r.category, r.serviceLineId]),
    {
      suffix: 'on conflict (category) do nothing',
    },
  );
  // crews ↔ users reference each other: crews first without a lead, then users, then the leads.
  await insertRows(
    tx,
    'crews',
    ['id', 'name', 'service_line_id', 'color'],
    d.crews.map((c) => [c.id, c.name, c.serviceLineId, c.color]),
  );
  await insertRows(
    tx,
    'users',
    ['id', 'email', 'name', 'role', 'password_hash', 'crew_id'],
    d.users.map((u) => [u.id, u.email, u.name, u.role, passwordHash, u.crewId]),
  );
  for (const c of d.crews) {
    await tx.execute('update crews set lead_id = ? where id = ?', [c.leadId, c.id], 'run');
  }
  await insertRows(
    tx,
    'accounts',
    [
      'id',
      'name',
      'segment',
      'account_manager_id',
      'annual_value',
      'contract_start',
      'renewal_date',
      'tier',
      'created_at',
    ],
    d.accounts.map((a) => [
      a.id,
      a.name,
      a.segment,
      a.accountManagerId,
      a.annualValue,
      a.contractStart,
      a.renewalDate,
      a.tier,
      a.createdAt,
    ]),
  );
  await insertRows(
    tx,
    'contacts',
    ['id', 'account_id', 'name', 'title', 'email', 'phone', 'is_primary'],
    d.contacts.map((c) => [c.id, c.accountId, c.name, c.title, c.email, c.phone, c.isPrimary]),
  );
  // centroid and area_sqm are generated by PostgreSQL from the boundary.
  await insertRows(
    tx,
    'properties',
    ['id', 'account_id', 'name', 'address', 'boundary'],
    d.properties.map((p) => [p.id, p.accountId, p.name, p.address, geoJsonSql(p.boundary)]),
    { batch: 200 },
  );
  await insertRows(
    tx,
    'service_schedules',
    ['id', 'property_id', 'service_line_id', 'crew_id', 'weekday', 'cadence', 'anchor_date'],
    d.schedules.map((s) => [s.id, s.propertyId, s.serviceLineId, s.crewId, s.weekday, s.cadence, s.anchorDate]),
  );
  await insertRows(
    tx,
    'site_walks',
    [
      'id',
      'property_id',
      'account_id',
      'walked_by_id',
      'started_at',
      'completed_at',
      'notes',
      'customer_attended',
      'relationship_pulse',
    ],
    d.siteWalks.map((w) => [
      w.id,
      w.propertyId,
      w.accountId,
      w.walkedById,
      w.startedAt,
      w.completedAt,
      w.notes,
      w.customerAttended,
      w.relationshipPulse,
    ]),
  );
  await insertRows(
    tx,
    'issues',
    [
      'id',
      'property_id',
      'account_id',
      'site_walk_id',
      'location',
      'title',
      'description',
      'category',
      'service_line_id',
      'urgency',
      'status',
      'crew_id',
      'due_at',
      'source',
      'reopen_count',
      'created_by_id',
      'created_at',
      'updated_at',
      'assigned_at',
      'resolved_at',
      'verified_at',
      'version',
    ],
    d.issues.map((i) => [
      i.id,
      i.propertyId,
      i.accountId,
      i.siteWalkId,
      pointSql(i.location),
      i.title,
      i.description,
      i.category,
      i.serviceLineId,
      i.urgency,
      i.status,
      i.crewId,
      i.dueAt,
      i.source,
      i.reopenCount,
      i.createdById,
      i.createdAt,
      i.updatedAt,
      i.assignedAt,
      i.resolvedAt,
      i.verifiedAt,
      i.version,
    ]),
  );
  await insertRows(
    tx,
    'issue_activities',
    ['id', 'issue_id', 'kind', 'from_status', 'to_status', 'crew_id', 'location', 'note', 'actor_id', 'at'],
    d.issueActivities.map((a) => [
      a.id,
      a.issueId,
      a.kind,
      a.fromStatus,
      a.toStatus,
      a.crewId,
      a.location ? pointSql(a.location) : null,
      a.note,
      a.actorId,
      a.at,
    ]),
    { batch: 2000 },
  );
  await insertRows(
    tx,
    'enhancements',
    [
      'id',
      'property_id',
      'account_id',
      'site_walk_id',
      'location',
      'title',
      'description',
      'service_line_id',
      'stage',
      'customer_interest',
      'budget_confirmed',
      'estimated_value',
      'proposal_value',
      'decline_reason',
      'created_by_id',
      'created_at',
      'updated_at',
      'approved_at',
      'version',
    ],
    d.enhancements.map((e) => [
      e.id,
      e.propertyId,
      e.accountId,
      e.siteWalkId,
      pointSql(e.location),
      e.title,
      e.description,
      e.serviceLineId,
      e.stage,
      e.customerInterest,
      e.budgetConfirmed,
      e.estimatedValue,
      e.proposalValue,
      e.declineReason,
      e.createdById,
      e.createdAt,
      e.updatedAt,
      e.approvedAt,
      e.version,
    ]),
  );
  await insertRows(
    tx,
    'account_plans',
    ['id', 'account_id', 'year', 'goals', 'opportunities'],
    d.accountPlans.map((p) => [p.id, p.accountId, p.year, p.goals, p.opportunities]),
  );
  await insertRows(
    tx,
    'plan_reviews',
    ['id', 'plan_id', 'kind', 'date', 'notes', 'reviewer_id'],
    d.planReviews.map((r) => [r.id, r.planId, r.kind, r.date, r.notes, r.reviewerId]),
  );
}

/**
 * Empties every table the entities map (not the migrations table, not
 * PostGIS's spatial_ref_sys). Destructive: only the seed CLI's explicit
 * `--reset` calls it.
 */
export async function truncateAllData(em: EntityManager): Promise<string[]> {
  const tables = [...new Set([...em.getMetadata()].map((meta) => meta.tableName).filter(Boolean))].sort();
  if (tables.length === 0) return [];
  await em.execute(`truncate table ${tables.map((t) => `"${t}"`).join(', ')} restart identity cascade`, [], 'run');
  return tables;
}
