import {
  ISSUE_CATEGORIES,
  ISSUE_URGENCIES,
  MAP_ISSUE_STATUSES,
  MAP_MAX_ZOOM,
  MAP_PIN_KINDS,
  OPEN_ISSUE_STATUSES,
  isOneOf,
  type IssueCategory,
  type IssueStatus,
  type IssueUrgency,
  type MapPinKind,
} from '@groundwork/shared';

// The live map keeps its viewport and filters in the URL so a view can be
// shared ("look at the overdue irrigation work downtown") and survives a
// reload. Unknown or malformed parameters are dropped, never fatal.

export type MapViewport = { lng: number; lat: number; zoom: number };

export type MapFilterState = {
  statuses: IssueStatus[];
  urgency: IssueUrgency | null;
  categories: IssueCategory[];
  serviceLineIds: string[];
  crewIds: string[];
  accountIds: string[];
  accountManagerIds: string[];
  overdueOnly: boolean;
  kinds: MapPinKind[];
};

export type MapUrlState = { viewport: MapViewport | null; filter: MapFilterState };

export const EMPTY_MAP_FILTER: MapFilterState = {
  statuses: [],
  urgency: null,
  categories: [],
  serviceLineIds: [],
  crewIds: [],
  accountIds: [],
  accountManagerIds: [],
  overdueOnly: false,
  kinds: [],
};

/** The statuses the map shows: those chosen, or by default every open one (what the server shows for none). */
export function shownStatuses(filter: MapFilterState): IssueStatus[] {
  return filter.statuses.length ? filter.statuses : [...OPEN_ISSUE_STATUSES];
}

/**
 * The statuses to keep after the viewer changed the shown ones: the default
 * set is kept as none (a clean URL), and emptying the list is refused (null:
 * no status at all would show no Issue).
 */
export function pickedStatuses(values: readonly IssueStatus[]): IssueStatus[] | null {
  if (values.length === 0) return null;
  const isDefault =
    values.length === OPEN_ISSUE_STATUSES.length && OPEN_ISSUE_STATUSES.every((s) => values.includes(s));
  return isDefault ? [] : [...values];
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function list(params: URLSearchParams, name: string): string[] {
  const raw = params.get(name);
  return raw ? [...new Set(raw.split(',').filter(Boolean))] : [];
}

const ids = (params: URLSearchParams, name: string) => list(params, name).filter((v) => ID.test(v));

function oneOf<T extends string>(values: readonly T[], params: URLSearchParams, name: string): T[] {
  return list(params, name)
    .map((v) => v.toUpperCase())
    .filter((v): v is T => isOneOf(values, v));
}

/** `@lng,lat,zoom` — the same shape as most map links, easy to read and to edit by hand. */
function parseViewport(raw: string | null): MapViewport | null {
  const match = raw?.match(/^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/);
  if (!match) return null;
  const [lng, lat, zoom] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (Math.abs(lng) > 180 || Math.abs(lat) > 85.06 || zoom > MAP_MAX_ZOOM) return null;
  return { lng, lat, zoom };
}

export function parseMapUrlState(params: URLSearchParams): MapUrlState {
  const urgency = params.get('urgency')?.toUpperCase() ?? null;
  return {
    viewport: parseViewport(params.get('at')),
    filter: {
      statuses: oneOf(MAP_ISSUE_STATUSES, params, 'status'),
      urgency: isOneOf(ISSUE_URGENCIES, urgency) ? urgency : null,
      categories: oneOf(ISSUE_CATEGORIES, params, 'category'),
      serviceLineIds: ids(params, 'line'),
      crewIds: ids(params, 'crew'),
      accountIds: ids(params, 'account'),
      accountManagerIds: ids(params, 'manager'),
      overdueOnly: params.get('overdue') === '1',
      kinds: oneOf(MAP_PIN_KINDS, params, 'kind'),
    },
  };
}

function setList(params: URLSearchParams, name: string, values: readonly string[], lower = false) {
  if (values.length === 0) params.delete(name);
  else params.set(name, values.map((v) => (lower ? v.toLowerCase() : v)).join(','));
}

/** Writes the state into a copy of `params`, leaving defaults out; the viewport is rounded to what a screen shows. */
export function writeMapUrlState(state: MapUrlState, params = new URLSearchParams()): URLSearchParams {
  const next = new URLSearchParams(params);
  const { viewport, filter } = state;
  if (viewport) {
    next.set('at', `${viewport.lng.toFixed(5)},${viewport.lat.toFixed(5)},${viewport.zoom.toFixed(2)}`);
  } else next.delete('at');
  setList(next, 'status', filter.statuses, true);
  if (filter.urgency) next.set('urgency', filter.urgency.toLowerCase());
  else next.delete('urgency');
  setList(next, 'category', filter.categories, true);
  setList(next, 'line', filter.serviceLineIds);
  setList(next, 'crew', filter.crewIds);
  setList(next, 'account', filter.accountIds);
  setList(next, 'manager', filter.accountManagerIds);
  if (filter.overdueOnly) next.set('overdue', '1');
  else next.delete('overdue');
  setList(next, 'kind', filter.kinds, true);
  return next;
}

/** The GraphQL MapFilter for the state: empty lists are left out (they mean "any"). */
export function toMapFilterInput(filter: MapFilterState) {
  return {
    ...(filter.statuses.length ? { statuses: filter.statuses } : {}),
    ...(filter.urgency ? { urgency: filter.urgency } : {}),
    ...(filter.categories.length ? { categories: filter.categories } : {}),
    ...(filter.serviceLineIds.length ? { serviceLineIds: filter.serviceLineIds } : {}),
    ...(filter.crewIds.length ? { crewIds: filter.crewIds } : {}),
    ...(filter.accountIds.length ? { accountIds: filter.accountIds } : {}),
    ...(filter.accountManagerIds.length ? { accountManagerIds: filter.accountManagerIds } : {}),
    ...(filter.overdueOnly ? { overdueOnly: true } : {}),
    ...(filter.kinds.length ? { kinds: filter.kinds } : {}),
  };
}

/** How many filters narrow the map (for the "Filters (3)" button). */
export function activeFilterCount(filter: MapFilterState): number {
  return (
    [filter.statuses, filter.categories, filter.serviceLineIds, filter.crewIds, filter.accountIds]
      .concat([filter.accountManagerIds, filter.kinds])
      .filter((values) => values.length > 0).length +
    (filter.urgency ? 1 : 0) +
    (filter.overdueOnly ? 1 : 0)
  );
}
