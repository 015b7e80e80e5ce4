import { describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer } from './support/test-server.js';
import { REPORT_NOW, reportWorld } from './support/report-world.js';

const REPORT = `query($input: CustomerReportInput!) { customerReport(input: $input) {
  accountName propertyName from to
  found foundOnWalks foundByCustomer foundByCrews foundByCategory { category count }
  fixed routineFixedWithVisit fixedByNextVisit fixedByNextVisitPercent medianHoursToFixRoutine medianHoursToFixUrgent
  stillOpen { id title propertyName dueAt fixedAt }
  proofPairs { issue { id category urgency } beforePhotoIds afterPhotoIds chosen }
  enhancementsApproved { id title value stage propertyName }
  enhancementsApprovedValue
  enhancementsAwaitingDecision { id value }
  siteWalks { completedAt customerAttended propertyName }
  qualityByArea { area average previousAverage walks }
  nextVisits { date serviceLine propertyName }
} }`;

describe.each(BACKENDS)('customer value report (%s)', (backend) => {
  it('reports last month by default, with figures worked out by hand from the data', async () => {
    await using server = await startTestServer(backend, { HEALTH_SWEEP_SECONDS: '86400' }, { at: REPORT_NOW });
    const w = await reportWorld(server);
    const r = await server.gql(REPORT, { input: { accountId: w.a.id } }, w.am1.token);
    expect(r.errors).toBeUndefined();
    expect(r.data!.customerReport).toEqual({
      accountName: 'Cherry Creek Office Park',
      propertyName: null,
      from: '2026-05-01',
      to: '2026-05-31',
      // i1–i5 (the 23:30 Issue of April 30 is April's).
      found: 5,
      foundOnWalks: 2,
      foundByCustomer: 2,
      foundByCrews: 1,
      foundByCategory: [
        { category: 'WEEDS', count: 2 },
        { category: 'IRRIGATION_LEAK', count: 1 },
        { category: 'LITTER', count: 1 },
        { category: 'SAFETY', count: 1 },
      ],
      // i1, i2, i3, i4 and the one fixed at 00:30 on May 1. Routine with a visit: i1 (in time), i2 (late).
      fixed: 5,
      routineFixedWithVisit: 2,
      fixedByNextVisit: 1,
      fixedByNextVisitPercent: 50,
      // Routine 48 h (i1), 96 h (i2), 1 h → 48; urgent 6 h (i3), 12 h (i4) → 9.
      medianHoursToFixRoutine: 48,
      medianHoursToFixUrgent: 9,
      stillOpen: [
        {
          id: w.i6,
          title: 'Litter along the fence',
          propertyName: 'North Campus',
          dueAt: '2026-04-25T06:00:00.000Z',
          fixedAt: '2026-06-02T12:00:00.000Z',
        },
        {
          id: w.i5,
          title: 'Weeds by the north gate',
          propertyName: 'North Campus',
          dueAt: '2026-06-03T06:00:00.000Z',
          fixedAt: null,
        },
      ],
      // Safety first, then urgent, then routine; i2 has no after photo.
      proofPairs: [
        {
          issue: { id: w.i3, category: 'SAFETY', urgency: 'URGENT' },
          beforePhotoIds: [expect.any(String)],
          afterPhotoIds: [expect.any(String)],
          chosen: true,
        },
        {
          issue: { id: w.i4, category: 'IRRIGATION_LEAK', urgency: 'URGENT' },
          beforePhotoIds: [expect.any(String)],
          afterPhotoIds: [expect.any(String)],
          chosen: true,
        },
        {
          issue: { id: w.i1, category: 'WEEDS', urgency: 'ROUTINE' },
          beforePhotoIds: [expect.any(String)],
          afterPhotoIds: [expect.any(String)],
          chosen: true,
        },
      ],
      enhancementsApproved: [
        {
          id: w.e1,
          title: 'Seasonal color at the entry',
          value: 5000,
          stage: 'APPROVED',
          propertyName: 'North Campus',
        },
      ],
      enhancementsApprovedValue: 5000,
      enhancementsAwaitingDecision: [{ id: w.e2, value: 3000 }],
      siteWalks: [
        { completedAt: '2026-05-07T16:00:00.000Z', customerAttended: true, propertyName: 'North Campus' },
        { completedAt: '2026-05-21T16:00:00.000Z', customerAttended: false, propertyName: 'South Campus' },
      ],
      // April's walk (3) is the period before; the other customer's walk is not theirs.
      qualityByArea: [
        { area: 'IRRIGATION', average: 3, previousAverage: null, walks: 1 },
        { area: 'TURF', average: 4.5, previousAverage: 3, walks: 2 },
      ],
      nextVisits: [{ date: '2026-06-15', serviceLine: 'maintenance', propertyName: 'North Campus' }],
    });
  });

  it('narrows to one property and a chosen range, and shows the pairs the account manager picked', async () => {
    await using server = await startTestServer(backend, { HEALTH_SWEEP_SECONDS: '86400' }, { at: REPORT_NOW });
    const w = await reportWorld(server);
    const r = await server.gql(
      REPORT,
      {
        input: { accountId: w.a.id, propertyId: w.p2.id, from: '2026-05-20', to: '2026-05-25', proofIssueIds: [w.i4] },
      },
      w.exec.token,
    );
    expect(r.errors).toBeUndefined();
    const report = r.data!.customerReport;
    expect({ propertyName: report.propertyName, found: report.found, fixed: report.fixed }).toEqual({
      propertyName: 'South Campus',
      found: 2,
      // i4 was fixed on May 26 UTC 00:00, which is May 25 in Denver.
      fixed: 2,
    });
    expect(report.proofPairs.map((p: { issue: { id: string }; chosen: boolean }) => [p.issue.id, p.chosen])).toEqual([
      [w.i3, false],
      [w.i4, true],
    ]);
    expect(report.nextVisits).toEqual([]);
  });

  it('lets account managers see their own accounts, ops and executives any, crew leads none; refuses bad input by field', async () => {
    await using server = await startTestServer(backend, { HEALTH_SWEEP_SECONDS: '86400' }, { at: REPORT_NOW });
    const w = await reportWorld(server);
    const code = async (input: Record<string, unknown>, token: string) => {
      const r = await server.gql(REPORT, { input }, token);
      return r.errors ? [r.errors[0]!.extensions?.code, r.errors[0]!.extensions?.field ?? null] : 'OK';
    };
    expect(await code({ accountId: w.a.id }, w.am1.token)).toBe('OK');
    expect(await code({ accountId: w.a.id }, w.ops.token)).toBe('OK');
    expect(await code({ accountId: w.a.id }, w.exec.token)).toBe('OK');
    expect(await code({ accountId: w.a.id }, w.am2.token)).toEqual(['FORBIDDEN', null]);
    expect(await code({ accountId: w.a.id }, w.lead.token)).toEqual(['FORBIDDEN', null]);
    expect(await code({ accountId: w.a.id, from: '2026-02-30' }, w.am1.token)).toEqual([
      'BAD_USER_INPUT',
      'input.from',
    ]);
    expect(await code({ accountId: w.a.id, from: '2026-05-10', to: '2026-05-01' }, w.am1.token)).toEqual([
      'BAD_USER_INPUT',
      'input.to',
    ]);
    expect(await code({ accountId: w.a.id, propertyId: w.pb.id }, w.am1.token)).toEqual([
      'NOT_FOUND',
      'input.propertyId',
    ]);
    expect(await code({ accountId: '00000000-0000-4000-8000-000000000000' }, w.am1.token)).toEqual([
      'NOT_FOUND',
      'input.accountId',
    ]);
    const bad = await server.gql(REPORT, { input: { accountId: 'not-an-id' } }, w.am1.token);
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('has no internal figure in its type: no health, score, revenue, renewal or risk field, no description or note (crew notes included)', async () => {
    await using server = await startTestServer(backend, { HEALTH_SWEEP_SECONDS: '86400' }, { at: REPORT_NOW });
    const types = await server.gql(`{ __schema { types { name fields { name } } } }`);
    const reportTypes = (types.data!.__schema.types as { name: string; fields: { name: string }[] | null }[]).filter(
      (t) => /^(CustomerReport|Report)/.test(t.name) && t.fields !== null,
    );
    expect(reportTypes.map((t) => t.name).sort()).toEqual([
      'CustomerReport',
      'CustomerReportDraft',
      'CustomerReportEmail',
      'CustomerReportShare',
      'ReportAreaScore',
      'ReportCategoryCount',
      'ReportEnhancement',
      'ReportIssue',
      'ReportProofPair',
      'ReportVisit',
      'ReportWalk',
    ]);
    const fields = reportTypes.flatMap((t) => (t.fields ?? []).map((f) => f.name));
    expect(fields.filter((f) => /health|score$|revenue|renewal|risk|description|note/i.test(f))).toEqual([]);
  });
});
