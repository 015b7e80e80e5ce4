import type { IssueStatus } from '@groundwork/shared';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CrewIssueCard_IssueFragment } from '../../gql/graphql';
import { renderPage, testUser } from '../../test.render';
import { fakeIssue, issueRead, statusChange } from '../issues/issue.fake';
import { CREW_WORK_PAGE_SIZE, CrewIssueStatusMutation, CrewWorkPage, CrewWorkPageQuery } from './CrewWorkPage';

const crew = { __typename: 'Crew' as const, id: 'crew-1', name: 'Maintenance North' };
const crewLead = testUser({ id: 'u-crew', role: 'CREW_LEAD', name: 'Casey Crew', crew });

function issue(id: string, overrides: Partial<CrewIssueCard_IssueFragment> = {}): CrewIssueCard_IssueFragment {
  return {
    __typename: 'Issue',
    id,
    title: `Issue ${id}`,
    category: 'IRRIGATION_LEAK',
    urgency: 'ROUTINE',
    status: 'ASSIGNED',
    overdue: false,
    dueAt: '2031-01-01T15:00:00.000Z',
    version: 3,
    property: { __typename: 'Property', id: 'p1', name: 'North campus', address: '100 Oak Park Dr, Denver, CO' },
    ...overrides,
  };
}

function page(nodes: CrewIssueCard_IssueFragment[], { hasNextPage = false, totalCount = nodes.length } = {}) {
  return {
    data: {
      eventCursor: '42',
      issues: {
        __typename: 'IssueConnection',
        totalCount,
        pageInfo: {
          __typename: 'PageInfo',
          hasNextPage,
          endCursor: nodes.length ? `cursor-${nodes.at(-1)!.id}` : null,
        },
        edges: nodes.map((node) => ({ __typename: 'IssueEdge', cursor: `cursor-${node.id}`, node })),
      },
    },
  };
}

const listRequest = (after?: string) => ({
  query: CrewWorkPageQuery,
  variables: { crewId: crew.id, first: CREW_WORK_PAGE_SIZE, ...(after ? { after } : {}) },
});

const statusRequest = (issueId: string, status: IssueStatus, expectedVersion: number) => ({
  query: CrewIssueStatusMutation,
  variables: { input: { issueId, status, expectedVersion } },
});

function renderWork(mocks: Parameters<typeof renderPage>[1]['mocks'], user = crewLead) {
  return renderPage(<CrewWorkPage />, { path: '/work', url: '/work', mocks, user });
}

const card = async (title: string) => (await screen.findByRole('article', { name: title })) as HTMLElement;
// The steps offered on a card (its title is a button too: it opens the details).
const buttonNames = (element: HTMLElement) =>
  within(element)
    .queryAllByRole('button')
    .filter((b) => !b.getAttribute('aria-label')?.startsWith('Details of'))
    .map((b) => b.textContent);

describe('CrewWorkPage', () => {
  it('orders the work urgent first, then overdue by lateness, then by due date, whatever order it came in', async () => {
    renderWork([
      {
        request: listRequest(),
        // Newest first, as the server lists them.
        result: page([
          issue('n1', { title: 'Mulch the entry beds', dueAt: '2026-12-09T15:00:00.000Z' }),
          issue('n2', { title: 'Leak by the fountain', urgency: 'URGENT', dueAt: '2026-12-08T15:00:00.000Z' }),
          issue('n3', { title: 'Weeds in bed 4', dueAt: null }),
          issue('n4', { title: 'Dead shrub by the sign', overdue: true, dueAt: '2026-12-04T15:00:00.000Z' }),
          issue('n5', { title: 'Gate left open', overdue: true, dueAt: '2026-11-30T15:00:00.000Z' }),
        ]),
      },
    ]);
    await card('Mulch the entry beds');
    expect(screen.getAllByRole('article').map((a) => a.getAttribute('aria-label'))).toEqual([
      'Leak by the fountain',
      'Gate left open',
      'Dead shrub by the sign',
      'Mulch the entry beds',
      'Weeds in bed 4',
    ]);
  });

  it("lists the crew's open issues with where, what and by when", async () => {
    renderWork([
      {
        request: listRequest(),
        result: page(
          [
            issue('i1', { title: 'Broken head by gate', urgency: 'URGENT', overdue: true }),
            issue('i2', { title: 'Weeds in bed 4', category: 'WEEDS', dueAt: null }),
          ],
          { totalCount: 2 },
        ),
      },
    ]);

    const first = await card('Broken head by gate');
    expect(within(first).getByText('North campus')).toBeTruthy();
    expect(within(first).getByText('100 Oak Park Dr, Denver, CO')).toBeTruthy();
    expect(within(first).getByText('Irrigation leak')).toBeTruthy();
    expect(within(first).getByText('Urgent')).toBeTruthy();
    expect(within(first).getByText('Overdue')).toBeTruthy();
    expect(within(await card('Weeds in bed 4')).getByText('No due date')).toBeTruthy();
    expect(screen.getAllByRole('article').map((a) => a.getAttribute('aria-label'))).toEqual([
      'Broken head by gate',
      'Weeds in bed 4',
    ]);
  });

  it('offers only the steps a crew lead may take for each status', async () => {
    renderWork([
      {
        request: listRequest(),
        result: page([
          issue('open', { title: 'Unrouted', status: 'OPEN' }),
          issue('assigned', { title: 'Assigned', status: 'ASSIGNED' }),
          issue('progress', { title: 'Under way', status: 'IN_PROGRESS' }),
          issue('resolved', { title: 'Done', status: 'RESOLVED' }),
        ]),
      },
    ]);
    expect(buttonNames(await card('Unrouted'))).toEqual([]);
    expect(buttonNames(await card('Assigned'))).toEqual(['Start']);
    expect(buttonNames(await card('Under way'))).toEqual(['Mark resolved']);
    expect(buttonNames(await card('Done'))).toEqual([]);
  });

  it('starts work with the version it read, then offers to resolve it', async () => {
    renderWork([
      { request: listRequest(), result: page([issue('i1', { title: 'Broken head by gate', version: 7 })]) },
      {
        request: statusRequest('i1', 'IN_PROGRESS', 7),
        result: {
          data: { updateIssueStatus: issue('i1', { title: 'Broken head by gate', status: 'IN_PROGRESS', version: 8 }) },
        },
      },
    ]);
    const item = await card('Broken head by gate');
    fireEvent.click(within(item).getByRole('button', { name: 'Start' }));

    expect(await within(item).findByRole('button', { name: 'Mark resolved' })).toBeTruthy();
    expect(within(item).getByText('In progress')).toBeTruthy();
  });

  it('says someone else changed the issue and reloads it on a version conflict', async () => {
    renderWork([
      { request: listRequest(), result: page([issue('i1', { title: 'Broken head by gate', status: 'ASSIGNED' })]) },
      {
        request: statusRequest('i1', 'IN_PROGRESS', 3),
        result: {
          data: null,
          errors: [
            {
              message: 'Issue was changed by someone else (version 4)',
              path: ['updateIssueStatus'],
              extensions: { code: 'VERSION_CONFLICT' },
            },
          ],
        },
      },
      {
        request: listRequest(),
        result: page([issue('i1', { title: 'Broken head by gate', status: 'IN_PROGRESS', version: 4 })]),
      },
    ]);
    const item = await card('Broken head by gate');
    fireEvent.click(within(item).getByRole('button', { name: 'Start' }));

    const alert = await within(item).findByRole('alert');
    expect(within(alert).getByText('Someone else changed this Issue; it has been reloaded')).toBeTruthy();
    expect(await within(item).findByRole('button', { name: 'Mark resolved' })).toBeTruthy();
    expect(within(item).queryByRole('button', { name: 'Start' })).toBeNull();
  });

  it("shows the server's reason when a change is refused for another cause", async () => {
    renderWork([
      { request: listRequest(), result: page([issue('i1', { title: 'Broken head by gate', status: 'ASSIGNED' })]) },
      {
        request: statusRequest('i1', 'IN_PROGRESS', 3),
        result: {
          data: null,
          errors: [
            {
              message: 'This Issue is not routed to your crew',
              path: ['updateIssueStatus'],
              extensions: { code: 'FORBIDDEN' },
            },
          ],
        },
      },
    ]);
    const item = await card('Broken head by gate');
    fireEvent.click(within(item).getByRole('button', { name: 'Start' }));
    const alert = await within(item).findByRole('alert');
    expect(within(alert).getByText('This Issue is not routed to your crew')).toBeTruthy();
  });

  it('resolves through the sheet: nothing is sent until the undo window is let go, then the card says it waits', async () => {
    const read = issue('i1', { title: 'Broken head by gate', status: 'IN_PROGRESS', version: 6 });
    const before = fakeIssue({ id: 'i1', title: 'Broken head by gate', status: 'IN_PROGRESS', version: 6 });
    renderWork([
      { request: listRequest(), result: page([read]) },
      statusChange(
        before,
        { status: 'RESOLVED', photoIds: [], note: 'Flushed the line' },
        { after: fakeIssue({ id: 'i1', title: 'Broken head by gate', status: 'RESOLVED', version: 7 }) },
      ),
    ]);
    const item = await card('Broken head by gate');
    fireEvent.click(within(item).getByRole('button', { name: 'Mark resolved' }));
    const sheet = await screen.findByTestId('resolve-sheet');
    fireEvent.change(within(sheet).getByRole('textbox', { name: 'Note' }), { target: { value: 'Flushed the line' } });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Mark resolved' }));
    const toast = await screen.findByTestId('toast');
    expect(within(item).getByText('In progress')).toBeTruthy();
    // Not offered again while the undo window is open.
    expect((within(item).getByRole('button', { name: 'Mark resolved' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(toast).getByRole('button', { name: 'Dismiss' }));
    expect(await within(item).findByText('Resolved — waiting for the account manager to verify it.')).toBeTruthy();
    expect(buttonNames(item)).toEqual([]);
  });

  it('opens an Issue’s details from its title', async () => {
    renderWork([
      { request: listRequest(), result: page([issue('i1', { title: 'Broken head by gate', status: 'IN_PROGRESS' })]) },
      issueRead(
        fakeIssue({ id: 'i1', title: 'Broken head by gate', status: 'IN_PROGRESS', allowedStatuses: ['RESOLVED'] }),
      ),
    ]);
    fireEvent.click(
      within(await card('Broken head by gate')).getByRole('button', { name: 'Details of Broken head by gate' }),
    );
    const drawer = await screen.findByTestId('record-issue');
    expect(drawer.getAttribute('data-record-id')).toBe('i1');
    expect(within(drawer).getByRole('button', { name: 'Mark resolved' })).toBeTruthy();
  });

  it('loads more of the list', async () => {
    renderWork([
      {
        request: listRequest(),
        result: page([issue('i1', { title: 'First page' })], { hasNextPage: true, totalCount: 2 }),
      },
      { request: listRequest('cursor-i1'), result: page([issue('i2', { title: 'Second page' })], { totalCount: 2 }) },
    ]);
    await card('First page');
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await card('Second page')).toBeTruthy();
    expect(screen.getByText('Showing 2 of 2 open issues')).toBeTruthy();
  });

  it('says when nothing is waiting', async () => {
    renderWork([{ request: listRequest(), result: page([]) }]);
    expect(await screen.findByText('No open issues')).toBeTruthy();
  });

  it('explains that work needs a crew when the crew lead has none', async () => {
    renderWork([], testUser({ role: 'CREW_LEAD', crew: null }));
    expect(await screen.findByText('You are not on a crew yet')).toBeTruthy();
  });
});
