// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  accountsQueryVariables,
  ACCOUNTS_PAGE_SIZE,
  DEFAULT_ACCOUNTS_LIST_STATE,
  parseAccountsListState,
  toggleSort,
  writeAccountsListState,
} from './accounts.url-state';

const parse = (query: string) => parseAccountsListState(new URLSearchParams(query));

describe('parseAccountsListState', () => {
  it('defaults to all accounts by name, A to Z', () => {
    expect(parse('')).toEqual({ search: '', sort: 'NAME', direction: 'ASC' });
  });

  it('reads search, sort and direction', () => {
    expect(parse('q=oak+park&sort=value&dir=asc')).toEqual({
      search: 'oak park',
      sort: 'ANNUAL_VALUE',
      direction: 'ASC',
    });
  });

  it("uses a column's natural direction when none is given", () => {
    expect(parse('sort=value').direction).toBe('DESC');
    expect(parse('sort=renewal').direction).toBe('ASC');
  });

  it('ignores values it does not understand', () => {
    expect(parse('sort=DROP+TABLE&dir=sideways&q=%20%20')).toEqual(DEFAULT_ACCOUNTS_LIST_STATE);
  });
});

describe('writeAccountsListState', () => {
  it('leaves defaults out of the URL', () => {
    expect(writeAccountsListState(DEFAULT_ACCOUNTS_LIST_STATE).toString()).toBe('');
  });

  it('round-trips through the URL', () => {
    const state = { search: 'mall', sort: 'RENEWAL_DATE', direction: 'DESC' } as const;
    const params = writeAccountsListState(state);
    expect(params.toString()).toBe('q=mall&sort=renewal&dir=desc');
    expect(parseAccountsListState(params)).toEqual(state);
  });

  it('keeps unrelated parameters and removes a cleared search', () => {
    const params = writeAccountsListState(DEFAULT_ACCOUNTS_LIST_STATE, new URLSearchParams('q=old&tab=2'));
    expect(params.toString()).toBe('tab=2');
  });
});

describe('toggleSort', () => {
  it('flips the direction of the active column', () => {
    expect(toggleSort(DEFAULT_ACCOUNTS_LIST_STATE, 'NAME')).toMatchObject({ sort: 'NAME', direction: 'DESC' });
  });

  it('starts another column in its natural direction and keeps the search', () => {
    const state = { search: 'oak', sort: 'NAME', direction: 'DESC' } as const;
    expect(toggleSort(state, 'ANNUAL_VALUE')).toEqual({ search: 'oak', sort: 'ANNUAL_VALUE', direction: 'DESC' });
    expect(toggleSort(state, 'RENEWAL_DATE')).toEqual({ search: 'oak', sort: 'RENEWAL_DATE', direction: 'ASC' });
  });
});

describe('accountsQueryVariables', () => {
  it('asks for the first page with the filter only when searching', () => {
    expect(accountsQueryVariables(DEFAULT_ACCOUNTS_LIST_STATE)).toEqual({
      filter: null,
      sort: { field: 'NAME', direction: 'ASC' },
      first: ACCOUNTS_PAGE_SIZE,
    });
    expect(accountsQueryVariables({ ...DEFAULT_ACCOUNTS_LIST_STATE, search: 'oak' }).filter).toEqual({ search: 'oak' });
  });
});
