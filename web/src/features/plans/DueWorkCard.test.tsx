import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test.render';
import { createFakeLiveClient, fakeIssueEvent } from '../live/live-client.fake';
import { DueWorkCard, DueWorkQueryDocument } from './DueWorkCard';
import { DUE_WORK_LIVE_FILTER } from './due-work.live';

const item = (over: Record<string, unknown>) => ({
  __typename: 'DueWorkItem',
  accountId: 'a1',
  accountName: 'Birch Court',
  accountManagerId: 'u1',
  accountManagerName: 'Jordan Ellis',
  count: 0,
  ...over,
});

const read = (items: ReturnType<typeof item>[]) => ({
  request: { query: DueWorkQueryDocument },
  result: { data: { eventCursor: '100', dueWork: items } },
});

describe('DueWorkCard', () => {
  it('says what is due where, late ones in words and counted', async () => {
    renderPage(<DueWorkCard />, {
      path: '/',
      url: '/',
      mocks: [
        read([
          item({ kind: 'SITE_WALK', dueDate: '2026-06-07', daysLeft: -3 }),
          item({ kind: 'OVERDUE_ISSUES', dueDate: '2026-06-10', daysLeft: 0, count: 2 }),
          item({
            kind: 'MONTHLY_REVIEW',
            dueDate: '2026-06-15',
            daysLeft: 5,
            accountId: 'a2',
            accountName: 'Alder Park',
          }),
          item({ kind: 'RENEWAL', dueDate: '2026-08-01', daysLeft: 52 }),
        ]),
      ],
    });
    const card = await screen.findByTestId('due-work');
    expect(within(card).getByRole('heading').textContent).toBe('Due this week');
    expect(within(card).getByText('2 late')).toBeTruthy();
    const rows = within(card)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(rows).toEqual([
      'Site walkBirch Courtdue Jun 7, 2026, 3 days ago',
      '2 overdue issuesBirch Courtpast their due dates',
      'Monthly plan reviewAlder Parkdue in 5 days',
      'RenewalBirch Courtrenews in 52 days',
    ]);
    expect(within(card).getByRole('link', { name: 'Alder Park' }).getAttribute('href')).toBe('/accounts/a2');
  });

  it("groups the team's list by manager, the most late first, each manager's items a tap away", async () => {
    const sam = { accountManagerId: 'u2', accountManagerName: 'Sam Ortiz', accountId: 'a2', accountName: 'Alder Park' };
    renderPage(<DueWorkCard teamWide />, {
      path: '/',
      url: '/',
      mocks: [
        read([
          item({ kind: 'MONTHLY_REVIEW', dueDate: '2026-06-15', daysLeft: 5, ...sam }),
          item({ kind: 'SITE_WALK', dueDate: '2026-06-07', daysLeft: -3 }),
          item({ kind: 'OVERDUE_ISSUES', dueDate: '2026-06-10', daysLeft: 0, count: 2 }),
          item({ kind: 'RENEWAL', dueDate: '2026-08-01', daysLeft: 52 }),
        ]),
      ],
    });
    const card = await screen.findByTestId('due-work');
    expect(within(card).getByRole('heading').textContent).toBe('Due across the team');
    const groups = within(card).getByRole('list', { name: 'By account manager' });
    const managers = () => [...groups.querySelectorAll(':scope > li')].map((li) => li.getAttribute('data-manager'));
    expect(managers()).toEqual(['Jordan Ellis', 'Sam Ortiz']);
    const jordan = groups.querySelector('li[data-manager="Jordan Ellis"]') as HTMLElement;
    expect(jordan.textContent).toBe('Jordan Ellis2 late1 dueShow');
    expect(jordan.querySelectorAll('li')).toHaveLength(0);
    fireEvent.click(within(jordan).getByRole('button', { name: 'Show' }));
    expect([...jordan.querySelectorAll('li')].map((li) => li.getAttribute('data-kind'))).toEqual([
      'SITE_WALK',
      'OVERDUE_ISSUES',
      'RENEWAL',
    ]);
    expect(within(jordan).getByRole('button', { name: 'Hide' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('says when nothing is due, and shows a long list a few at a time', async () => {
    const { unmount } = renderPage(<DueWorkCard />, { path: '/', url: '/', mocks: [read([])] });
    expect((await screen.findByTestId('due-work')).textContent).toContain(
      'Nothing late and nothing due in the next 7 days.',
    );
    unmount();
    const many = Array.from({ length: 10 }, (_, i) =>
      item({ kind: 'RENEWAL', dueDate: '2026-08-01', daysLeft: 52, accountId: `a${i}`, accountName: `Account ${i}` }),
    );
    renderPage(<DueWorkCard />, { path: '/', url: '/', mocks: [read(many)] });
    const card = await screen.findByTestId('due-work');
    expect(within(card).getAllByRole('listitem')).toHaveLength(8);
    fireEvent.click(within(card).getByRole('button', { name: 'Show all 10' }));
    expect(within(card).getAllByRole('listitem')).toHaveLength(10);
  });

  it('goes live from the cursor it was read at, and shrinks when a review is recorded elsewhere', async () => {
    const live = createFakeLiveClient();
    const review = item({ kind: 'MONTHLY_REVIEW', dueDate: '2026-06-15', daysLeft: 5 });
    const walk = item({ kind: 'SITE_WALK', dueDate: '2026-06-07', daysLeft: -3 });
    renderPage(<DueWorkCard />, {
      path: '/',
      url: '/',
      live: live.client,
      mocks: [read([walk, review]), read([walk])],
    });
    const card = await screen.findByTestId('due-work');
    await waitFor(() => expect(live.active()).toHaveLength(1));
    expect(live.active()[0]).toMatchObject({ since: '100', filter: DUE_WORK_LIVE_FILTER });
    expect(within(card).getAllByRole('listitem')).toHaveLength(2);
    act(() => live.push({ ...fakeIssueEvent('PLAN_REVIEW_RECORDED', 'plan-1'), entityType: 'AccountPlan' }));
    await waitFor(() => expect(within(card).getAllByRole('listitem')).toHaveLength(1));
    expect(within(card).getByRole('listitem').getAttribute('data-kind')).toBe('SITE_WALK');
  });
});
