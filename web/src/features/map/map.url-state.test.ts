import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  EMPTY_MAP_FILTER,
  parseMapUrlState,
  pickedStatuses,
  shownStatuses,
  toMapFilterInput,
  writeMapUrlState,
} from './map.url-state';

const CREW = '0b9f6f4e-1c1a-4d0e-9a51-2f1f5c7b8d10';
const ACCOUNT = '6f1c2a3b-4d5e-4f60-8a71-92b3c4d5e6f7';

describe('map URL state', () => {
  it('reads viewport and filters, and writes them back to the same string', () => {
    const query = `at=-104.99000,39.74000,12.50&status=open,assigned&urgency=urgent&category=safety&crew=${CREW}&overdue=1&kind=issue`;
    const state = parseMapUrlState(new URLSearchParams(query));
    expect(state.viewport).toEqual({ lng: -104.99, lat: 39.74, zoom: 12.5 });
    expect(state.filter).toEqual({
      ...EMPTY_MAP_FILTER,
      statuses: ['OPEN', 'ASSIGNED'],
      urgency: 'URGENT',
      categories: ['SAFETY'],
      crewIds: [CREW],
      overdueOnly: true,
      kinds: ['ISSUE'],
    });
    expect(decodeURIComponent(writeMapUrlState(state).toString())).toBe(query);
  });

  it('drops what it does not understand instead of failing', () => {
    const state = parseMapUrlState(
      new URLSearchParams(
        'at=200,10,3&status=open,bogus,VERIFIED&urgency=soon&crew=not-an-id,' + CREW + '&overdue=yes',
      ),
    );
    expect(state.viewport).toBeNull();
    // VERIFIED work is not on the map; only open statuses (and RESOLVED) filter it.
    expect(state.filter.statuses).toEqual(['OPEN']);
    expect(state.filter.urgency).toBeNull();
    expect(state.filter.crewIds).toEqual([CREW]);
    expect(state.filter.overdueOnly).toBe(false);
  });

  it('rejects a zoom past the map’s range and a latitude Web Mercator cannot show', () => {
    expect(parseMapUrlState(new URLSearchParams('at=10,10,30')).viewport).toBeNull();
    expect(parseMapUrlState(new URLSearchParams('at=10,89,3')).viewport).toBeNull();
  });

  it('keeps unrelated parameters and leaves defaults out', () => {
    const written = writeMapUrlState(
      { viewport: null, filter: EMPTY_MAP_FILTER },
      new URLSearchParams('pin=abc&crew=x'),
    );
    expect(written.toString()).toBe('pin=abc');
  });

  it('sends only the filters that narrow, and counts them', () => {
    const filter = { ...EMPTY_MAP_FILTER, accountIds: [ACCOUNT], overdueOnly: true, urgency: 'ROUTINE' as const };
    expect(toMapFilterInput(filter)).toEqual({ accountIds: [ACCOUNT], overdueOnly: true, urgency: 'ROUTINE' });
    expect(toMapFilterInput(EMPTY_MAP_FILTER)).toEqual({});
    expect(activeFilterCount(filter)).toBe(3);
    expect(activeFilterCount(EMPTY_MAP_FILTER)).toBe(0);
  });

  it('shows the default statuses as the open ones, so adding Resolved keeps them; never none', () => {
    expect(shownStatuses(EMPTY_MAP_FILTER)).toEqual(['OPEN', 'ASSIGNED', 'IN_PROGRESS']);
    expect(pickedStatuses(['OPEN', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED'])).toEqual([
      'OPEN',
      'ASSIGNED',
      'IN_PROGRESS',
      'RESOLVED',
    ]);
    expect(pickedStatuses(['IN_PROGRESS', 'OPEN', 'ASSIGNED'])).toEqual([]);
    expect(pickedStatuses(['ASSIGNED'])).toEqual(['ASSIGNED']);
    expect(pickedStatuses([])).toBeNull();
    expect(shownStatuses({ ...EMPTY_MAP_FILTER, statuses: ['RESOLVED'] })).toEqual(['RESOLVED']);
  });
});
