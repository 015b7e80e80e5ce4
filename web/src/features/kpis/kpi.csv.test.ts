// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { kpiCsv, kpiCsvFileName } from './kpi.csv';
import { CREW_NULLS, fakeKpiRow } from './kpi.fake';

describe('KPI table as CSV', () => {
  it('writes the selected month, the company first, rows as shown, "—" as an empty cell', () => {
    const company = fakeKpiRow('company', 'Company', {
      routineDue: 4,
      routineFixedOnTime: 3,
      fixedByNextVisit: 0.75,
      resolved: 5,
      firstTimeRight: 0.8,
      medianHoursToFixRoutine: 30.25,
      overdue: 2,
      walksDone: 3,
      walksExpected: 4.2857,
      walkCompliance: 0.7,
      enhancementsIdentified: 2,
      enhancementsQualified: 1,
      enhancementsApproved: 1,
      approvedValue: 12_500,
      approvedValueShare: 0.0625,
      planAccounts: 4,
      planReviewsOnTime: 0.5,
      planUpdatesOnTime: 0.25,
      safetyOpen: 1,
    });
    const crew = fakeKpiRow('c1', 'North, "A" team', { ...CREW_NULLS, routineDue: 1, fixedByNextVisit: 0, overdue: 1 });
    const formula = fakeKpiRow('c2', '=HYPERLINK("x")', CREW_NULLS);
    const csv = kpiCsv({ dimension: 'CREW', month: '2026-11', company, rows: [crew, formula] });
    expect(csv.split('\r\n')).toEqual([
      'Crew,Month,Fixed by next visit (%),Routine Issues fixed on time,Routine Issues due,"Time to fix, routine (median h)","Time to fix, urgent (median h)",Overdue,First-time right (%),Issues resolved,Walk compliance (%),Walks done,Walks expected,Enhancements identified,Enhancements qualified,Enhancements approved,Approved value ($),Approved value over 12 months ÷ contract value (%),Plans reviewed in the month (%),Plans updated in the quarter (%),Safety Issues open,Safety time to fix (median h)',
      'Company,2026-11,75,3,4,30.3,,2,80,5,70,3,4.3,2,1,1,12500,6.3,50,25,1,',
      '"North, ""A"" team",2026-11,0,0,1,,,1,,0,,,,,,,,,,,0,',
      `"'=HYPERLINK(""x"")",2026-11,,0,0,,,0,,0,,,,,,,,,,,0,`,
    ]);
  });

  it('names the file after the rows and the month', () => {
    expect(kpiCsvFileName('ACCOUNT_MANAGER', '2026-11')).toBe('kpis-account-managers-2026-11.csv');
    expect(kpiCsvFileName('CREW', '2026-03')).toBe('kpis-crews-2026-03.csv');
  });
});
