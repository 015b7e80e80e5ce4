import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CustomerReportShareRowFragment } from '../../gql/graphql';
import { renderPage, testUser } from '../../test.render';
import { loadServerConfig, resetServerConfig } from '../../ui/server.config';
import {
  CustomerReportSharesQuery,
  EmailCustomerReportMutation,
  RevokeCustomerReportShareMutation,
  ShareCustomerReportMutation,
  ShareReportDialog,
} from './ShareReportDialog';

const row = (overrides: Partial<CustomerReportShareRowFragment> = {}): CustomerReportShareRowFragment => ({
  __typename: 'CustomerReportShare',
  id: 's1',
  from: '2026-05-01',
  to: '2026-05-31',
  createdAt: '2026-06-02T16:00:00.000Z',
  expiresAt: '2099-07-02T16:00:00.000Z',
  revokedAt: null,
  viewCount: 0,
  lastViewedAt: null,
  ...overrides,
});

const shares = (list: CustomerReportShareRowFragment[]) => ({
  request: { query: CustomerReportSharesQuery, variables: { accountId: 'a1' } },
  result: { data: { account: { __typename: 'Account' as const, id: 'a1', reportShares: list } } },
});

const choices = { from: '2026-05-01', to: '2026-05-31', propertyId: null, pairs: ['i1', 'i3'] };

function open(mocks: Parameters<typeof renderPage>[1]['mocks']) {
  return renderPage(
    <ShareReportDialog
      opened
      onClose={() => {}}
      accountId="a1"
      choices={choices}
      periodLabel="May 1 – 31, 2026"
      chosenPairCount={2}
    />,
    {
      path: '/accounts/:accountId/report',
      url: '/accounts/a1/report',
      user: testUser({ role: 'ACCOUNT_MANAGER' }),
      mocks,
    },
  );
}

// /config.json is read once per page load and its answer kept in localStorage: each test
// starts with neither, and says what the server answers.
function serverConfig(config: { emailEnabled?: boolean }) {
  const fetchMock = vi.fn(async () => Response.json({ companyName: 'Front Range Grounds', ...config }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

// The dialog's settings are set once the shared config promise settles; awaiting the same
// promise inside act() waits for exactly that state.
async function configAnswered() {
  await act(async () => {
    await loadServerConfig();
  });
}

const emailRequest = {
  query: EmailCustomerReportMutation,
  variables: { input: { accountId: 'a1', from: '2026-05-01', to: '2026-05-31', proofIssueIds: ['i1', 'i3'] } },
};

describe('ShareReportDialog', () => {
  beforeEach(() => {
    resetServerConfig();
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('creates a link of exactly the reviewed report and shows it with its expiry', async () => {
    const created = row({ id: 's2', createdAt: '2026-06-10T18:00:00.000Z', expiresAt: '2026-07-10T18:00:00.000Z' });
    open([
      shares([]),
      {
        request: {
          query: ShareCustomerReportMutation,
          variables: { input: { accountId: 'a1', from: '2026-05-01', to: '2026-05-31', proofIssueIds: ['i1', 'i3'] } },
        },
        result: { data: { shareCustomerReport: { ...created, url: 'https://gw.example/r/abc' } } },
      },
      shares([created]),
    ]);
    expect(await screen.findByText('No link shared yet.')).toBeTruthy();
    expect(screen.getByText(/May 1 – 31, 2026, 2 before and after pairs/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create link' }));
    expect(((await screen.findByLabelText('Link for the customer')) as HTMLInputElement).value).toBe(
      'https://gw.example/r/abc',
    );
    expect(screen.getByText('Expires Jul 10, 2026.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy the link' })).toBeTruthy();
    expect(await screen.findByTestId('report-share')).toBeTruthy();
  });

  it('lists the links with their openings, and withdraws one', async () => {
    const viewed = row({ viewCount: 3, lastViewedAt: '2026-06-05T17:00:00.000Z' });
    open([
      shares([viewed, row({ id: 's0', revokedAt: '2026-06-01T00:00:00.000Z' })]),
      {
        request: { query: RevokeCustomerReportShareMutation, variables: { id: 's1' } },
        result: { data: { revokeCustomerReportShare: { ...viewed, revokedAt: '2026-06-10T18:00:00.000Z' } } },
      },
    ]);
    const [first, second] = await screen.findAllByTestId('report-share');
    expect(within(first!).getByTestId('report-share-views').textContent).toBe('Opened 3 times, last Jun 5, 2026');
    expect(within(first!).getByText('Active')).toBeTruthy();
    expect(within(second!).getByText('Withdrawn')).toBeTruthy();
    expect(within(second!).queryByRole('button', { name: 'Revoke' })).toBeNull();
    fireEvent.click(within(first!).getByRole('button', { name: 'Revoke' }));
    expect(await within(first!).findByText('Withdrawn')).toBeTruthy();
    expect(within(first!).queryByRole('button', { name: 'Revoke' })).toBeNull();
  });

  it('offers no email when the server has no mail set up (emailEnabled false)', async () => {
    const fetchMock = serverConfig({ emailEnabled: false });
    open([shares([])]);
    expect(await screen.findByText('No link shared yet.')).toBeTruthy();
    await configAnswered();
    expect(fetchMock).toHaveBeenCalledWith('/config.json', expect.anything());
    expect(screen.getByRole('button', { name: 'Create link' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Email it to the contacts' })).toBeNull();
  });

  it('emails exactly the reviewed report to the contacts and says to whom, with the link', async () => {
    serverConfig({ emailEnabled: true });
    const share = row({ id: 's3', createdAt: '2026-06-10T18:00:00.000Z' });
    open([
      shares([]),
      {
        request: emailRequest,
        result: {
          data: {
            emailCustomerReport: {
              __typename: 'CustomerReportEmail',
              sentTo: ['lee@cherrycreek.example', 'pat@cherrycreek.example'],
              share: {
                __typename: 'CustomerReportShare',
                id: 's3',
                url: 'https://gw.example/r/mailed',
                expiresAt: '2026-07-10T18:00:00.000Z',
              },
            },
          },
        },
      },
      shares([share]),
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Email it to the contacts' }));
    const sent = await screen.findByTestId('report-sent');
    expect(within(sent).getByText('Sent')).toBeTruthy();
    expect(sent.textContent).toBe('SentEmailed with the PDF to lee@cherrycreek.example, pat@cherrycreek.example.');
    expect((screen.getByLabelText('Link for the customer') as HTMLInputElement).value).toBe(
      'https://gw.example/r/mailed',
    );
    expect(screen.getByText('Expires Jul 10, 2026.')).toBeTruthy();
    // The list of links is asked again and shows the mailed one.
    const [listed] = await screen.findAllByTestId('report-share');
    expect(within(listed!).getByText('Active')).toBeTruthy();
    expect(screen.queryByText('The email was not sent')).toBeNull();
  });

  it('shows the server’s coded refusal when the mail server is down, and can be tried again', async () => {
    serverConfig({ emailEnabled: true });
    const down = 'The mail server did not take the message (connect ECONNREFUSED 127.0.0.1:2525); nothing was sent.';
    open([
      shares([]),
      {
        request: emailRequest,
        result: {
          data: null,
          errors: [{ message: down, path: ['emailCustomerReport'], extensions: { code: 'UNAVAILABLE' } }],
        },
      },
      {
        request: emailRequest,
        result: {
          data: {
            emailCustomerReport: {
              __typename: 'CustomerReportEmail',
              sentTo: ['lee@cherrycreek.example'],
              share: {
                __typename: 'CustomerReportShare',
                id: 's4',
                url: 'https://gw.example/r/second-try',
                expiresAt: '2026-07-10T18:00:00.000Z',
              },
            },
          },
        },
      },
      shares([row({ id: 's4' })]),
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Email it to the contacts' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The email was not sent')).toBeTruthy();
    expect(within(alert).getByText(down)).toBeTruthy();
    // Nothing was sent and no link is shown; both ways out are still there.
    expect(screen.queryByTestId('report-sent')).toBeNull();
    expect(screen.queryByLabelText('Link for the customer')).toBeNull();
    expect((screen.getByRole('button', { name: 'Create link' }) as HTMLButtonElement).disabled).toBe(false);
    const retry = screen.getByRole('button', { name: 'Email it to the contacts' }) as HTMLButtonElement;
    expect(retry.disabled).toBe(false);

    fireEvent.click(retry);
    expect((await screen.findByTestId('report-sent')).textContent).toBe(
      'SentEmailed with the PDF to lee@cherrycreek.example.',
    );
    expect(screen.queryByText('The email was not sent')).toBeNull();
    expect((screen.getByLabelText('Link for the customer') as HTMLInputElement).value).toBe(
      'https://gw.example/r/second-try',
    );
  });
});
