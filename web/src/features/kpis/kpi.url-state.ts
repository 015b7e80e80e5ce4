import { isId, isMonth, KPI_METRICS, type KpiDimension, type KpiMetric, type Role } from '@groundwork/shared';

// The KPI page keeps everything that decides what is on screen in the URL —
// dimension, month, drill-down filters, the trend's metric, the sort and the
// figure whose records are open — so "Jordan's accounts in November, the
// records behind their overdue count" is a link, and Back undoes a drill-down.
// Defaults stay out of the URL; anything malformed is dropped, never fatal.

export const KPI_SORT_FIELDS = ['NAME', ...KPI_METRICS, 'TREND'] as const;
export type KpiSortField = (typeof KPI_SORT_FIELDS)[number];
export type SortDirection = 'ASC' | 'DESC';
export type KpiSort = { field: KpiSortField; direction: SortDirection };

/** The figure whose records are open: a row (`company` for the company row) and a metric. */
export type OpenFigure = { key: string; metric: KpiMetric };

export type KpiViewState = {
  dimension: KpiDimension;
  /** YYYY-MM; null for this month (the server's default, so the link stays current). */
  month: string | null;
  accountManagerId: string | null;
  crewId: string | null;
  /** The metric the 12-month line draws. */
  trend: KpiMetric;
  sort: KpiSort;
  records: OpenFigure | null;
};

/** The row key of the company row, as the server sends it. */
export const COMPANY_KEY = 'company';

const slug = (value: string) => value.toLowerCase().replace(/_/g, '-');

export const DIMENSION_PARAM: Record<KpiDimension, string> = {
  ACCOUNT_MANAGER: 'account-managers',
  CREW: 'crews',
  ACCOUNT: 'accounts',
};

/**
 * The dimensions a role is offered, the first its default: the server refuses
 * a crew lead anything but its crew's row; an account manager starts from
 * their own accounts, beside the company.
 */
export const KPI_DIMENSIONS_BY_ROLE: Readonly<Record<Role, readonly KpiDimension[]>> = {
  EXECUTIVE: ['ACCOUNT_MANAGER', 'CREW', 'ACCOUNT'],
  OPS_MANAGER: ['ACCOUNT_MANAGER', 'CREW', 'ACCOUNT'],
  ACCOUNT_MANAGER: ['ACCOUNT', 'ACCOUNT_MANAGER', 'CREW'],
  CREW_LEAD: ['CREW'],
};

/** Names first A–Z; every figure highest first (the most overdue, the best share, the largest value). */
export function firstDirection(field: KpiSortField): SortDirection {
  return field === 'NAME' ? 'ASC' : 'DESC';
}

export const DEFAULT_TREND: KpiMetric = 'FIXED_BY_NEXT_VISIT';
const DEFAULT_SORT: KpiSort = { field: 'NAME', direction: 'ASC' };

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | null {
  return values.find((value) => slug(value) === raw) ?? null;
}

const idOrNull = (raw: string | null) => (isId(raw) ? raw : null);

/** Reads the view from a query string as `role` may see it, ignoring anything it does not understand. */
export function parseKpiViewState(params: URLSearchParams, role: Role): KpiViewState {
  const offered = KPI_DIMENSIONS_BY_ROLE[role];
  const asked = offered.find((d) => DIMENSION_PARAM[d] === params.get('dimension'));
  const field = oneOf(KPI_SORT_FIELDS, params.get('sort'));
  const dir = params.get('dir');
  const metric = oneOf(KPI_METRICS, params.get('records'));
  const row = params.get('row');
  const month = params.get('month');
  return {
    dimension: asked ?? offered[0]!,
    month: isMonth(month) ? month : null,
    accountManagerId: idOrNull(params.get('accountManagerId')),
    crewId: idOrNull(params.get('crewId')),
    trend: oneOf(KPI_METRICS, params.get('trend')) ?? DEFAULT_TREND,
    sort: field
      ? { field, direction: dir === 'asc' ? 'ASC' : dir === 'desc' ? 'DESC' : firstDirection(field) }
      : DEFAULT_SORT,
    records: metric && (row === COMPANY_KEY || isId(row)) ? { key: row!, metric } : null,
  };
}

function put(next: URLSearchParams, name: string, value: string | null) {
  if (value === null) next.delete(name);
  else next.set(name, value);
}

/** Writes the view into a copy of `params`, keeping unrelated parameters and leaving defaults out. */
export function writeKpiViewState(state: KpiViewState, role: Role, params = new URLSearchParams()): URLSearchParams {
  const next = new URLSearchParams(params);
  put(next, 'dimension', state.dimension === KPI_DIMENSIONS_BY_ROLE[role][0] ? null : DIMENSION_PARAM[state.dimension]);
  put(next, 'month', state.month);
  put(next, 'accountManagerId', state.accountManagerId);
  put(next, 'crewId', state.crewId);
  put(next, 'trend', state.trend === DEFAULT_TREND ? null : slug(state.trend));
  const defaultSort = state.sort.field === DEFAULT_SORT.field && state.sort.direction === DEFAULT_SORT.direction;
  put(next, 'sort', defaultSort ? null : slug(state.sort.field));
  put(next, 'dir', defaultSort ? null : state.sort.direction.toLowerCase());
  put(next, 'records', state.records ? slug(state.records.metric) : null);
  put(next, 'row', state.records?.key ?? null);
  return next;
}

/** Clicking the active column flips it; another column starts in its natural direction. */
export function toggleSort(sort: KpiSort, field: KpiSortField): KpiSort {
  if (sort.field === field) return { field, direction: sort.direction === 'ASC' ? 'DESC' : 'ASC' };
  return { field, direction: firstDirection(field) };
}

/**
 * What a row's name opens: a manager's or a crew's accounts; null where there
 * is nothing under the row (an account's name links to its page) or the role
 * is not offered the accounts (a crew lead).
 */
export function drillDown(state: KpiViewState, key: string, role: Role): KpiViewState | null {
  if (!KPI_DIMENSIONS_BY_ROLE[role].includes('ACCOUNT')) return null;
  const base = { ...state, dimension: 'ACCOUNT' as const, records: null };
  if (state.dimension === 'ACCOUNT_MANAGER') return { ...base, accountManagerId: key };
  if (state.dimension === 'CREW') return { ...base, crewId: key };
  return null;
}
