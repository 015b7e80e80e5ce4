import { HEALTH_BANDS, RENEWAL_RISKS, type HealthBand, type RenewalRisk } from '@groundwork/shared';

// The portfolio keeps its filters and both tables' sorts in the URL (like the
// Accounts list) so an executive can share "our HIGH-risk renewals, soonest
// first" as a link and come back to it with Back. Defaults stay out of the URL.

export const PORTFOLIO_SORT_FIELDS = ['WEIGHTED', 'VALUE', 'SCORE', 'TREND', 'RENEWAL', 'RISK', 'NAME'] as const;
export type PortfolioSortField = (typeof PORTFOLIO_SORT_FIELDS)[number];
export type SortDirection = 'ASC' | 'DESC';
export type PortfolioSort = { field: PortfolioSortField; direction: SortDirection };

export type PortfolioViewState = {
  /** Only accounts in these bands (empty: all); narrows the totals too, as the server does. */
  bands: HealthBand[];
  /** Only accounts at these renewal risks (empty: all). */
  risks: RenewalRisk[];
  keySort: PortfolioSort;
  renewalSort: PortfolioSort;
};

const SORT_PARAM: Record<PortfolioSortField, string> = {
  WEIGHTED: 'weighted',
  VALUE: 'value',
  SCORE: 'score',
  TREND: 'trend',
  RENEWAL: 'renewal',
  RISK: 'risk',
  NAME: 'name',
};

/** Biggest, healthiest, riskiest and rising first; nearest renewals and A–Z first. */
export const FIRST_DIRECTION: Record<PortfolioSortField, SortDirection> = {
  WEIGHTED: 'DESC',
  VALUE: 'DESC',
  SCORE: 'DESC',
  TREND: 'DESC',
  RENEWAL: 'ASC',
  RISK: 'DESC',
  NAME: 'ASC',
};

export const DEFAULT_PORTFOLIO_VIEW_STATE: PortfolioViewState = {
  bands: [],
  risks: [],
  // Key accounts largest first, health beside each: an executive starts from the biggest contracts
  // (ranking by value × health put the largest, sickest account last); value × health stays a sort.
  // Renewals HIGH risk first, then soonest.
  keySort: { field: 'VALUE', direction: 'DESC' },
  renewalSort: { field: 'RISK', direction: 'DESC' },
};

const slug = (value: string) => value.toLowerCase().replace(/_/g, '-');

function parseList<T extends string>(values: readonly T[], raw: string | null): T[] {
  if (!raw) return [];
  const wanted = new Set(raw.split(','));
  // In the canonical order, whatever order the link gave, so equal views have equal URLs.
  return values.filter((value) => wanted.has(slug(value)));
}

function parseSort(params: URLSearchParams, prefix: string, fallback: PortfolioSort): PortfolioSort {
  const sortParam = params.get(`${prefix}sort`);
  const field = PORTFOLIO_SORT_FIELDS.find((f) => SORT_PARAM[f] === sortParam);
  if (!field) return fallback;
  const dir = params.get(`${prefix}dir`);
  const direction: SortDirection = dir === 'asc' ? 'ASC' : dir === 'desc' ? 'DESC' : FIRST_DIRECTION[field];
  return { field, direction };
}

/** Reads the view from a query string, ignoring anything it does not understand. */
export function parsePortfolioViewState(params: URLSearchParams): PortfolioViewState {
  return {
    bands: parseList(HEALTH_BANDS, params.get('band')),
    risks: parseList(RENEWAL_RISKS, params.get('risk')),
    keySort: parseSort(params, 'k', DEFAULT_PORTFOLIO_VIEW_STATE.keySort),
    renewalSort: parseSort(params, 'r', DEFAULT_PORTFOLIO_VIEW_STATE.renewalSort),
  };
}

function writeSort(next: URLSearchParams, prefix: string, sort: PortfolioSort, fallback: PortfolioSort) {
  if (sort.field === fallback.field && sort.direction === fallback.direction) {
    next.delete(`${prefix}sort`);
    next.delete(`${prefix}dir`);
  } else {
    next.set(`${prefix}sort`, SORT_PARAM[sort.field]);
    next.set(`${prefix}dir`, sort.direction === 'ASC' ? 'asc' : 'desc');
  }
}

/** Writes the view into a copy of `params`, keeping unrelated parameters and leaving defaults out. */
export function writePortfolioViewState(state: PortfolioViewState, params = new URLSearchParams()): URLSearchParams {
  const next = new URLSearchParams(params);
  const bands = parseList(HEALTH_BANDS, state.bands.map(slug).join(','));
  const risks = parseList(RENEWAL_RISKS, state.risks.map(slug).join(','));
  if (bands.length > 0) next.set('band', bands.map(slug).join(','));
  else next.delete('band');
  if (risks.length > 0) next.set('risk', risks.map(slug).join(','));
  else next.delete('risk');
  writeSort(next, 'k', state.keySort, DEFAULT_PORTFOLIO_VIEW_STATE.keySort);
  writeSort(next, 'r', state.renewalSort, DEFAULT_PORTFOLIO_VIEW_STATE.renewalSort);
  return next;
}

/** Clicking the active column flips it; another column starts in its natural direction. */
export function toggleSort(sort: PortfolioSort, field: PortfolioSortField): PortfolioSort {
  if (sort.field === field) return { field, direction: sort.direction === 'ASC' ? 'DESC' : 'ASC' };
  return { field, direction: FIRST_DIRECTION[field] };
}

/** The server filter for the view: the same narrowing applies to totals, key accounts and renewals. */
export function portfolioFilter(state: PortfolioViewState) {
  if (state.bands.length === 0 && state.risks.length === 0) return null;
  return {
    ...(state.bands.length > 0 ? { bands: state.bands } : {}),
    ...(state.risks.length > 0 ? { risks: state.risks } : {}),
  };
}
