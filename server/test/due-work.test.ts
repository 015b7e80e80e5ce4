import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';
import {
  createAccount,
  createCrew,
  createPastSiteWalks,
  createProperty,
  createReviewedPlan,
  createServiceLines,
  createUser,
  insertIssues,
} from './support/factories.js';

// Wednesday 10 June 2026, 2 pm in Denver: "today" is 2026-06-10.
const AT = '2026-06-10T20:00:00Z';
const DUE = `{ dueWork { kind accountName accountManagerName dueDate daysLeft count } }`;

describe.each(BACKENDS)('the due list (%s)', (backend) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(backend, { HEALTH_SWEEP_SECONDS: '86400' }, { at: AT });
    const em = server.em();
    const lines = await createServiceLines(em);
    const crew = await createCrew(em, lines.MAINTENANCE);
    const am = await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Jordan Ellis' });
    const other = await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Sam Ortiz' });
    tokens.am = am.token;
    tokens.exec = (await createUser(em, { role: 'EXECUTIVE' })).token;
    tokens.lead = (await createUser(em, { role: 'CREW_LEAD' })).token;

    // Birch Court (tier A, weekly walks): walked 10 days ago, monthly review 30 days ago (due in 5),
    // quarterly update 10 days ago, renews in 52 days, two Issues late (one on time, one resolved late).
    const birch = await createAccount(em, am.user, { name: 'Birch Court', tier: 'A', renewalDate: '2026-08-01' });
    const property = await createProperty(em, birch);
    await createPastSiteWalks(em, property, am.user, [10], 4, server.clock);
    await createReviewedPlan(em, birch, am.user, server.clock, { monthlyDaysAgo: 30, quarterlyDaysAgo: 10 });
    const yesterday = new Date(Date.parse(AT) - 86_400_000);
    await insertIssues(em, property, 2, { status: 'ASSIGNED', crew, dueAt: yesterday });
    await insertIssues(em, property, 1, { status: 'OPEN', dueAt: new Date(Date.parse(AT) + 86_400_000) });
    await insertIssues(em, property, 1, { status: 'RESOLVED', crew, dueAt: yesterday });

    // Alder Park (tier C), Sam's: no plan review ever (counted from the contract, 2024-01-01), never walked.
    await createAccount(em, other.user, { name: 'Alder Park', tier: 'C' });
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  const birchItems = [
    { kind: 'SITE_WALK', accountName: 'Birch Court', dueDate: '2026-06-07', daysLeft: -3, count: 0 },
    { kind: 'OVERDUE_ISSUES', accountName: 'Birch Court', dueDate: '2026-06-10', daysLeft: 0, count: 2 },
    { kind: 'MONTHLY_REVIEW', accountName: 'Birch Court', dueDate: '2026-06-15', daysLeft: 5, count: 0 },
    { kind: 'RENEWAL', accountName: 'Birch Court', dueDate: '2026-08-01', daysLeft: 52, count: 0 },
  ].map((i) => ({ ...i, accountManagerName: 'Jordan Ellis' }));

  it("gives an account manager their own accounts' due and late work, late first", async () => {
    const res = await server.gql(DUE, {}, tokens.am);
    expect(res.errors).toBeUndefined();
    expect(res.data!.dueWork).toEqual(birchItems);
  });

  it('gives executives the whole team’s, with whose account it is', async () => {
    const res = await server.gql(DUE, {}, tokens.exec);
    const alder = (kind: string, dueDate: string, daysLeft: number) => ({
      kind,
      accountName: 'Alder Park',
      accountManagerName: 'Sam Ortiz',
      dueDate,
      daysLeft,
      count: 0,
    });
    expect(res.data!.dueWork).toEqual([
      alder('MONTHLY_REVIEW', '2024-02-05', -856),
      alder('QUARTERLY_UPDATE', '2024-04-10', -791),
      birchItems[0],
      alder('SITE_WALK', '2026-06-10', 0),
      birchItems[1],
      birchItems[2],
      birchItems[3],
    ]);
  });

  it('refuses crew leads (no account plans or renewals for them)', async () => {
    const res = await server.gql(DUE, {}, tokens.lead);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
