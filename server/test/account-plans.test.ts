import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contact, type Account } from '../src/modules/accounts/index.js';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';
import {
  createAccount,
  createProperty,
  createServiceLines,
  createUser,
  insertEnhancements,
} from './support/factories.js';
import { settled, subscribeEvents, untilSubscribed, writeMarker } from './support/subscriber.js';

// A weekday afternoon in the company's zone: "today" is 2026-06-10.
const AT = '2026-06-10T20:00:00Z';

const SAVE = `mutation($input: SaveAccountPlanInput!) { saveAccountPlan(input: $input) {
  id year version goals opportunities notes
  opportunityEnhancements { id title } peopleMet { id name } updatedBy { id } } }`;
const REVIEW = `mutation($input: RecordPlanReviewInput!) { recordPlanReview(input: $input) {
  id kind date notes goalsEvidence peopleMet nextOpportunities reviewer { id } } }`;
const PLAN = `query($id: ID!) { account(id: $id) { plan { id version goals lastMonthlyReviewDate lastQuarterlyUpdateDate
  reviews { id kind date notes } }
  health { factors { key metrics { key score } } } } }`;

type Gql = Awaited<ReturnType<TestServer['gql']>>;
const failure = (res: Gql) => {
  const e = res.errors?.[0];
  return e && { code: e.extensions?.code, field: e.extensions?.field };
};

describe.each(BACKENDS)('account plans (%s)', (backend) => {
  let server: TestServer;
  let am: { token: string; id: string };
  let otherAm: Awaited<ReturnType<typeof createUser>>;
  let ops: { token: string; id: string };
  let exec: { token: string };
  let crewLead: { token: string };
  let account: Account;
  let otherAccount: Account;
  let contacts: Contact[];
  let enhancementIds: string[];
  let foreignEnhancementId: string;

  beforeAll(async () => {
    server = await startTestServer(backend, { HEALTH_SWEEP_SECONDS: '86400' }, { at: AT });
    const em = server.em();
    await createServiceLines(em);
    const a = await createUser(em, { role: 'ACCOUNT_MANAGER' });
    am = { token: a.token, id: a.user.id };
    otherAm = await createUser(em, { role: 'ACCOUNT_MANAGER' });
    const o = await createUser(em, { role: 'OPS_MANAGER' });
    ops = { token: o.token, id: o.user.id };
    exec = await createUser(em, { role: 'EXECUTIVE' });
    crewLead = await createUser(em, { role: 'CREW_LEAD' });
    account = await createAccount(em, a.user, { name: 'Aspen Grove HOA' });
    otherAccount = await createAccount(em, otherAm.user);
    contacts = ['Dana Ruiz', 'Eli Park'].map((name) => em.create(Contact, { account, name }));
    await em.flush();
    await insertEnhancements(em, await createProperty(em, account), 2);
    await insertEnhancements(em, await createProperty(em, otherAccount), 1);
    const ids = async (a: Account) =>
      (
        await em
          .getConnection()
          .execute<{ id: string }[]>(`select id from enhancements where account_id = ? order by id`, [a.id])
      ).map((r) => r.id);
    enhancementIds = await ids(account);
    [foreignEnhancementId] = (await ids(otherAccount)) as [string];
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  const plans = async () =>
    (await server.em().getConnection().execute(`select count(*)::int as n from account_plans`))[0].n as number;
  const planInput = (extra: Record<string, unknown> = {}) => ({
    accountId: account.id,
    year: 2026,
    goals: ['  Safer walkways in winter ', 'Lower water bills'],
    opportunities: ['Smart irrigation controllers'],
    ...extra,
  });

  it('refuses a bad plan with a code naming the field, and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ goals: [] }, 'input.goals'],
      [{ goals: ['ok', ' '] }, 'input.goals.1'],
      [{ opportunities: ['a', 'b', 'c', 'd'] }, 'input.opportunities'],
      [{ year: 1999 }, 'input.year'],
      [{ opportunityEnhancementIds: [foreignEnhancementId] }, 'input.opportunityEnhancementIds.0'],
      [{ peopleMetContactIds: [contacts[0]!.id, contacts[0]!.id] }, 'input.peopleMetContactIds'],
      [{ peopleMetContactIds: [contacts[0]!.id, randomUUID()] }, 'input.peopleMetContactIds.1'],
      [{ notes: 'x'.repeat(4001) }, 'input.notes'],
    ];
    for (const [extra, field] of cases) {
      const res = await server.gql(SAVE, { input: planInput(extra) }, am.token);
      expect({ extra, error: failure(res) }).toEqual({ extra, error: { code: 'BAD_USER_INPUT', field } });
    }
    const unknown = await server.gql(SAVE, { input: planInput({ accountId: randomUUID() }) }, am.token);
    expect(failure(unknown)).toEqual({ code: 'NOT_FOUND', field: 'input.accountId' });
    expect(await plans()).toBe(0);
  });

  it('lets only the account’s manager (and ops) write it', async () => {
    for (const token of [otherAm.token, exec.token, crewLead.token]) {
      const res = await server.gql(SAVE, { input: planInput() }, token);
      expect(failure(res)?.code).toBe('FORBIDDEN');
    }
    expect(await plans()).toBe(0);
  });

  it('creates the year’s plan once, edits it by version, and never overwrites a newer one', async () => {
    const created = await server.gql(
      SAVE,
      {
        input: planInput({
          opportunityEnhancementIds: [enhancementIds[1], enhancementIds[0]],
          peopleMetContactIds: [contacts[1]!.id],
          notes: 'Board meets on the 2nd Tuesday.\nBring the water report.',
        }),
      },
      am.token,
    );
    expect(created.errors).toBeUndefined();
    const plan = created.data!.saveAccountPlan;
    expect(plan).toMatchObject({
      year: 2026,
      version: 1,
      goals: ['Safer walkways in winter', 'Lower water bills'],
      opportunities: ['Smart irrigation controllers'],
      notes: 'Board meets on the 2nd Tuesday.\nBring the water report.',
      peopleMet: [{ id: contacts[1]!.id, name: 'Eli Park' }],
      updatedBy: { id: am.id },
    });
    // In the order the manager ranked them.
    expect(plan.opportunityEnhancements.map((e: { id: string }) => e.id)).toEqual([
      enhancementIds[1],
      enhancementIds[0],
    ]);

    const again = await server.gql(SAVE, { input: planInput() }, am.token);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });

    const edited = await server.gql(
      SAVE,
      { input: planInput({ goals: ['Safer walkways in winter'], expectedVersion: 1 }) },
      ops.token,
    );
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.saveAccountPlan).toMatchObject({
      id: plan.id,
      version: 2,
      goals: ['Safer walkways in winter'],
      opportunityEnhancements: [],
      peopleMet: [],
      updatedBy: { id: ops.id },
    });

    const stale = await server.gql(
      SAVE,
      { input: planInput({ goals: ['An old idea'], expectedVersion: 1 }) },
      am.token,
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    const read = await server.gql(PLAN, { id: account.id }, am.token);
    expect(read.data!.account.plan).toMatchObject({ version: 2, goals: ['Safer walkways in winter'] });
    expect(await plans()).toBe(1);

    const missing = await server.gql(SAVE, { input: planInput({ year: 2027, expectedVersion: 1 }) }, am.token);
    expect(failure(missing)).toEqual({ code: 'NOT_FOUND', field: 'input.year' });

    // Two first saves of next year's plan at once: one plan, the other told.
    const both = await Promise.all(
      [am.token, ops.token].map((token) => server.gql(SAVE, { input: planInput({ year: 2027 }) }, token)),
    );
    expect(both.filter((r) => r.errors === undefined)).toHaveLength(1);
    expect(both.map((r) => r.errors?.[0]?.extensions?.code).filter(Boolean)).toEqual(['VERSION_CONFLICT']);
    expect(await plans()).toBe(2);
  });

  it('records a monthly review and a quarterly update: health’s plan factor follows live, a retry is one review', async () => {
    const before = await server.gql(PLAN, { id: account.id }, am.token);
    const plan = before.data!.account.plan;
    expect(plan.reviews).toEqual([]);
    const planMetrics = (res: typeof before) =>
      Object.fromEntries(
        (res.data!.account.health.factors as { key: string; metrics: { key: string; score: number }[] }[])
          .find((f) => f.key === 'accountPlan')!
          .metrics.map((m) => [m.key, m.score]),
      );
    // Never reviewed since the contract began (2024-01-01): nothing earned.
    expect(planMetrics(before)).toEqual({
      'accountPlan.daysSinceMonthlyReview': 0,
      'accountPlan.daysSinceQuarterlyUpdate': 0,
    });

    const sub = subscribeEvents(server.url, am.token, { filter: { accountIds: [account.id] } });
    await untilSubscribed(server, 1);

    const quarterlyShort = await server.gql(
      REVIEW,
      { input: { clientId: randomUUID(), planId: plan.id, kind: 'QUARTERLY_UPDATE', notes: 'New board chair.' } },
      am.token,
    );
    expect(failure(quarterlyShort)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.goalsEvidence' });
    const future = await server.gql(
      REVIEW,
      { input: { clientId: randomUUID(), planId: plan.id, kind: 'MONTHLY_REVIEW', notes: 'x', date: '2026-06-11' } },
      am.token,
    );
    expect(failure(future)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.date' });
    const notMine = await server.gql(
      REVIEW,
      { input: { clientId: randomUUID(), planId: plan.id, kind: 'MONTHLY_REVIEW', notes: 'x' } },
      otherAm.token,
    );
    expect(failure(notMine)?.code).toBe('FORBIDDEN');

    const monthly = {
      clientId: randomUUID(),
      planId: plan.id,
      kind: 'MONTHLY_REVIEW',
      notes: 'Walkways salted; water bill down 8 %.',
    };
    const first = await server.gql(REVIEW, { input: monthly }, am.token);
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordPlanReview).toEqual({
      id: monthly.clientId,
      kind: 'MONTHLY_REVIEW',
      date: '2026-06-10',
      notes: 'Walkways salted; water bill down 8 %.',
      goalsEvidence: null,
      peopleMet: null,
      nextOpportunities: null,
      reviewer: { id: am.id },
    });
    const retry = await server.gql(REVIEW, { input: monthly }, am.token);
    expect(retry.data!.recordPlanReview.id).toBe(monthly.clientId);
    const stolen = await server.gql(REVIEW, { input: monthly }, ops.token);
    expect(failure(stolen)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.clientId' });

    // One health refresh per review (without this pause for the refresher they may share one).
    await settled(server);
    const quarterly = await server.gql(
      REVIEW,
      {
        input: {
          clientId: randomUUID(),
          planId: plan.id,
          kind: 'QUARTERLY_UPDATE',
          date: '2026-06-09',
          notes: 'Goals unchanged.',
          goalsEvidence: 'The board’s minutes of May.',
          peopleMet: 'Dana Ruiz and the new chair.',
          nextOpportunities: 'Controllers, then the entry beds.',
        },
      },
      am.token,
    );
    expect(quarterly.errors).toBeUndefined();

    await settled(server);
    const after = await server.gql(PLAN, { id: account.id }, am.token);
    expect(after.data!.account.plan).toMatchObject({
      lastMonthlyReviewDate: '2026-06-10',
      lastQuarterlyUpdateDate: '2026-06-09',
    });
    expect(after.data!.account.plan.reviews).toHaveLength(2);
    expect(planMetrics(after)).toEqual({
      'accountPlan.daysSinceMonthlyReview': 100,
      'accountPlan.daysSinceQuarterlyUpdate': 100,
    });

    const marker = await writeMarker(server, { accountId: account.id });
    await sub.waitForCursor(marker);
    expect(sub.events.map((e) => e.type)).toEqual([
      'PLAN_REVIEW_RECORDED',
      'ACCOUNT_HEALTH_CHANGED',
      'PLAN_REVIEW_RECORDED',
      'ACCOUNT_HEALTH_CHANGED',
      'TEST_MARKER',
    ]);
    await sub.close();
  });
});
