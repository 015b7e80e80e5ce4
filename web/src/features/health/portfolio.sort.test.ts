import { describe, expect, it } from 'vitest';
import { sortAccounts, type SortableAccount } from './portfolio.sort';

function account(
  name: string,
  annualValue: number,
  score: number | null,
  overrides: { trend?: number | null; risk?: 'LOW' | 'MEDIUM' | 'HIGH'; renewalDate?: string } = {},
): SortableAccount {
  return {
    name,
    annualValue,
    renewalDate: overrides.renewalDate ?? '2031-01-01',
    health:
      score === null ? null : { score, trend30d: overrides.trend ?? null, renewal: { risk: overrides.risk ?? 'LOW' } },
  };
}

const names = (rows: SortableAccount[]) => rows.map((r) => r.name);

describe('sortAccounts', () => {
  it('ranks by value × health: a big sick account falls below a smaller healthy one', () => {
    const rows = [
      account('Big sick', 500_000, 20),
      account('Mid healthy', 300_000, 90),
      account('Small', 100_000, 100),
    ];
    // 100k, 270k, 100k → the tie between Big sick and Small goes to the renewal date, then the name.
    expect(names(sortAccounts(rows, { field: 'WEIGHTED', direction: 'DESC' }))).toEqual([
      'Mid healthy',
      'Big sick',
      'Small',
    ]);
  });

  it('puts accounts without health (or without a trend) last in either direction', () => {
    const rows = [account('None', 900_000, null), account('A', 100_000, 50, { trend: -4 }), account('B', 1, 60)];
    expect(names(sortAccounts(rows, { field: 'SCORE', direction: 'ASC' }))).toEqual(['A', 'B', 'None']);
    expect(names(sortAccounts(rows, { field: 'SCORE', direction: 'DESC' }))).toEqual(['B', 'A', 'None']);
    expect(names(sortAccounts(rows, { field: 'TREND', direction: 'DESC' }))).toEqual(['A', 'B', 'None']);
  });

  it('sorts risk HIGH first, then the soonest renewal', () => {
    const rows = [
      account('Low', 1, 80, { risk: 'LOW', renewalDate: '2030-01-01' }),
      account('High later', 1, 40, { risk: 'HIGH', renewalDate: '2030-06-01' }),
      account('Medium', 1, 60, { risk: 'MEDIUM', renewalDate: '2030-02-01' }),
      account('High sooner', 1, 30, { risk: 'HIGH', renewalDate: '2030-03-01' }),
    ];
    expect(names(sortAccounts(rows, { field: 'RISK', direction: 'DESC' }))).toEqual([
      'High sooner',
      'High later',
      'Medium',
      'Low',
    ]);
  });

  it('sorts names case-insensitively and leaves the input untouched', () => {
    const rows = [account('beta', 1, 1), account('Alpha', 1, 1)];
    expect(names(sortAccounts(rows, { field: 'NAME', direction: 'ASC' }))).toEqual(['Alpha', 'beta']);
    expect(names(rows)).toEqual(['beta', 'Alpha']);
  });
});
