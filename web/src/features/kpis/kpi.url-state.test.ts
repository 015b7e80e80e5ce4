// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { drillDown, parseKpiViewState, toggleSort, writeKpiViewState, type KpiViewState } from './kpi.url-state';

const AM = '11111111-1111-4111-8111-111111111111';
const CREW = '22222222-2222-4222-8222-222222222222';
const parse = (query: string, role: Parameters<typeof parseKpiViewState>[1] = 'EXECUTIVE') =>
  parseKpiViewState(new URLSearchParams(query), role);

describe('KPI view in the URL', () => {
  it('defaults by role, and keeps defaults out of the URL', () => {
    const exec = parse('');
    expect(exec).toEqual({
      dimension: 'ACCOUNT_MANAGER',
      month: null,
      accountManagerId: null,
      crewId: null,
      trend: 'FIXED_BY_NEXT_VISIT',
      sort: { field: 'NAME', direction: 'ASC' },
      records: null,
    });
    expect(writeKpiViewState(exec, 'EXECUTIVE').toString()).toBe('');
    expect(parse('', 'ACCOUNT_MANAGER').dimension).toBe('ACCOUNT');
    expect(parse('', 'CREW_LEAD').dimension).toBe('CREW');
  });

  it('round-trips a whole view', () => {
    const query = `dimension=accounts&month=2026-11&accountManagerId=${AM}&crewId=${CREW}&trend=overdue&sort=walk-compliance&dir=asc&records=time-to-fix&row=company`;
    const state = parse(query);
    expect(state).toEqual({
      dimension: 'ACCOUNT',
      month: '2026-11',
      accountManagerId: AM,
      crewId: CREW,
      trend: 'OVERDUE',
      sort: { field: 'WALK_COMPLIANCE', direction: 'ASC' },
      records: { key: 'company', metric: 'TIME_TO_FIX' },
    });
    expect(writeKpiViewState(state, 'EXECUTIVE').toString()).toBe(query);
  });

  it('drops what it does not understand, and what the role is not offered', () => {
    expect(parse('dimension=teams&month=2026-13&accountManagerId=7&trend=nope&sort=x&records=overdue&row=1')).toEqual(
      parse(''),
    );
    // A crew lead is only ever offered its crew's row.
    expect(parse('dimension=accounts', 'CREW_LEAD').dimension).toBe('CREW');
  });

  it('sorts a new column highest first, names A–Z, and flips the active one', () => {
    expect(toggleSort({ field: 'NAME', direction: 'ASC' }, 'OVERDUE')).toEqual({ field: 'OVERDUE', direction: 'DESC' });
    expect(toggleSort({ field: 'OVERDUE', direction: 'DESC' }, 'OVERDUE')).toEqual({
      field: 'OVERDUE',
      direction: 'ASC',
    });
    expect(parse('sort=name&dir=desc').sort).toEqual({ field: 'NAME', direction: 'DESC' });
  });

  it('drills from a manager or a crew into the accounts, not from an account or for a crew lead', () => {
    const managers: KpiViewState = { ...parse(''), records: { key: AM, metric: 'OVERDUE' } };
    expect(drillDown(managers, AM, 'EXECUTIVE')).toMatchObject({
      dimension: 'ACCOUNT',
      accountManagerId: AM,
      records: null,
    });
    expect(drillDown(parse('dimension=crews'), CREW, 'OPS_MANAGER')).toMatchObject({
      dimension: 'ACCOUNT',
      crewId: CREW,
    });
    expect(drillDown(parse('dimension=accounts'), AM, 'EXECUTIVE')).toBeNull();
    expect(drillDown(parse('', 'CREW_LEAD'), CREW, 'CREW_LEAD')).toBeNull();
  });
});
