import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage, testUser } from '../../test.render';
import { RecordDrawer } from '../records/RecordDrawer';
import { fakeIssue, fakePhoto, fakeStep, issueRead, statusChange } from './issue.fake';

const am = testUser({ id: 'u-am', role: 'ACCOUNT_MANAGER', name: 'Jordan Reyes' });

function openIssue(mocks: Parameters<typeof renderPage>[1]['mocks'], user = am, onClose = () => {}) {
  renderPage(<RecordDrawer record={{ kind: 'ISSUE', id: 'i1' }} onClose={onClose} />, {
    path: '/map',
    url: '/map',
    mocks,
    user,
  });
  return screen.findByTestId('record-issue');
}

const toast = async () => (await screen.findByTestId('toast')) as HTMLElement;

describe('Issue drawer', () => {
  it('shows before and after side by side, the crew’s note, facts and history', async () => {
    const issue = fakeIssue({
      photos: [
        fakePhoto('b1', 'BEFORE'),
        fakePhoto('b2', 'BEFORE'),
        fakePhoto('a1', 'AFTER', { farFromProperty: true }),
      ],
    });
    const drawer = await openIssue([issueRead(issue)]);
    const w = within(drawer);
    expect(w.getByTestId('issue-status').textContent).toBe('Resolved');
    const before = w.getByTestId('photos-before');
    const after = w.getByTestId('photos-after');
    expect(
      within(before)
        .getAllByRole('img')
        .map((img) => img.getAttribute('src')),
    ).toEqual(['/photos/b1/thumb', '/photos/b2/thumb']);
    expect(within(after).getByAltText('After photo 1 of 1').getAttribute('src')).toBe('/photos/a1/thumb');
    // Its GPS puts it more than 100 m from the property: flagged where the check is made.
    expect(within(after).getByText('Far from site')).toBeTruthy();
    expect(within(before).queryByText('Far from site')).toBeNull();
    // The crew's words on resolving, beside the photos the account manager checks.
    expect(w.getByText('Replaced the head')).toBeTruthy();
    expect(w.getByText('— Maintenance North, on resolving')).toBeTruthy();
    expect(w.getByText('Crew').nextElementSibling!.textContent).toBe('Maintenance North');
    expect(w.getByText('Due').nextElementSibling!.textContent).toMatch(/^Nov 12, 2026/);
    expect(w.getByText('Source').nextElementSibling!.textContent).toBe('Found on a site walk');
    expect(w.getByText('Reopened').nextElementSibling!.textContent).toBe('Never');
    expect(w.getByRole('link', { name: 'Willow Creek HOA' }).getAttribute('href')).toBe('/accounts/a1');
    const history = w.getByTestId('issue-history');
    expect(within(history).getByText('In progress → Resolved')).toBeTruthy();
    expect(within(history).getByText('“Replaced the head”')).toBeTruthy();
    expect(
      within(w.getByTestId('issue-actions'))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Verify', 'Reopen']);
  });

  it('opens a thumb in a lightbox at display size and steps through the photos', async () => {
    let drawerClosed = 0;
    const drawer = await openIssue([issueRead(fakeIssue())], am, () => drawerClosed++);
    fireEvent.click(within(drawer).getByRole('button', { name: 'Open before photo 1 of 1' }));
    const lightbox = await screen.findByTestId('lightbox');
    expect(within(lightbox).getByAltText('Before photo, full size').getAttribute('src')).toBe(
      '/photos/ph-before/display',
    );
    fireEvent.click(within(lightbox).getByRole('button', { name: 'Next photo' }));
    expect(within(screen.getByTestId('lightbox')).getByAltText('After photo, full size').getAttribute('src')).toBe(
      '/photos/ph-after/display',
    );
    // Escape closes the lightbox, and only the lightbox.
    fireEvent.keyDown(screen.getByTestId('lightbox'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('lightbox')).toBeNull());
    expect(drawerClosed).toBe(0);
  });

  it('verifies with one tap and says what happened', async () => {
    const issue = fakeIssue();
    const verified = fakeIssue({
      status: 'VERIFIED',
      version: 5,
      allowedStatuses: [],
      verifiedAt: '2026-11-11T16:00:00.000Z',
    });
    const drawer = await openIssue([
      issueRead(issue),
      statusChange(issue, { status: 'VERIFIED' }, { after: verified }),
    ]);
    fireEvent.click(within(drawer).getByRole('button', { name: 'Verify' }));
    const shown = await toast();
    expect(within(shown).getByText('Verified — Broken head by the gate')).toBeTruthy();
    expect(within(shown).getByText('Closed on 1 after photo.')).toBeTruthy();
    expect(within(drawer).getByTestId('issue-status').textContent).toBe('Verified');
    expect(within(drawer).queryByTestId('issue-actions')).toBeNull();
  });

  it('reopens only with a reason, back to the crew', async () => {
    const issue = fakeIssue();
    const reason = 'Still pooling by the north gate';
    const reopened = fakeIssue({
      status: 'ASSIGNED',
      version: 5,
      reopenCount: 1,
      resolvedAt: null,
      allowedStatuses: ['IN_PROGRESS'],
      history: [...issue.history, fakeStep('h3', { fromStatus: 'RESOLVED', toStatus: 'ASSIGNED', note: reason })],
    });
    const drawer = await openIssue([
      issueRead(issue),
      statusChange(issue, { status: 'ASSIGNED', note: reason }, { after: reopened }),
    ]);
    const w = within(drawer);
    fireEvent.click(w.getByRole('button', { name: 'Reopen' }));
    const form = w.getByTestId('reopen-form');
    const submit = within(form).getByRole('button', { name: 'Reopen' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(within(form).getByRole('textbox', { name: 'Why reopen it?' }), { target: { value: reason } });
    expect(submit.disabled).toBe(false);
    fireEvent.click(submit);
    const shown = await toast();
    expect(within(shown).getByText('Reopened — back to Maintenance North')).toBeTruthy();
    expect(w.getByTestId('issue-status').textContent).toBe('Assigned');
    expect(w.getByText('Reopened').nextElementSibling!.textContent).toBe('1 time');
    expect(w.queryByTestId('reopen-form')).toBeNull();
  });

  it('shows a refusal in the server’s words and reloads the Issue', async () => {
    const issue = fakeIssue();
    const message = 'Issue was changed by someone else (now version 5); reload and try again';
    const now = fakeIssue({
      status: 'VERIFIED',
      version: 5,
      allowedStatuses: [],
      verifiedAt: '2026-11-11T16:00:00.000Z',
    });
    const drawer = await openIssue([
      issueRead(issue),
      statusChange(issue, { status: 'VERIFIED' }, { error: { code: 'VERSION_CONFLICT', message } }),
      issueRead(now),
    ]);
    fireEvent.click(within(drawer).getByRole('button', { name: 'Verify' }));
    const alert = await within(drawer).findByRole('alert');
    expect(alert.textContent).toBe(`Not changed: Someone else changed this first${message}`);
    await waitFor(() => expect(within(drawer).getByTestId('issue-status').textContent).toBe('Verified'));
    expect(screen.queryByTestId('toast')).toBeNull();
  });

  it('gives a crew lead "Mark resolved", which asks for after photos and a note', async () => {
    const issue = fakeIssue({
      status: 'IN_PROGRESS',
      resolvedAt: null,
      allowedStatuses: ['RESOLVED'],
      photos: [fakePhoto('b1', 'BEFORE')],
    });
    const drawer = await openIssue([issueRead(issue)], testUser({ role: 'CREW_LEAD', crew: null }));
    // A crew lead does not work in the accounts section: the account is named, not linked. The one
    // link is the drive there (latitude first, as the maps URL scheme wants it).
    expect(within(drawer).queryByRole('link', { name: 'Willow Creek HOA' })).toBeNull();
    expect(within(drawer).getByRole('link', { name: 'Directions' }).getAttribute('href')).toBe(
      'https://www.google.com/maps/dir/?api=1&destination=39.73721,-104.98512',
    );
    expect(within(drawer).queryByTestId('photos-after')).toBeNull();
    fireEvent.click(within(drawer).getByRole('button', { name: 'Mark resolved' }));
    const sheet = await screen.findByTestId('resolve-sheet');
    expect(within(sheet).getByLabelText('After photos').getAttribute('capture')).toBe('environment');
    expect(within(sheet).getByLabelText('After photos').getAttribute('accept')).toBe('image/*');
    expect(within(sheet).getByRole('textbox', { name: 'Note' })).toBeTruthy();
  });
});
