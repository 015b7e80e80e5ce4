import type { EntityManager } from '@mikro-orm/sql';
import {
  DEFAULT_CATEGORY_SERVICE_LINE,
  ISSUE_CATEGORIES,
  SERVICE_LINE_CODES,
  type Role,
  type VisitCadence,
} from '@groundwork/shared';
import { User } from '../../src/modules/users/index.js';
import { CategoryRoute, Crew, ServiceLine, ServiceSchedule } from '../../src/modules/crews/index.js';
import { Account } from '../../src/modules/accounts/index.js';
import { ClientProperty } from '../../src/modules/properties/index.js';
import { hashPassword, signToken } from '../../src/modules/auth/index.js';
import type { TestClock } from './clock.js';

let counter = 0;
const next = () => ++counter;

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;

export async function createUser(
  em: EntityManager,
  overrides: Partial<Pick<User, 'role' | 'name' | 'email'>> & { crew?: Crew } = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const n = next();
  const user = em.create(User, {
    email: overrides.email ?? `user${n}@test.groundwork`,
    name: overrides.name ?? `User ${n}`,
    role: overrides.role ?? ('OPS_MANAGER' as Role),
    passwordHash: await passwordHash,
    crew: overrides.crew ?? null,
  });
  await em.flush();
  return { user, token: await signToken(user) };
}

/** Every default service line and the default category routing table. */
export async function createServiceLines(em: EntityManager) {
  const lines = Object.fromEntries(
    SERVICE_LINE_CODES.map((code) => [code, em.create(ServiceLine, { code, name: code.toLowerCase() })]),
  ) as Record<(typeof SERVICE_LINE_CODES)[number], ServiceLine>;
  for (const category of ISSUE_CATEGORIES) {
    em.create(CategoryRoute, { category, serviceLine: lines[DEFAULT_CATEGORY_SERVICE_LINE[category]] });
  }
  await em.flush();
  return lines;
}

export async function createCrew(em: EntityManager, serviceLine: ServiceLine, name = `Crew ${next()}`) {
  const crew = em.create(Crew, { name, serviceLine, color: '#2f9e44' });
  await em.flush();
  return crew;
}

export async function createAccount(
  em: EntityManager,
  accountManager: User,
  overrides: Partial<Pick<Account, 'name' | 'annualValue' | 'renewalDate' | 'tier'>> = {},
) {
  const n = next();
  const account = em.create(Account, {
    name: overrides.name ?? `Account ${n}`,
    segment: 'HOA',
    accountManager,
    annualValue: overrides.annualValue ?? 50_000,
    contractStart: '2024-01-01',
    renewalDate: overrides.renewalDate ?? '2027-06-30',
    tier: overrides.tier ?? 'B',
  });
  await em.flush();
  return account;
}

/** A square site of about `sizeM` metres a side centred on (lng, lat). */
export async function createProperty(
  em: EntityManager,
  account: Account,
  center: { lng: number; lat: number } = { lng: -104.99, lat: 39.74 },
  sizeM = 200,
  name?: string,
) {
  const dLat = sizeM / 2 / 111_320;
  const dLng = sizeM / 2 / (111_320 * Math.cos((center.lat * Math.PI) / 180));
  const ring = [
    [center.lng - dLng, center.lat - dLat],
    [center.lng + dLng, center.lat - dLat],
    [center.lng + dLng, center.lat + dLat],
    [center.lng - dLng, center.lat + dLat],
    [center.lng - dLng, center.lat - dLat],
  ];
  const property = em.create(ClientProperty, {
    account,
    name: name ?? `Property ${next()}`,
    address: '1 Test Way, Denver, CO',
    boundary: { type: 'MultiPolygon', coordinates: [[ring]] },
  });
  await em.flush();
  return property;
}

export async function createSchedule(
  em: EntityManager,
  property: ClientProperty,
  serviceLine: ServiceLine,
  crew: Crew,
  schedule: { weekday: number; cadence: VisitCadence; anchorDate: string },
) {
  const row = em.create(ServiceSchedule, { property, serviceLine, crew, ...schedule });
  await em.flush();
  return row;
}

export interface BulkIssueOptions {
  status?: string;
  urgency?: 'ROUTINE' | 'URGENT';
  category?: string;
  crew?: Crew | null;
  serviceLine?: ServiceLine | null;
  dueAt?: Date | null;
}

/** `n` Issues at random points inside the property, in one statement (for map volumes). */
export async function insertIssues(em: EntityManager, property: ClientProperty, n: number, o: BulkIssueOptions = {}) {
  await em.getConnection().execute(
    `insert into issues (id, property_id, account_id, location, title, category, service_line_id, urgency, status,
       crew_id, due_at, source, created_at, updated_at)
     select gen_random_uuid(), p.id, p.account_id, d.geom, 'Bulk issue', ?, ?, ?, ?, ?, ?, 'CUSTOMER', now(), now()
     from properties p cross join lateral ST_Dump(ST_GeneratePoints(p.boundary, ?)) d
     where p.id = ?`,
    [
      o.category ?? 'LITTER',
      o.serviceLine?.id ?? null,
      o.urgency ?? 'ROUTINE',
      o.status ?? 'OPEN',
      o.crew?.id ?? null,
      o.dueAt ?? null,
      n,
      property.id,
    ],
    'run',
  );
}

/** `n` Enhancements at random points inside the property, in one statement. */
export async function insertEnhancements(
  em: EntityManager,
  property: ClientProperty,
  n: number,
  o: { stage?: string; serviceLine?: ServiceLine | null } = {},
) {
  const qualified = !['IDENTIFIED', 'DECLINED'].includes(o.stage ?? 'IDENTIFIED');
  await em.getConnection().execute(
    `insert into enhancements (id, property_id, account_id, location, title, service_line_id, stage,
       customer_interest, budget_confirmed, created_at, updated_at)
     select gen_random_uuid(), p.id, p.account_id, d.geom, 'Bulk enhancement', ?, ?, ?, ?, now(), now()
     from properties p cross join lateral ST_Dump(ST_GeneratePoints(p.boundary, ?)) d
     where p.id = ?`,
    [o.serviceLine?.id ?? null, o.stage ?? 'IDENTIFIED', qualified, qualified, n, property.id],
    'run',
  );
}

/**
 * Completed site walks `daysAgo` days back from the server clock's now (an
 * hour each), by `walkedBy`, with a relationship pulse; written in SQL because
 * walks are only ever started "now" through the API. Returns their ids, in
 * the order given.
 */
export async function createPastSiteWalks(
  em: EntityManager,
  property: ClientProperty,
  walkedBy: User,
  daysAgo: readonly number[],
  pulse: number | null,
  clock: TestClock,
): Promise<string[]> {
  const ids: string[] = [];
  for (const days of daysAgo) {
    const startedAt = new Date(clock.now().getTime() - days * 86_400_000);
    const [row] = await em.getConnection().execute<{ id: string }[]>(
      `insert into site_walks (id, property_id, account_id, walked_by_id, started_at, completed_at, relationship_pulse)
       values (gen_random_uuid(), ?, ?, ?, ?, ?::timestamptz + interval '1 hour', ?)
       returning id`,
      [property.id, property.account.id, walkedBy.id, startedAt, startedAt, pulse],
    );
    ids.push(row!.id);
  }
  return ids;
}

/**
 * This (company) year's account plan with a monthly review and a quarterly
 * update, each `daysAgo` company days back (or `monthlyDaysAgo` /
 * `quarterlyDaysAgo` apart).
 */
export async function createReviewedPlan(
  em: EntityManager,
  account: Account,
  reviewer: User,
  clock: TestClock,
  days: { monthlyDaysAgo?: number; quarterlyDaysAgo?: number } = {},
) {
  await em.getConnection().execute(
    `with plan as (insert into account_plans (id, account_id, year) values (gen_random_uuid(), ?, ?) returning id)
     insert into plan_reviews (id, plan_id, kind, date, reviewer_id)
     select gen_random_uuid(), plan.id, r.kind, r.date::date, ? from plan,
       (values ('MONTHLY_REVIEW', ?), ('QUARTERLY_UPDATE', ?)) as r(kind, date)`,
    [
      account.id,
      Number(clock.today().slice(0, 4)),
      reviewer.id,
      clock.date(-(days.monthlyDaysAgo ?? 5)),
      clock.date(-(days.quarterlyDaysAgo ?? 5)),
    ],
  );
}
