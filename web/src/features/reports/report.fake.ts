import type { CustomerReportData } from './CustomerReportView';

const issue = (id: string, title: string, category: string, urgency = 'ROUTINE') => ({
  id,
  title,
  category,
  urgency,
  propertyName: 'North Campus',
  reportedAt: '2026-05-03T15:00:00.000Z',
  dueAt: '2026-05-06T05:59:59.000Z',
  fixedAt: '2026-05-05T15:00:00.000Z',
});

/** A month of work for a customer, with three before/after pairs of which the first two are chosen. */
export function fakeCustomerReport(overrides: Partial<CustomerReportData> = {}): CustomerReportData {
  return {
    accountId: 'a1',
    accountName: 'Cherry Creek Office Park',
    propertyId: null,
    propertyName: null,
    from: '2026-05-01',
    to: '2026-05-31',
    found: 7,
    foundOnWalks: 3,
    foundByCustomer: 2,
    foundByCrews: 2,
    foundByCategory: [
      { category: 'WEEDS', count: 4 },
      { category: 'SAFETY', count: 3 },
    ],
    fixed: 5,
    routineFixedWithVisit: 4,
    fixedByNextVisit: 3,
    fixedByNextVisitPercent: 75,
    medianHoursToFixRoutine: 30.5,
    medianHoursToFixUrgent: 6,
    stillOpen: [{ ...issue('i9', 'Broken sprinkler head', 'IRRIGATION_LEAK'), fixedAt: null }],
    proofPairs: [
      {
        issue: issue('i1', 'Trip hazard at the entrance', 'SAFETY', 'URGENT'),
        beforePhotoIds: ['b1'],
        afterPhotoIds: ['a1'],
        chosen: true,
      },
      {
        issue: issue('i2', 'Weeds along the east path', 'WEEDS'),
        beforePhotoIds: ['b2'],
        afterPhotoIds: ['a2'],
        chosen: true,
      },
      {
        issue: issue('i3', 'Litter by the loading dock', 'LITTER'),
        beforePhotoIds: ['b3'],
        afterPhotoIds: ['a3'],
        chosen: false,
      },
    ],
    enhancementsApproved: [
      {
        id: 'e1',
        title: 'Seasonal color at the entrance',
        stage: 'APPROVED',
        value: 4800,
        propertyName: 'North Campus',
        approvedAt: '2026-05-12T16:00:00.000Z',
        photoIds: [],
      },
    ],
    enhancementsApprovedValue: 4800,
    enhancementsAwaitingDecision: [
      {
        id: 'e2',
        title: 'Drip irrigation for the south beds',
        stage: 'PROPOSED',
        value: 12500,
        propertyName: 'South Campus',
        approvedAt: null,
        photoIds: [],
      },
    ],
    siteWalks: [
      { completedAt: '2026-05-04T16:00:00.000Z', customerAttended: true, propertyName: 'North Campus' },
      { completedAt: '2026-05-18T16:00:00.000Z', customerAttended: false, propertyName: 'South Campus' },
    ],
    qualityByArea: [
      { area: 'TURF', average: 4.25, previousAverage: 3.5, walks: 2 },
      { area: 'TREES', average: 3, previousAverage: 3.5, walks: 2 },
      { area: 'IRRIGATION', average: 4, previousAverage: null, walks: 1 },
    ],
    nextVisits: [{ date: '2026-06-15', serviceLine: 'Maintenance', propertyName: 'North Campus' }],
    ...overrides,
  };
}
