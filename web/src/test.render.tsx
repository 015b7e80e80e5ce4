import { ApolloLink } from '@apollo/client';
import { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, useLocation, type RouteObject } from 'react-router';
import { createCache } from './app/apollo.client';
import { routes } from './app/router';
import { theme } from './app/theme';
import { AuthContext, type Auth, type SessionUser } from './features/auth/auth.context';
import { AuthProvider } from './features/auth/AuthProvider';
import { createSessionEvents } from './features/auth/session.events';
import { createSessionLink } from './features/auth/session.link';
import type { LiveClient } from './features/live/live.client';
import { LiveContext } from './features/live/live.context';
import { DEFAULT_HEALTH_CONFIG, healthThresholds, type HealthThresholds } from '@groundwork/shared';
import { CompanyTimeZoneContext } from './ui/company-calendar';
import { HealthThresholdsContext } from './ui/health-thresholds';
import { ToastProvider } from './ui/toast';

/** The company zone the page tests render in (the server's default COMPANY_TIME_ZONE). */
export const TEST_COMPANY_TIME_ZONE = 'America/Denver';

/** Renders the current URL's query string so tests can assert on URL state. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location-search">{location.search}</output>;
}

type Mocks = ReadonlyArray<MockLink.MockedResponse<Record<string, unknown>, Record<string, unknown>>>;

/** A signed-in user for tests; an operations manager sees every page but "My work". */
export function testUser(overrides: Partial<SessionUser> = {}): SessionUser {
  return {
    __typename: 'User',
    id: 'u-test',
    email: 'ops@test.groundwork',
    name: 'Riley Ops',
    role: 'OPS_MANAGER',
    crew: null,
    ...overrides,
  };
}

type RenderOptions = {
  mocks?: Mocks;
  /** Route pattern the element is mounted at, e.g. "/accounts/:accountId". */
  path: string;
  /** The URL to start at. */
  url: string;
  /** Other routes to mount, e.g. the target of a row click. */
  extraRoutes?: RouteObject[];
  /** Who is signed in while the page renders. */
  user?: SessionUser;
  /** The live-update client the page sees; none by default (the page then does not go live). */
  live?: LiveClient | null;
  /** The server's health thresholds (/config.json); the built-in health configuration's by default. */
  thresholds?: HealthThresholds;
};

/**
 * Mounts a page the way the app does — Mantine, Apollo with the app's cache
 * policies (over mocked responses), a router and a signed-in user — without a
 * server.
 */
export function renderPage(
  element: ReactElement,
  {
    mocks = [],
    path,
    url,
    extraRoutes = [],
    user = testUser(),
    live = null,
    thresholds = healthThresholds(DEFAULT_HEALTH_CONFIG),
  }: RenderOptions,
) {
  const router = createMemoryRouter(
    [
      {
        path,
        element: (
          <>
            {element}
            <LocationProbe />
          </>
        ),
      },
      ...extraRoutes,
    ],
    { initialEntries: [url] },
  );
  const auth: Auth = {
    user,
    notice: null,
    signedOutByChoice: false,
    signedIn: async () => {},
    signedOut: async () => {},
    signInShown: () => {},
  };
  const utils = render(
    <MantineProvider theme={theme}>
      <MockedProvider mocks={mocks} cache={createCache()} mockLinkDefaultOptions={{ delay: 0 }}>
        <AuthContext.Provider value={auth}>
          <LiveContext.Provider value={live}>
            <CompanyTimeZoneContext.Provider value={TEST_COMPANY_TIME_ZONE}>
              <HealthThresholdsContext.Provider value={thresholds}>
                <ToastProvider>
                  <RouterProvider router={router} />
                </ToastProvider>
              </HealthThresholdsContext.Provider>
            </CompanyTimeZoneContext.Provider>
          </LiveContext.Provider>
        </AuthContext.Provider>
      </MockedProvider>
    </MantineProvider>,
  );
  return { ...utils, router };
}

/**
 * Mounts the whole app — its routes, the real AuthProvider and the session
 * link — at `url`, over mocked responses (which must include the `me` query).
 */
export function renderApp(url: string, mocks: Mocks) {
  const session = createSessionEvents();
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const link = ApolloLink.from([createSessionLink(session.end), new MockLink(mocks, { defaultOptions: { delay: 0 } })]);
  const utils = render(
    <MantineProvider theme={theme}>
      <MockedProvider link={link} cache={createCache()}>
        <AuthProvider session={session}>
          <CompanyTimeZoneContext.Provider value={TEST_COMPANY_TIME_ZONE}>
            <HealthThresholdsContext.Provider value={healthThresholds(DEFAULT_HEALTH_CONFIG)}>
              <ToastProvider>
                <RouterProvider router={router} />
              </ToastProvider>
            </HealthThresholdsContext.Provider>
          </CompanyTimeZoneContext.Provider>
        </AuthProvider>
      </MockedProvider>
    </MantineProvider>,
  );
  return { ...utils, router };
}

/**
 * Makes the page's media queries answer as a phone `width` pixels wide
 * (`(max-width: 36em)` matches at 390 px; 1em = 16 px); returns the undo.
 * Set before rendering: Mantine reads the query as the page mounts.
 */
export function onPhoneScreen(width = 390): () => void {
  const original = window.matchMedia;
  window.matchMedia = (query: string) => {
    const max = /max-width:\s*([\d.]+)em/.exec(query);
    return { ...original(query), matches: max ? width <= Number(max[1]) * 16 : false };
  };
  return () => {
    window.matchMedia = original;
  };
}
