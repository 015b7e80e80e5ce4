import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/sql';
import type { ClientProperty } from '../src/modules/properties/index.js';
import type { Crew } from '../src/modules/crews/index.js';
import { expectedWalks, walkCompliance } from '@groundwork/shared';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';
import {
  createAccount,
  createCrew,
  createPastSiteWalks,
  createProperty,
  createReviewedPlan,
  createServiceLines,
  createUser,
} from './support/factories.js';

// Wednesday 10 June 2026, 2 pm in Denver (UTC−6 in summer): this month is 2026-06, last month 2026-05.
const AT = '2026-06-10T20:00:00Z';

const FIGURES = `month routineDue routineFixedOnTime fixedByNextVisit resolved medianHoursToFixRoutine
  medianHoursToFixUrgent firstTimeRight overdue safetyOpen medianHoursToFixSafety walksDone walksExpected
  walkCompliance enhancementsIdentified enhancementsQualified enhancementsApproved approvedValue
  approvedValueShare planAccounts planReviewsOnTime planUpdatesOnTime`;
const KPIS = `query($input: KpiInput!) { kpis(input: $input) {
  dimension months rowCount truncated asOf
  rows { key label months { ${FIGURES} } }
  company { key label months { ${FIGURES} } } } }`;
const RECORDS = `query($input: KpiRecordsInput!) { kpiRecords(input: $input) {
  metric month total truncated
  records { kind id title accountName at good hours value done expected note } } }`;

interface Figures {
  month: string;
  [k: string]: unknown;
}
interface Row {
  key: string;
  label: string;
  months: Figures[];
}
interface Table {
  dimension: string;
  months: string[];
  rowCount: number;
  truncated: boolean;
  asOf: string;
  rows: Row[];
  company: Row;
}

interface IssueSpec {
  title: string;
  created: string;
  due?: string | null;
  resolved?: string | null;
  urgency?: 'ROUTINE' | 'URGENT';
  category?: string;
  crew?: Crew | null;
  reopens?: number;
}

/** An Issue with the given instants, in SQL (the API only ever writes "now"). */
async function issue(em: EntityManager, property: ClientProperty, s: IssueSpec): Promise<string> {
  const [row] = await em.getConnection().execute<{ id: string }[]>(
    `insert into issues (id, property_id, account_id, location, title, category, urgency, status, crew_id,
       due_at, source, reopen_count, created_at, updated_at, resolved_at)
     values (gen_random_uuid(), ?, ?, ST_PointOnSurface(?::geometry), ?, ?, ?, ?, ?, ?, 'SITE_WALK', ?, ?, ?, ?)
     returning id`,
    [
      property.id,
      property.account.id,
      await boundaryOf(em, property),
      s.title,
      s.category ?? 'WEEDS',
      s.urgency ?? 'ROUTINE',
      s.resolved ? 'RESOLVED' : s.crew ? 'ASSIGNED' : 'OPEN',
      s.crew?.id ?? null,
      s.due ?? null,
      s.reopens ?? 0,
      s.created,
      s.resolved ?? s.created,
      s.resolved ?? null,
    ],
  );
  return row!.id;
}

async function boundaryOf(em: EntityManager, property: ClientProperty): Promise<string> {
  const [row] = await em
    .getConnection()
    .execute<{ b: string }[]>(`select ST_AsText(boundary) as b from properties where id = ?`, [property.id]);
  return row!.b;
}

async function enhancement(
  em: EntityManager,
  property: ClientProperty,
  s: { title: string; created: string; qualified: boolean; approved?: string; stage: string; value: number },
) {
  await em.getConnection().execute(
    `insert into enhancements (id, property_id, account_id, location, title, stage, customer_interest,
       budget_confirmed, proposal_value, created_at, updated_at, approved_at)
     select gen_random_uuid(), p.id, p.account_id, ST_PointOnSurface(p.boundary), ?, ?, ?, ?, ?, ?, ?, ?
     from properties p where p.id = ?`,
    [s.title, s.stage, s.qualified, s.qualified, s.value, s.created, s.created, s.approved ?? null, property.id],
  );
}

const nothing = {
  routineDue: 0,
  routineFixedOnTime: 0,
  fixedByNextVisit: null,
  resolved: 0,
  medianHoursToFixRoutine: null,
  medianHoursToFixUrgent: null,
  firstTimeRight: null,
  overdue: 0,
  safetyOpen: 0,
  medianHoursToFixSafety: null,
};
const noAccounts = {
  walksDone: null,
  walksExpected: null,
  walkCompliance: null,
  enhancementsIdentified: null,
  enhancementsQualified: null,
  enhancementsApproved: null,
  approvedValue: null,
  approvedValueShare: null,
  planAccounts: null,
  planReviewsOnTime: null,
  planUpdatesOnTime: null,
};

describe.each(BACKENDS)('KPIs (%s)', (backend) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(backend, { HEALTH_SWEEP_SECONDS: '86400' }, { at: AT });
    const em = server.em();
    const lines = await createServiceLines(em);
    const north = await createCrew(em, lines.MAINTENANCE, 'North');
    const south = await createCrew(em, lines.MAINTENANCE, 'South');
    const idle = await createCrew(em, lines.IRRIGATION, 'Idle');
    const jordan = await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Jordan Ellis' });
    const sam = await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Sam Ortiz' });
    const riley = await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Riley Quinn' });
    tokens.jordan = jordan.token;
    tokens.exec = (await createUser(em, { role: 'EXECUTIVE' })).token;
    tokens.ops = (await createUser(em, { role: 'OPS_MANAGER' })).token;
    tokens.south = (await createUser(em, { role: 'CREW_LEAD', crew: south })).token;
    tokens.noCrew = (await createUser(em, { role: 'CREW_LEAD' })).token;
    Object.assign(ids, { jordan: jordan.user.id, sam: sam.user.id, riley: riley.user.id });
    Object.assign(ids, { north: north.id, south: south.id, idle: idle.id });

    const birch = await createAccount(em, jordan.user, { name: 'Birch Court', tier: 'A', annualValue: 50_000 });
    const cedar = await createAccount(em, jordan.user, { name: 'Cedar Plaza', tier: 'C', annualValue: 100_000 });
    const alder = await createAccount(em, sam.user, { name: 'Alder Park', tier: 'B', annualValue: 80_000 });
    const quiet = await createAccount(em, riley.user, { name: 'Quiet Acres', tier: 'C', annualValue: 20_000 });
    Object.assign(ids, { birch: birch.id, cedar: cedar.id, alder: alder.id, quiet: quiet.id });
    const pBirch = await createProperty(em, birch);
    const pCedar = await createProperty(em, cedar);
    const pAlder = await createProperty(em, alder);
    await createProperty(em, quiet);

    // Jordan, May 2026. Routine due in May: I1 on time, I2 late (and reopened once), I3 still open
    // (overdue at the month's end), I5 on time. Resolved in May: I1 144 h, I2 240 h, I5 72 h, I4 6 h.
    ids.i1 = await issue(em, pBirch, {
      title: 'I1',
      created: '2026-05-03T15:00:00Z',
      due: '2026-05-10T18:00:00Z',
      resolved: '2026-05-09T15:00:00Z',
      crew: north,
    });
    ids.i2 = await issue(em, pBirch, {
      title: 'I2',
      created: '2026-05-04T15:00:00Z',
      due: '2026-05-12T18:00:00Z',
      resolved: '2026-05-14T15:00:00Z',
      crew: north,
      reopens: 1,
    });
    ids.i3 = await issue(em, pBirch, {
      title: 'I3',
      created: '2026-05-20T15:00:00Z',
      due: '2026-05-27T18:00:00Z',
      crew: south,
    });
    ids.i4 = await issue(em, pBirch, {
      title: 'I4',
      created: '2026-05-15T10:00:00Z',
      due: '2026-05-16T10:00:00Z',
      resolved: '2026-05-15T16:00:00Z',
      urgency: 'URGENT',
      category: 'SAFETY',
      crew: south,
    });
    ids.i5 = await issue(em, pCedar, {
      title: 'I5',
      created: '2026-04-28T15:00:00Z',
      due: '2026-05-02T18:00:00Z',
      resolved: '2026-05-01T15:00:00Z',
      crew: north,
    });
    // Due in June: not May's.
    await issue(em, pCedar, { title: 'I6', created: '2026-05-28T15:00:00Z', due: '2026-06-02T18:00:00Z', crew: north });
    // Sam, May: I7 on time; I9 due in the last second of May in Denver (06:00Z is June's first instant).
    ids.i7 = await issue(em, pAlder, {
      title: 'I7',
      created: '2026-05-05T15:00:00Z',
      due: '2026-05-12T18:00:00Z',
      resolved: '2026-05-11T15:00:00Z',
      crew: south,
    });
    ids.i9 = await issue(em, pAlder, {
      title: 'I9',
      created: '2026-05-25T15:00:00Z',
      due: '2026-06-01T05:59:59Z',
      resolved: '2026-05-26T15:00:00Z',
      crew: north,
    });
    await issue(em, pAlder, { title: 'I10', created: '2026-05-25T15:00:00Z', due: '2026-06-01T06:00:00Z' });
    // An open safety Issue, unrouted, past due at May's end.
    ids.i8 = await issue(em, pAlder, {
      title: 'I8',
      created: '2026-05-30T15:00:00Z',
      due: '2026-05-31T15:00:00Z',
      urgency: 'URGENT',
      category: 'SAFETY',
    });

    // Walks in May: Birch (weekly) 3, Cedar (monthly) 2, and one of Birch's in April.
    await createPastSiteWalks(em, pBirch, jordan.user, [12, 20, 30, 45], 4, server.clock);
    await createPastSiteWalks(em, pCedar, jordan.user, [15, 25], 4, server.clock);
    // Plans: Birch reviewed 20 May, updated 10 April; Cedar reviewed 20 April only; Alder has none.
    await createReviewedPlan(em, birch, jordan.user, server.clock, { monthlyDaysAgo: 21, quarterlyDaysAgo: 61 });
    await createReviewedPlan(em, cedar, jordan.user, server.clock, { monthlyDaysAgo: 51, quarterlyDaysAgo: 200 });

    // Enhancements identified in May: E1 (qualified, approved 20 May, $12,000), E2 (not qualified),
    // E4 (qualified, declined); E3 identified in April, approved 2 May ($3,000); Alder's E5 qualified.
    await enhancement(em, pBirch, {
      title: 'E1',
      created: '2026-05-05T15:00:00Z',
      qualified: true,
      approved: '2026-05-20T15:00:00Z',
      stage: 'APPROVED',
      value: 12_000,
    });
    await enhancement(em, pBirch, {
      title: 'E2',
      created: '2026-05-06T15:00:00Z',
      qualified: false,
      stage: 'IDENTIFIED',
      value: 900,
    });
    await enhancement(em, pBirch, {
      title: 'E3',
      created: '2026-04-01T15:00:00Z',
      qualified: true,
      approved: '2026-05-02T15:00:00Z',
      stage: 'SCHEDULED',
      value: 3_000,
    });
    await enhancement(em, pCedar, {
      title: 'E4',
      created: '2026-05-07T15:00:00Z',
      qualified: true,
      stage: 'DECLINED',
      value: 7_000,
    });
    await enhancement(em, pAlder, {
      title: 'E5',
      created: '2026-05-08T15:00:00Z',
      qualified: true,
      stage: 'QUALIFIED',
      value: 5_000,
    });
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  async function kpis(token: string, input: Record<string, unknown>): Promise<Table> {
    const res = await server.gql<{ kpis: Table }>(KPIS, { input }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.kpis;
  }
  const may = (row: Row | undefined) => row!.months.at(-1)!;
  const byLabel = (t: Table, label: string) => t.rows.find((r) => r.label === label);

  // Walks owed in May's 31 days, by the shared rule the statement counts in SQL.
  const owed = {
    birch: expectedWalks('A', 31),
    cedar: expectedWalks('C', 31),
    alder: expectedWalks('B', 31),
    quiet: expectedWalks('C', 31),
  };

  it('gives each account manager their May figures, the company beside them, 12 months ending with May', async () => {
    const t = await kpis(tokens.exec, { dimension: 'ACCOUNT_MANAGER', month: '2026-05' });
    expect(t.months).toEqual([
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
    ]);
    expect(t.rows.map((r) => [r.key, r.label])).toEqual([
      [ids.jordan, 'Jordan Ellis'],
      [ids.riley, 'Riley Quinn'],
      [ids.sam, 'Sam Ortiz'],
    ]);
    expect([t.rowCount, t.truncated]).toEqual([3, false]);
    expect(t.asOf).toBe('2026-06-01T06:00:00.000Z');
    const jordan = may(byLabel(t, 'Jordan Ellis'));
    expect(jordan).toEqual({
      month: '2026-05',
      routineDue: 4,
      routineFixedOnTime: 2,
      fixedByNextVisit: 0.5,
      resolved: 4,
      medianHoursToFixRoutine: 144,
      medianHoursToFixUrgent: 6,
      firstTimeRight: 0.75,
      overdue: 1,
      safetyOpen: 0,
      medianHoursToFixSafety: 6,
      walksDone: 5,
      walksExpected: expect.closeTo(owed.birch + owed.cedar, 9),
      walkCompliance: expect.closeTo(
        walkCompliance([
          { done: 3, expected: owed.birch },
          { done: 2, expected: owed.cedar },
        ])!,
        9,
      ),
      enhancementsIdentified: 3,
      enhancementsQualified: 2,
      enhancementsApproved: 1,
      approvedValue: 15_000,
      approvedValueShare: 0.1,
      planAccounts: 2,
      planReviewsOnTime: 0.5,
      planUpdatesOnTime: 0.5,
    });
    expect(may(byLabel(t, 'Sam Ortiz'))).toEqual({
      month: '2026-05',
      routineDue: 2,
      routineFixedOnTime: 2,
      fixedByNextVisit: 1,
      resolved: 2,
      medianHoursToFixRoutine: 84, // 144 h and 24 h
      medianHoursToFixUrgent: null,
      firstTimeRight: 1,
      overdue: 1,
      safetyOpen: 1,
      medianHoursToFixSafety: null,
      walksDone: 0,
      walksExpected: expect.closeTo(owed.alder, 9),
      walkCompliance: 0,
      enhancementsIdentified: 1,
      enhancementsQualified: 1,
      enhancementsApproved: 0,
      approvedValue: 0,
      approvedValueShare: 0,
      planAccounts: 1,
      planReviewsOnTime: 0,
      planUpdatesOnTime: 0,
    });
    // No data is "—" (null), not 0; what Riley's account owed still counts.
    expect(may(byLabel(t, 'Riley Quinn'))).toEqual({
      month: '2026-05',
      ...nothing,
      walksDone: 0,
      walksExpected: expect.closeTo(owed.quiet, 9),
      walkCompliance: 0,
      enhancementsIdentified: 0,
      enhancementsQualified: 0,
      enhancementsApproved: 0,
      approvedValue: 0,
      approvedValueShare: 0,
      planAccounts: 1,
      planReviewsOnTime: 0,
      planUpdatesOnTime: 0,
    });
    const owedAll = owed.birch + owed.cedar + owed.alder + owed.quiet;
    expect(t.company.key).toBe('company');
    expect(may(t.company)).toEqual({
      month: '2026-05',
      routineDue: 6,
      routineFixedOnTime: 4,
      fixedByNextVisit: 4 / 6,
      resolved: 6,
      medianHoursToFixRoutine: 144, // 24, 72, 144, 144, 240
      medianHoursToFixUrgent: 6,
      firstTimeRight: 5 / 6,
      overdue: 2,
      safetyOpen: 1,
      medianHoursToFixSafety: 6,
      walksDone: 5,
      walksExpected: expect.closeTo(owedAll, 9),
      walkCompliance: expect.closeTo((3 + owed.cedar) / owedAll, 9),
      enhancementsIdentified: 4,
      enhancementsQualified: 3,
      enhancementsApproved: 1,
      approvedValue: 15_000,
      approvedValueShare: 15_000 / 250_000,
      planAccounts: 4,
      planReviewsOnTime: 0.25,
      planUpdatesOnTime: 0.25,
    });
    // April: Birch's one walk, Cedar's review, E3 identified, I5 created but due in May.
    const april = byLabel(t, 'Jordan Ellis')!.months.at(-2)!;
    expect([april.month, april.walksDone, april.routineDue, april.enhancementsIdentified]).toEqual([
      '2026-04',
      1,
      0,
      1,
    ]);
    // Birch's quarterly update (10 April) is April's review too; Cedar's November update is too old.
    expect([april.planReviewsOnTime, april.planUpdatesOnTime]).toEqual([1, 0.5]);
  });

  it('reads the month under way up to now', async () => {
    const t = await kpis(tokens.exec, { dimension: 'ACCOUNT_MANAGER' });
    expect(t.months.at(-1)).toBe('2026-06');
    // The test clock starts at AT and runs on.
    expect(Date.parse(t.asOf) - Date.parse(AT)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(t.asOf) - Date.parse(AT)).toBeLessThan(3_600_000);
    const sam = may(byLabel(t, 'Sam Ortiz'));
    // I10 (due at June's first instant) is routine due in June, open: overdue now, as is I8.
    expect([sam.routineDue, sam.routineFixedOnTime, sam.fixedByNextVisit, sam.overdue]).toEqual([1, 0, 0, 2]);
    // Ten days of June owed: Alder 10/14 walks.
    expect(sam.walksExpected).toBeCloseTo(10 / 14, 9);
  });

  it('gives crews their Issue figures only', async () => {
    const t = await kpis(tokens.exec, { dimension: 'CREW', month: '2026-05' });
    expect(t.rows.map((r) => r.label)).toEqual(['Idle', 'North', 'South']);
    expect(may(byLabel(t, 'North'))).toMatchObject({
      routineDue: 4,
      routineFixedOnTime: 3,
      resolved: 4,
      firstTimeRight: 3 / 4,
      ...noAccounts,
    });
    expect(may(byLabel(t, 'South'))).toMatchObject({
      routineDue: 2,
      routineFixedOnTime: 1,
      resolved: 2,
      medianHoursToFixUrgent: 6,
      overdue: 1,
      ...noAccounts,
    });
    expect(may(byLabel(t, 'Idle'))).toEqual({ month: '2026-05', ...nothing, ...noAccounts });
    // The company keeps every figure, unrouted Issues included.
    expect(may(t.company)).toMatchObject({ routineDue: 6, overdue: 2, walksDone: 5, planAccounts: 4 });
  });

  it('gives accounts, narrowed to a manager', async () => {
    const t = await kpis(tokens.exec, { dimension: 'ACCOUNT', month: '2026-05', accountManagerId: ids.jordan });
    expect(t.rows.map((r) => r.label)).toEqual(['Birch Court', 'Cedar Plaza']);
    expect(may(byLabel(t, 'Birch Court'))).toMatchObject({
      routineDue: 3,
      walksDone: 3,
      walkCompliance: 3 / owed.birch,
    });
    expect(may(byLabel(t, 'Cedar Plaza'))).toMatchObject({
      routineDue: 1,
      walksDone: 2,
      walkCompliance: 1,
      approvedValueShare: 0,
    });
  });

  it("scopes rows to the viewer: an account manager sees their own, a crew lead its crew's; the company stays whole", async () => {
    const own = await kpis(tokens.jordan, { dimension: 'ACCOUNT_MANAGER', month: '2026-05' });
    expect(own.rows.map((r) => r.label)).toEqual(['Jordan Ellis']);
    expect(may(own.company)).toMatchObject({ routineDue: 6, planAccounts: 4 });
    // Asking for another manager narrows to nothing, never widens.
    const other = await kpis(tokens.jordan, { dimension: 'ACCOUNT', month: '2026-05', accountManagerId: ids.sam });
    expect(other.rows).toEqual([]);
    const accounts = await kpis(tokens.jordan, { dimension: 'ACCOUNT', month: '2026-05' });
    expect(accounts.rows.map((r) => r.label)).toEqual(['Birch Court', 'Cedar Plaza']);
    // Crews on Jordan's accounts only, with Jordan's Issues only.
    const crews = await kpis(tokens.jordan, { dimension: 'CREW', month: '2026-05' });
    expect(crews.rows.map((r) => [r.label, may(r).routineDue])).toEqual([
      ['North', 3],
      ['South', 1],
    ]);
    const lead = await kpis(tokens.south, { dimension: 'CREW', month: '2026-05' });
    expect(lead.rows.map((r) => [r.label, may(r).routineDue])).toEqual([['South', 2]]);
    for (const dimension of ['ACCOUNT_MANAGER', 'ACCOUNT']) {
      const refused = await server.gql(KPIS, { input: { dimension, month: '2026-05' } }, tokens.south);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const none = await server.gql(KPIS, { input: { dimension: 'CREW' } }, tokens.noCrew);
    expect(none.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a month that is not YYYY-MM or is after this one, naming the field', async () => {
    for (const month of ['2026-13', 'May 2026', '2026-5', '2026-07']) {
      const res = await server.gql(KPIS, { input: { dimension: 'CREW', month } }, tokens.exec);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.month' });
    }
  });

  it('opens the records behind each figure: as many as it counts', async () => {
    const records = async (token: string, input: Record<string, unknown>) => {
      const res = await server.gql<{
        kpiRecords: {
          total: number;
          truncated: boolean;
          records: { title: string; good: boolean | null; [k: string]: unknown }[];
        };
      }>(RECORDS, { input: { month: '2026-05', ...input } }, token);
      expect(res.errors).toBeUndefined();
      return res.data!.kpiRecords;
    };
    const jordan = { dimension: 'ACCOUNT_MANAGER', key: ids.jordan };
    const fixed = await records(tokens.exec, { ...jordan, metric: 'FIXED_BY_NEXT_VISIT' });
    expect(fixed.total).toBe(4);
    expect(fixed.records.map((r) => [r.title, r.good])).toEqual([
      ['I3', false],
      ['I2', false],
      ['I1', true],
      ['I5', true],
    ]);
    const ftr = await records(tokens.exec, { ...jordan, metric: 'FIRST_TIME_RIGHT' });
    expect(ftr.records.map((r) => [r.title, r.good, r.hours])).toEqual([
      ['I4', true, 6],
      ['I2', false, 240],
      ['I1', true, 144],
      ['I5', true, 72],
    ]);
    const overdue = await records(tokens.exec, { dimension: 'ACCOUNT_MANAGER', metric: 'OVERDUE' });
    expect(overdue.records.map((r) => r.title)).toEqual(['I8', 'I3']);
    const walks = await records(tokens.exec, { ...jordan, metric: 'WALK_COMPLIANCE' });
    expect(walks.records.map((r) => [r.title, r.done, r.good])).toEqual([
      ['Birch Court', 3, false],
      ['Cedar Plaza', 2, true],
    ]);
    const enh = await records(tokens.exec, { ...jordan, metric: 'ENHANCEMENT_CONVERSION' });
    expect(enh.records.map((r) => [r.title, r.good])).toEqual([
      ['E4', false],
      ['E2', false],
      ['E1', true],
    ]);
    const value = await records(tokens.exec, { ...jordan, metric: 'APPROVED_VALUE' });
    expect(value.records.map((r) => [r.title, r.value])).toEqual([
      ['E1', 12_000],
      ['E3', 3_000],
    ]);
    const plans = await records(tokens.exec, { ...jordan, metric: 'PLAN_CADENCE' });
    expect(plans.records.map((r) => [r.title, r.good])).toEqual([
      ['Cedar Plaza', false],
      ['Birch Court', true],
    ]);
    const safety = await records(tokens.exec, { dimension: 'CREW', key: ids.south, metric: 'SAFETY' });
    expect(safety.records.map((r) => [r.title, r.good])).toEqual([['I4', true]]);
    // An account manager's records stay within their accounts, whatever key they send.
    const foreign = await records(tokens.jordan, { dimension: 'ACCOUNT_MANAGER', key: ids.sam, metric: 'OVERDUE' });
    expect(foreign).toMatchObject({ total: 0, records: [] });
    const all = await records(tokens.jordan, { dimension: 'ACCOUNT_MANAGER', metric: 'OVERDUE' });
    expect(all.records.map((r) => r.title)).toEqual(['I3']);
  });

  it('reads a table in the same number of statements however many managers there are', async () => {
    const em = server.em();
    // Statements that read: the table's transaction and its settings (kpi.queries) are not counted.
    const control = /^\[query\] (start transaction|begin|commit|rollback|set local )/;
    // eslint-disable-next-line no-control-regex -- the query log is coloured
    const plain = (q: string) => q.replace(/\x1b\[[0-9;]*m/g, '');
    const count = async () => {
      server.queries.length = 0;
      await kpis(tokens.exec, { dimension: 'ACCOUNT_MANAGER', month: '2026-05' });
      return server.queries.filter((q) => !control.test(plain(q))).length;
    };
    const before = await count();
    for (let i = 0; i < 5; i++) {
      const am = await createUser(em, { role: 'ACCOUNT_MANAGER', name: `Zed ${i}` });
      await createAccount(em, am.user);
    }
    expect(await count()).toBe(before);
    expect(before).toBeLessThanOrEqual(3);
  });
});
