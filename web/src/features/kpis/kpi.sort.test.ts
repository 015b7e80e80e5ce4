// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fakeKpiRow } from './kpi.fake';
import { sortKpiRows, trendChange } from './kpi.sort';

const ash = fakeKpiRow('a', 'Ash', { fixedByNextVisit: 0.5, overdue: 4 }, { history: [{ fixedByNextVisit: 0.9 }] });
const birch = fakeKpiRow('b', 'birch', { fixedByNextVisit: null, overdue: 1 });
const cedar = fakeKpiRow(
  'c',
  'Cedar',
  { fixedByNextVisit: 0.75, overdue: 4 },
  { history: [{ fixedByNextVisit: 0.25 }] },
);
const rows = [cedar, birch, ash];
const names = (sorted: { label: string }[]) => sorted.map((r) => r.label);

describe('sortKpiRows', () => {
  it('sorts by name regardless of case', () => {
    expect(names(sortKpiRows(rows, { field: 'NAME', direction: 'ASC' }, 'OVERDUE'))).toEqual(['Ash', 'birch', 'Cedar']);
    expect(names(sortKpiRows(rows, { field: 'NAME', direction: 'DESC' }, 'OVERDUE'))).toEqual([
      'Cedar',
      'birch',
      'Ash',
    ]);
  });

  it('puts a row without the figure last in either direction', () => {
    const share = (direction: 'ASC' | 'DESC') =>
      names(sortKpiRows(rows, { field: 'FIXED_BY_NEXT_VISIT', direction }, 'OVERDUE'));
    expect(share('DESC')).toEqual(['Cedar', 'Ash', 'birch']);
    expect(share('ASC')).toEqual(['Ash', 'Cedar', 'birch']);
  });

  it('breaks ties by name', () => {
    expect(names(sortKpiRows(rows, { field: 'OVERDUE', direction: 'DESC' }, 'OVERDUE'))).toEqual([
      'Ash',
      'Cedar',
      'birch',
    ]);
  });

  it('sorts the trend column by the change from the first measured month to the last', () => {
    expect(trendChange(cedar, 'FIXED_BY_NEXT_VISIT')).toBeCloseTo(0.5);
    expect(trendChange(ash, 'FIXED_BY_NEXT_VISIT')).toBeCloseTo(-0.4);
    expect(trendChange(birch, 'FIXED_BY_NEXT_VISIT')).toBeNull();
    expect(names(sortKpiRows(rows, { field: 'TREND', direction: 'DESC' }, 'FIXED_BY_NEXT_VISIT'))).toEqual([
      'Cedar',
      'Ash',
      'birch',
    ]);
  });
});
