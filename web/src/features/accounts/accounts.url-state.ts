// The accounts list keeps its search and sort in the URL so a view can be
// shared, bookmarked and restored with Back. Defaults are left out of the URL
// to keep links short. Pagination is not in the URL: cursors are opaque and
// short-lived, and "Load more" appends rather than replaces.

export const ACCOUNT_SORT_FIELDS = ['NAME', 'ANNUAL_VALUE', 'RENEWAL_DATE'] as const;
export type AccountSortField = (typeof ACCOUNT_SORT_FIELDS)[number];
export type SortDirection = 'ASC' | 'DESC';

export type AccountsListState = {
  search: string;
  sort: AccountSortField;
  direction: SortDirection;
};

/** URL spelling of each sort field (readable, and independent of the schema's enum names). */
const SORT_PARAM: Record<AccountSortField, string> = {
  NAME: 'name',
  ANNUAL_VALUE: 'value',
  RENEWAL_DATE: 'renewal',
};

/**
 * The direction a column sorts in when first chosen: the biggest accounts and
 * the nearest renewals are what people look for first.
 */
export const FIRST_DIRECTION: Record<AccountSortField, SortDirection> = {
  NAME: 'ASC',
  ANNUAL_VALUE: 'DESC',
  RENEWAL_DATE: 'ASC',
};

export const DEFAULT_ACCOUNTS_LIST_STATE: AccountsListState = { search: '', sort: 'NAME', direction: 'ASC' };

/** Reads the list state from a query string, ignoring anything it does not understand. */
export function parseAccountsListState(params: URLSearchParams): AccountsListState {
  const search = (params.get('q') ?? '').trim();
  const sortParam = params.get('sort');
  const sort = ACCOUNT_SORT_FIELDS.find((field) => SORT_PARAM[field] === sortParam) ?? DEFAULT_ACCOUNTS_LIST_STATE.sort;
  const dirParam = params.get('dir');
  const direction: SortDirection =
    dirParam === 'asc'
      ? 'ASC'
      : dirParam === 'desc'
        ? 'DESC'
        : sortParam
          ? FIRST_DIRECTION[sort]
          : DEFAULT_ACCOUNTS_LIST_STATE.direction;
  return { search, sort, direction };
}

/**
 * Writes the list state into a copy of `params`, keeping unrelated parameters
 * and omitting values that equal the defaults.
 */
export function writeAccountsListState(state: AccountsListState, params = new URLSearchParams()): URLSearchParams {
  const next = new URLSearchParams(params);
  const search = state.search.trim();
  if (search) next.set('q', search);
  else next.delete('q');
  const isDefaultSort =
    state.sort === DEFAULT_ACCOUNTS_LIST_STATE.sort && state.direction === DEFAULT_ACCOUNTS_LIST_STATE.direction;
  if (isDefaultSort) {
    next.delete('sort');
    next.delete('dir');
  } else {
    next.set('sort', SORT_PARAM[state.sort]);
    next.set('dir', state.direction === 'ASC' ? 'asc' : 'desc');
  }
  return next;
}

/** Clicking the active column flips its direction; another column starts in its natural direction. */
export function toggleSort(state: AccountsListState, field: AccountSortField): AccountsListState {
  if (state.sort === field) return { ...state, direction: state.direction === 'ASC' ? 'DESC' : 'ASC' };
  return { ...state, sort: field, direction: FIRST_DIRECTION[field] };
}

export const ACCOUNTS_PAGE_SIZE = 25;

/** GraphQL variables for the first page of the list described by `state`. */
export function accountsQueryVariables(state: AccountsListState) {
  return {
    filter: state.search ? { search: state.search } : null,
    sort: { field: state.sort, direction: state.direction },
    first: ACCOUNTS_PAGE_SIZE,
  };
}
