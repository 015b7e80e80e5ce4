import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Role } from '@groundwork/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountsPageQuery as AccountsPageData } from '../../gql/graphql';
import { renderApp, testUser } from '../../test.render';
import { AccountsPageQuery } from '../accounts/AccountsPage';
import { CrewWorkPageQuery } from '../crew-work/CrewWorkPage';
import { SessionQuery } from './AuthProvider';
import { keepKnownUser, knownUser } from './known-user.store';
import type { SessionUser } from './auth.context';
import { SignInMutation } from './SignInPage';
import { SignOutMutation } from './SignOutButton';

const me = (user: SessionUser | null, delay?: number) => ({
  request: { query: SessionQuery },
  result: { data: { me: user } },
  ...(delay === undefined ? {} : { delay }),
});

const signIn = (user: SessionUser, email = user.email, password = 'secret') => ({
  request: { query: SignInMutation, variables: { email, password } },
  result: { data: { login: { __typename: 'AuthPayload', user } } },
});

const signInRefused = (message: string, code: string, email = 'ops@test.groundwork', password = 'secret') => ({
  request: { query: SignInMutation, variables: { email, password } },
  result: { data: null, errors: [{ message, path: ['login'], extensions: { code } }] },
});

const accountsVariables = { filter: null, sort: { field: 'NAME', direction: 'ASC' }, first: 25 };

function accountsPage(...names: string[]): { data: AccountsPageData } {
  return {
    data: {
      eventCursor: '100',
      accounts: {
        __typename: 'AccountConnection',
        totalCount: names.length,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        edges: names.map((name, i) => ({
          __typename: 'AccountEdge',
          cursor: `c${i}`,
          node: {
            __typename: 'Account',
            id: `a-${name}`,
            name,
            segment: 'HOA',
            tier: 'B',
            annualValue: 100_000,
            renewalDate: '2031-06-30',
            daysToRenewal: 1500,
            propertyCount: 1,
            openIssueCount: 0,
            overdueIssueCount: 0,
            openEnhancementCount: 0,
            lastSiteWalkAt: null,
            accountManager: { __typename: 'User', id: 'am', name: 'Jordan Reyes' },
          },
        })),
      },
    },
  };
}

const accounts = (...names: string[]) => ({
  request: { query: AccountsPageQuery, variables: accountsVariables },
  result: accountsPage(...names),
});

const crew = { __typename: 'Crew' as const, id: 'crew-1', name: 'Maintenance North' };
const noCrewWork = {
  request: { query: CrewWorkPageQuery, variables: { crewId: crew.id, first: 20 } },
  result: {
    data: {
      issues: {
        __typename: 'IssueConnection',
        totalCount: 0,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        edges: [],
      },
    },
  },
};

const usersByRole: Record<Role, SessionUser> = {
  EXECUTIVE: testUser({ id: 'u-exec', role: 'EXECUTIVE', name: 'Morgan Exec', email: 'exec@test.groundwork' }),
  OPS_MANAGER: testUser(),
  ACCOUNT_MANAGER: testUser({ id: 'u-am', role: 'ACCOUNT_MANAGER', name: 'Jordan Reyes', email: 'am@test.groundwork' }),
  CREW_LEAD: testUser({ id: 'u-crew', role: 'CREW_LEAD', name: 'Casey Crew', email: 'crew@test.groundwork', crew }),
};

const path = (router: ReturnType<typeof renderApp>['router']) =>
  `${router.state.location.pathname}${router.state.location.search}`;

async function submitSignIn(email: string, password = 'secret') {
  fireEvent.change(await screen.findByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  // The last confirmed user is kept in localStorage: no test may open on the previous test's user.
  localStorage.clear();
});

const noSignal = { request: { query: SessionQuery }, error: new TypeError('Failed to fetch') };
const sessionExpired = {
  request: { query: SessionQuery },
  result: {
    data: null,
    errors: [
      { message: 'Your session has expired; sign in again.', path: ['me'], extensions: { code: 'UNAUTHENTICATED' } },
    ],
  },
};

describe('starting with no signal', () => {
  it('opens on the last user confirmed on this device, and signs out when the check runs again and is refused', async () => {
    keepKnownUser(usersByRole.EXECUTIVE);
    const { router } = renderApp('/portfolio', [noSignal, sessionExpired]);
    expect(await screen.findByRole('heading', { name: 'Portfolio' })).toBeTruthy();
    expect(within(screen.getByTestId('current-user')).getByText('Morgan Exec')).toBeTruthy();

    // The network is back: the real check runs, and the server's refusal signs out as usual.
    window.dispatchEvent(new Event('online'));
    await screen.findByRole('button', { name: 'Sign in' });
    expect(screen.getByText('Your session has expired; sign in again.')).toBeTruthy();
    expect(path(router)).toBe('/sign-in?next=%2Fportfolio');
    expect(knownUser()).toBeNull();
  });

  it('says the session could not be checked when no user was ever confirmed here', async () => {
    renderApp('/portfolio', [noSignal]);
    expect(await screen.findByText('Groundwork could not check your session')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Portfolio' })).toBeNull();
  });

  it('keeps the user the server confirms', async () => {
    renderApp('/portfolio', [me(usersByRole.EXECUTIVE)]);
    await screen.findByRole('heading', { name: 'Portfolio' });
    expect(knownUser()).toMatchObject({ id: 'u-exec', role: 'EXECUTIVE' });
  });
});

describe('signing in', () => {
  it('shows a loader, not the sign-in page, while it asks who is signed in', async () => {
    const { router } = renderApp('/portfolio', [me(usersByRole.EXECUTIVE, 50)]);
    expect(screen.getByLabelText('Checking your session')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
    expect(await screen.findByRole('heading', { name: 'Portfolio' })).toBeTruthy();
    expect(path(router)).toBe('/portfolio');
  });

  it('sends a signed-out visitor to sign-in with the page in `next`, and back there after signing in', async () => {
    const user = usersByRole.EXECUTIVE;
    const { router } = renderApp('/portfolio?view=renewals', [me(null), signIn(user)]);

    await screen.findByRole('button', { name: 'Sign in' });
    expect(path(router)).toBe('/sign-in?next=%2Fportfolio%3Fview%3Drenewals');
    expect(screen.getByText('Sign in to continue to the page you opened.')).toBeTruthy();

    await submitSignIn(user.email);

    expect(await screen.findByRole('heading', { name: 'Portfolio' })).toBeTruthy();
    expect(path(router)).toBe('/portfolio?view=renewals');
  });

  it('ignores a `next` that points outside the app', async () => {
    const user = usersByRole.EXECUTIVE;
    const { router } = renderApp('/sign-in?next=%2F%2Fevil.example%2Fphish', [me(null), signIn(user)]);
    await submitSignIn(user.email);
    await screen.findByRole('heading', { name: 'Portfolio' });
    expect(path(router)).toBe('/portfolio');
  });

  it.each([
    ['EXECUTIVE', '/portfolio', []],
    ['OPS_MANAGER', '/map', []],
    ['ACCOUNT_MANAGER', '/accounts', [accounts('Willow Bend HOA')]],
    ['CREW_LEAD', '/work', [noCrewWork]],
  ] as const)('lands a %s on %s after signing in without `next`', async (role, landing, pageMocks) => {
    const user = usersByRole[role];
    const { router } = renderApp('/sign-in', [me(null), signIn(user), ...pageMocks]);
    await submitSignIn(user.email);
    await waitFor(() => expect(router.state.location.pathname).toBe(landing));
  });

  it.each([
    ['EXECUTIVE', '/portfolio', ['Portfolio', 'Accounts', 'Map', 'KPIs']],
    ['OPS_MANAGER', '/map', ['Map', 'Accounts', 'Portfolio', 'Site walks', 'KPIs']],
    ['ACCOUNT_MANAGER', '/accounts', ['Accounts', 'Site walks', 'Map', 'Portfolio', 'KPIs']],
    ['CREW_LEAD', '/work', ['My work', 'KPIs']],
  ] as const)('opens a signed-in %s at %s from the root, with its navigation', async (role, landing, items) => {
    const { router } = renderApp('/', [me(usersByRole[role]), accounts(), noCrewWork]);
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    await waitFor(() => expect(router.state.location.pathname).toBe(landing));
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(items);
  });

  it('titles the list "My accounts" for an account manager', async () => {
    renderApp('/accounts', [me(usersByRole.ACCOUNT_MANAGER), accounts('Willow Bend HOA')]);
    expect(await screen.findByRole('heading', { name: 'My accounts' })).toBeTruthy();
  });

  it('shows who is signed in, with their role', async () => {
    renderApp('/map', [me(usersByRole.OPS_MANAGER)]);
    const current = await screen.findByTestId('current-user');
    expect(current.textContent).toBe('Riley OpsOperations manager');
  });

  it('tells a crew lead that accounts are not for their role', async () => {
    renderApp('/accounts/a1', [me(usersByRole.CREW_LEAD)]);
    expect(await screen.findByRole('heading', { name: 'Accounts is not available for your role' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to My work' }).getAttribute('href')).toBe('/work');
  });

  it('says the email or password is incorrect, keeps the email and clears the password', async () => {
    const { router } = renderApp('/sign-in', [
      me(null),
      signInRefused('Email or password is incorrect.', 'UNAUTHENTICATED'),
    ]);
    await submitSignIn('ops@test.groundwork');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Email or password is incorrect.')).toBeTruthy();
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('ops@test.groundwork');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
    expect(path(router)).toBe('/sign-in');
  });

  it('says when to try again after too many attempts', async () => {
    renderApp('/sign-in', [
      me(null),
      signInRefused('Too many sign-in attempts; try again in 15 minutes.', 'RATE_LIMITED'),
    ]);
    await submitSignIn('ops@test.groundwork');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Too many sign-in attempts')).toBeTruthy();
    expect(within(alert).getByText('Too many sign-in attempts; try again in 15 minutes.')).toBeTruthy();
  });

  it('says the server cannot be reached when the network fails', async () => {
    renderApp('/sign-in', [
      me(null),
      {
        request: { query: SignInMutation, variables: { email: 'ops@test.groundwork', password: 'secret' } },
        error: new TypeError('Failed to fetch'),
      },
    ]);
    await submitSignIn('ops@test.groundwork');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Cannot reach the server')).toBeTruthy();
  });

  it('asks for the missing fields without calling the server', async () => {
    renderApp('/sign-in', [me(null)]);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your email address')).toBeTruthy();
    expect(screen.getByText('Enter your password')).toBeTruthy();
  });

  it('points to the demo users on a demo install', async () => {
    vi.stubGlobal('fetch', async () => Response.json({ mapStyleUrl: null, embeddedDatabase: true }));
    renderApp('/sign-in', [me(null)]);
    expect(await screen.findByText(/demo users and their password are listed in the README/)).toBeTruthy();
  });
});

describe('when the session ends', () => {
  it('returns to sign-in from any refused operation, and back to the same page afterwards', async () => {
    const user = usersByRole.OPS_MANAGER;
    const { router } = renderApp('/accounts?q=willow', [
      me(user),
      {
        request: { query: AccountsPageQuery, variables: { ...accountsVariables, filter: { search: 'willow' } } },
        result: {
          data: null,
          errors: [
            {
              message: 'Your session has expired; sign in again.',
              path: ['accounts'],
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        },
      },
      signIn(user),
      {
        request: { query: AccountsPageQuery, variables: { ...accountsVariables, filter: { search: 'willow' } } },
        result: accountsPage('Willow Bend HOA'),
      },
    ]);

    expect(await screen.findByText('Your session has expired; sign in again.')).toBeTruthy();
    expect(path(router)).toBe('/sign-in?next=%2Faccounts%3Fq%3Dwillow');

    await submitSignIn(user.email);

    expect(await screen.findByText('Willow Bend HOA')).toBeTruthy();
    expect(path(router)).toBe('/accounts?q=willow');
  });

  it('signs out to a plain sign-in page; protected pages then ask to sign in again', async () => {
    const { router } = renderApp('/map', [
      me(usersByRole.OPS_MANAGER),
      { request: { query: SignOutMutation }, result: { data: { logout: true } } },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    await screen.findByRole('button', { name: 'Sign in' });
    expect(path(router)).toBe('/sign-in');

    await router.navigate('/accounts');
    await waitFor(() => expect(path(router)).toBe('/sign-in?next=%2Faccounts'));
  });

  it("never shows the previous user's data to the next one", async () => {
    const first = usersByRole.OPS_MANAGER;
    const second = testUser({ id: 'u-ops-2', name: 'Sam Second', email: 'sam@test.groundwork' });
    const { router } = renderApp('/accounts', [
      me(first),
      accounts('Seen by the first user'),
      { request: { query: SignOutMutation }, result: { data: { logout: true } } },
      signIn(second),
      accounts('Seen by the second user'),
    ]);
    await screen.findByText('Seen by the first user');

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await submitSignIn(second.email);
    await waitFor(() => expect(router.state.location.pathname).toBe('/map'));
    await router.navigate('/accounts');

    expect(await screen.findByText('Seen by the second user')).toBeTruthy();
    expect(screen.queryByText('Seen by the first user')).toBeNull();
  });
});
