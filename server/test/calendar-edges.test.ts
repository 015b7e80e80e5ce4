import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDate, isoWeekdayOf } from '@groundwork/shared';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';
import { CLOCK_EDGES } from './support/clock.js';
import {
  createAccount,
  createCrew,
  createProperty,
  createReviewedPlan,
  createSchedule,
  createServiceLines,
  createUser,
} from './support/factories.js';

// One "today" everywhere (issue #19): every figure that counts days — renewal,
// due dates, overdue, next visits, plan cadence, the plan's year — is checked
// with the server's clock pinned where days turn over. Each edge's company day
// and the end of its next day are worked out by hand in CLOCK_EDGES, so a
// count taken from the UTC day (or the machine's zone) fails here.

const CREATE = `mutation($input: CreateIssueInput!) {
  createIssue(input: $input) { issue { id status createdAt dueAt overdue crew { id } } } }`;
const ACCOUNT = `query($id: ID!) { account(id: $id) {
  plan { year }
  health { renewal { daysToRenewal } factors { key metrics { key score } } }
  properties { schedules { nextVisitDate } } } }`;
const ISSUE = `query($id: ID!) { issue(id: $id) { overdue } }`;

describe.each(BACKENDS)('company days at the edges of the day (%s)', (backend) => {
  let server: TestServer;
  let lines: Awaited<ReturnType<typeof createServiceLines>>;
  let ops: string;

  beforeAll(async () => {
    // No timed sweep during the test (it would compute health at whatever instant it started), and the
    // one at start finished before any edge's data exists: health is computed at each pinned instant.
    server = await startTestServer(backend, { HEALTH_SWEEP_SECONDS: '86400' });
    await server.server.health.sweep();
    const em = server.em();
    lines = await createServiceLines(em);
    ops = (await createUser(em, { role: 'OPS_MANAGER' })).token;
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  it.each(CLOCK_EDGES)('$name', async (edge) => {
    server.clock.set(edge.at);
    expect(server.clock.today()).toBe(edge.companyDay);
    const em = server.em();
    const am = await createUser(em, { role: 'ACCOUNT_MANAGER' });
    const crew = await createCrew(em, lines.MAINTENANCE);
    const account = await createAccount(em, am.user, { renewalDate: addDaysToDate(edge.companyDay, 100), tier: 'A' });
    const property = await createProperty(em, account, { lng: -104.9, lat: 39.7 }, 400);
    // The crew comes every week on tomorrow's weekday (the company's tomorrow).
    const tomorrow = addDaysToDate(edge.companyDay, 1);
    await createSchedule(em, property, lines.MAINTENANCE, crew, {
      weekday: isoWeekdayOf(tomorrow),
      cadence: 'WEEKLY',
      anchorDate: addDaysToDate(tomorrow, -70),
    });
    await createReviewedPlan(em, account, am.user, server.clock, { monthlyDaysAgo: 35, quarterlyDaysAgo: 101 });

    const read = await server.gql(ACCOUNT, { id: account.id }, ops);
    expect(read.errors).toBeUndefined();
    const view = read.data!.account;
    expect(view.health.renewal.daysToRenewal).toBe(100);
    expect(view.properties[0].schedules).toEqual([{ nextVisitDate: tomorrow }]);
    // The plan of the company's year (on New Year's Eve evening the UTC year has already turned).
    expect(view.plan).toEqual({ year: Number(edge.companyDay.slice(0, 4)) });
    // A monthly review 35 company days ago is still on time; a quarterly update 101 days ago is late.
    const plan = view.health.factors.find((f: { key: string }) => f.key === 'accountPlan');
    const score = (suffix: string) => plan.metrics.find((m: { key: string }) => m.key.endsWith(suffix)).score;
    expect(score('daysSinceMonthlyReview')).toBe(100);
    expect(score('daysSinceQuarterlyUpdate')).toBe(0);

    const report = async (urgency: 'ROUTINE' | 'URGENT', lng: number) => {
      const res = await server.gql(
        CREATE,
        {
          input: {
            propertyId: property.id,
            location: { lng, lat: 39.7 },
            title: `Turf torn up (${urgency.toLowerCase()})`,
            category: 'TURF_DAMAGE',
            urgency,
            source: 'CUSTOMER',
            allowDuplicate: true,
          },
        },
        ops,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.createIssue.issue;
    };
    // ROUTINE: due at the end of the crew's next visit day after today — tomorrow, company time.
    const routine = await report('ROUTINE', -104.9);
    expect(routine).toMatchObject({ status: 'ASSIGNED', crew: { id: crew.id }, overdue: false });
    expect(routine.dueAt).toBe(edge.tomorrowEnds);
    // URGENT: 24 hours after it was reported, to the millisecond, whatever the day or the DST switch.
    const urgent = await report('URGENT', -104.9001);
    expect(Date.parse(urgent.dueAt) - Date.parse(urgent.createdAt)).toBe(24 * 3_600_000);

    // Overdue is "due before now": a minute either side of the pinned instant.
    const setDue = (id: string, minutes: number) =>
      em
        .getConnection()
        .execute('update issues set due_at = ? where id = ?', [
          new Date(server.clock.now().getTime() + minutes * 60_000),
          id,
        ]);
    await setDue(routine.id, -1);
    await setDue(urgent.id, 1);
    expect((await server.gql(ISSUE, { id: routine.id }, ops)).data!.issue.overdue).toBe(true);
    expect((await server.gql(ISSUE, { id: urgent.id }, ops)).data!.issue.overdue).toBe(false);
  });
});
