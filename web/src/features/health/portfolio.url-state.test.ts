import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PORTFOLIO_VIEW_STATE,
  parsePortfolioViewState,
  portfolioFilter,
  toggleSort,
  writePortfolioViewState,
} from './portfolio.url-state';

const parse = (query: string) => parsePortfolioViewState(new URLSearchParams(query));

describe('portfolio URL state', () => {
  it('reads the defaults from an empty query and writes nothing for them', () => {
    expect(parse('')).toEqual(DEFAULT_PORTFOLIO_VIEW_STATE);
    expect(writePortfolioViewState(DEFAULT_PORTFOLIO_VIEW_STATE).toString()).toBe('');
  });

  it('round-trips filters and both sorts, keeping unrelated parameters', () => {
    const state = {
      bands: ['WATCH', 'AT_RISK'] as const,
      risks: ['HIGH'] as const,
      keySort: { field: 'SCORE', direction: 'ASC' } as const,
      renewalSort: { field: 'RENEWAL', direction: 'ASC' } as const,
    };
    const written = writePortfolioViewState(
      { ...state, bands: [...state.bands], risks: [...state.risks] },
      new URLSearchParams('tab=x'),
    );
    expect(written.get('tab')).toBe('x');
    expect(written.get('band')).toBe('watch,at-risk');
    expect(written.get('risk')).toBe('high');
    expect(parsePortfolioViewState(written)).toEqual(state);
  });

  it('ignores values it does not know and puts known ones in canonical order', () => {
    expect(parse('band=at-risk,bogus,healthy&risk=none&ksort=nope&rdir=sideways')).toEqual({
      ...DEFAULT_PORTFOLIO_VIEW_STATE,
      bands: ['HEALTHY', 'AT_RISK'],
    });
  });

  it('takes a sort without a direction in its natural direction', () => {
    expect(parse('ksort=renewal').keySort).toEqual({ field: 'RENEWAL', direction: 'ASC' });
    expect(parse('rsort=value').renewalSort).toEqual({ field: 'VALUE', direction: 'DESC' });
  });

  it('removes a filter from the URL when it is cleared', () => {
    const written = writePortfolioViewState(DEFAULT_PORTFOLIO_VIEW_STATE, new URLSearchParams('band=watch&risk=high'));
    expect(written.toString()).toBe('');
  });
});

describe('toggleSort', () => {
  it('flips the active column and starts another in its natural direction', () => {
    expect(toggleSort({ field: 'VALUE', direction: 'DESC' }, 'VALUE')).toEqual({ field: 'VALUE', direction: 'ASC' });
    expect(toggleSort({ field: 'VALUE', direction: 'DESC' }, 'NAME')).toEqual({ field: 'NAME', direction: 'ASC' });
  });
});

describe('portfolioFilter', () => {
  it('sends no filter for the whole book and only the narrowing asked for otherwise', () => {
    expect(portfolioFilter(DEFAULT_PORTFOLIO_VIEW_STATE)).toBeNull();
    expect(portfolioFilter({ ...DEFAULT_PORTFOLIO_VIEW_STATE, risks: ['HIGH', 'MEDIUM'] })).toEqual({
      risks: ['HIGH', 'MEDIUM'],
    });
    expect(portfolioFilter({ ...DEFAULT_PORTFOLIO_VIEW_STATE, bands: ['AT_RISK'] })).toEqual({ bands: ['AT_RISK'] });
  });
});
