import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../test.render';
import { fakeIssue, issueRead } from '../issues/issue.fake';
import { MapCrewsQuery } from './CrewPanel';
import { IssueCrewChoicesQuery } from './map.documents';
import type { Pin } from './map.pins';
import type { MapViewState } from './map-view.hook';
import { MapFilterOptionsQuery } from './MapFilters';
import { MapPage } from './MapPage';

// jsdom has no WebGL, so no map reports a viewport and nothing would be read: the page is given its
// data hook's answer instead (what the map has loaded), and the test checks what the page does with it.
const mapData = vi.hoisted(() => ({
  view: null as unknown as MapViewState,
  assign: null as unknown as (issueId: string, crewId: string) => Promise<boolean>,
}));
vi.mock('./map-data.hook', () => ({
  useMapData: () => ({
    view: mapData.view,
    status: 'ready',
    error: null,
    frame: null,
    geojson: { type: 'FeatureCollection', features: [] },
    notices: [],
    notify: () => {},
    dismiss: () => {},
    onViewport: () => {},
    assign: mapData.assign,
    move: async () => true,
    drop: () => {},
    reload: () => {},
    issueEvents: 0,
  }),
}));

const pin = (over: Partial<Pin>): Pin => ({
  id: 'i1',
  kind: 'ISSUE',
  title: 'Broken sprinkler',
  status: 'OPEN',
  urgency: 'ROUTINE',
  category: 'IRRIGATION_LEAK',
  overdue: false,
  dueAt: null,
  crewId: null,
  version: 1,
  propertyId: 'p1',
  accountId: 'a1',
  location: { lng: -104.99, lat: 39.74 },
  ...over,
});

function view(pins: Pin[], over: Partial<MapViewState> = {}): MapViewState {
  return {
    cursor: '1',
    clustered: false,
    truncated: false,
    pinCount: pins.length,
    pinLimit: 2000,
    propertyCount: 2,
    properties: [
      { id: 'p1', name: 'North campus', boundary: null, centroid: { lng: -104.99, lat: 39.74 } },
      { id: 'p2', name: 'South lot', boundary: null, centroid: { lng: -104.98, lat: 39.73 } },
    ],
    pins: new Map(pins.map((p) => [p.id, p])),
    clusters: [],
    ...over,
  };
}

const crew = (id: string, name: string) => ({
  __typename: 'Crew' as const,
  id,
  name,
  color: '#1c7ed6',
  openIssueCount: 1,
  overdueIssueCount: 0,
  serviceLine: { __typename: 'ServiceLine' as const, id: 'sl1', name: 'Maintenance' },
  nextVisits: [],
});

const mocks = [
  {
    request: { query: MapCrewsQuery },
    result: { data: { crews: [crew('c1', 'Maintenance North'), crew('c2', 'Maintenance South')] } },
    maxUsageCount: Number.POSITIVE_INFINITY,
  },
  {
    request: { query: MapFilterOptionsQuery },
    result: {
      data: {
        serviceLines: [],
        accounts: { __typename: 'AccountConnection', edges: [] },
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
  },
];

const gate = pin({ id: 'i-gate', title: 'Geyser at the gate', dueAt: '2030-01-02T00:00:00Z', crewId: 'c1' });
const fence = pin({
  id: 'i-fence',
  title: 'Fallen fence panel',
  propertyId: 'p2',
  urgency: 'URGENT',
  overdue: true,
  status: 'ASSIGNED',
  crewId: 'c2',
  dueAt: '2020-01-01T00:00:00Z',
});
const patio = pin({
  id: 'e-patio',
  kind: 'ENHANCEMENT',
  title: 'Patio lighting',
  status: null,
  urgency: null,
  category: null,
  stage: 'PROPOSED',
});

function renderMap() {
  return renderPage(<MapPage />, { path: '/map', url: '/map', mocks: [...mocks, ...drawerMocks] });
}

const drawerIssue = fakeIssue({
  id: 'i-gate',
  title: 'Geyser at the gate',
  status: 'OPEN',
  allowedStatuses: [],
  crew: null,
  photos: [],
});
const drawerMocks = [
  // Read again after the assignment (the drawer shows the Issue as it is now).
  { ...issueRead(drawerIssue), maxUsageCount: Number.POSITIVE_INFINITY },
  {
    request: { query: IssueCrewChoicesQuery, variables: { id: 'i-gate' } },
    result: {
      data: {
        issue: {
          __typename: 'Issue',
          id: 'i-gate',
          status: 'OPEN',
          urgency: 'ROUTINE',
          createdAt: '2026-11-09T15:00:00.000Z',
          dueAt: null,
          version: 1,
          crew: null,
          property: {
            __typename: 'Property',
            id: 'p1',
            name: 'North campus',
            schedules: [
              {
                __typename: 'ServiceSchedule',
                id: 's1',
                nextVisitDate: '2030-01-03',
                crew: { __typename: 'Crew', id: 'c1' },
              },
            ],
          },
        },
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
  },
];

describe('MapPage list of pins in view', () => {
  beforeEach(() => {
    mapData.view = view([gate, patio, fence]);
    mapData.assign = vi.fn(async () => true);
  });

  it('lists what the map has loaded, what needs attention first, each entry a button naming the pin', async () => {
    renderMap();
    const toggle = await screen.findByRole('button', { name: 'List' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);

    const list = screen.getByRole('region', { name: 'In view' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.getAttribute('aria-controls')).toBe(list.id);
    // The reader is taken to the list (past the filters).
    expect(document.activeElement).toBe(within(list).getByRole('heading', { name: 'In view' }));
    expect(within(list).getByTestId('pin-list-summary').textContent).toBe(
      '3 pins in view, what needs attention first.',
    );
    const entries = within(list)
      .getAllByRole('listitem')
      .map((item) => within(item).getByRole('button'));
    // Urgent and overdue first, then the other Issue, the Enhancement last.
    expect(entries.map((entry) => entry.getAttribute('data-pin-id'))).toEqual(['i-fence', 'i-gate', 'e-patio']);
    const fenceText = entries[0]!.textContent!;
    expect(fenceText).toContain('Fallen fence panel');
    expect(fenceText).toContain('Issue · South lot · Irrigation leak');
    expect(within(entries[0]!).getByText('Urgent')).toBeTruthy();
    expect(within(entries[0]!).getByText('Assigned')).toBeTruthy();
    expect(within(entries[0]!).getByText('Overdue')).toBeTruthy();
    await waitFor(() => expect(entries[0]!.textContent).toMatch(/Maintenance South · due .+ ago$/));
    expect(entries[1]!.textContent).toMatch(/Maintenance North · due in /);
    expect(entries[2]!.textContent).toContain('Enhancement · North campus');
    expect(within(entries[2]!).getByText('Proposed')).toBeTruthy();
  });

  it('opens the chosen pin in the record drawer, where the crew picker assigns it', async () => {
    renderMap();
    fireEvent.click(await screen.findByRole('button', { name: 'List' }));
    const entry = screen.getByRole('button', { name: /^Geyser at the gate/ });
    fireEvent.click(entry);

    const drawer = await screen.findByTestId('record-issue');
    expect(drawer.getAttribute('data-record-id')).toBe('i-gate');
    expect(entry.getAttribute('aria-current')).toBe('true');
    // The drawer's crew picker, as when the pin itself is clicked.
    const picker = await within(document.body).findByRole('combobox', { name: 'Assign to a crew' });
    fireEvent.click(picker);
    // The options open in a portal jsdom counts as hidden (no layout): found by name all the same.
    fireEvent.click(await screen.findByRole('option', { name: /^Maintenance North — next visit/, hidden: true }));
    fireEvent.click(screen.getByRole('button', { name: 'Assign to Maintenance North' }));
    await waitFor(() => expect(mapData.assign).toHaveBeenCalledWith('i-gate', 'c1'));
    expect(await screen.findByText('Assigned to Maintenance North.')).toBeTruthy();
  });

  it('caps a long list with the count and asks to zoom in; a clustered view asks to zoom in to list anything', async () => {
    const many = Array.from({ length: 105 }, (_, i) => pin({ id: `i${i}`, title: `Issue ${i}` }));
    mapData.view = view(many);
    const first = renderMap();
    fireEvent.click(await screen.findByRole('button', { name: 'List' }));
    expect(screen.getByTestId('pin-list-summary').textContent).toBe(
      'Showing 100 of 105 pins in view, what needs attention first: zoom in to see all.',
    );
    expect(within(screen.getByTestId('pin-list')).getAllByRole('listitem')).toHaveLength(100);
    first.unmount();

    mapData.view = view([], { clustered: true, pinCount: 2400 });
    renderMap();
    fireEvent.click(await screen.findByRole('button', { name: 'List' }));
    expect(screen.getByTestId('pin-list-summary').textContent).toBe(
      '2,400 pins in view, drawn in groups: zoom in to list them.',
    );
    expect(within(screen.getByTestId('pin-list')).queryAllByRole('listitem')).toHaveLength(0);
  });

  it('closes on Escape or its close button, back to the toggle', async () => {
    renderMap();
    const toggle = await screen.findByRole('button', { name: 'List' });
    fireEvent.click(toggle);
    fireEvent.keyDown(screen.getByRole('heading', { name: 'In view' }), { key: 'Escape' });
    expect(screen.queryByTestId('pin-list')).toBeNull();
    expect(document.activeElement).toBe(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');

    fireEvent.click(toggle);
    act(() => screen.getByRole('button', { name: 'Close the list' }).click());
    expect(screen.queryByTestId('pin-list')).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });
});
