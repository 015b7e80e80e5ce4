import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, useLocation, type RouteObject } from 'react-router';
import { createCache } from './app/apollo.client';
import { theme } from './app/theme';

/** Renders the current URL's query string so tests can assert on URL state. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location-search">{location.search}</output>;
}

type RenderOptions = {
  mocks?: ReadonlyArray<MockLink.MockedResponse<Record<string, unknown>, Record<string, unknown>>>;
  /** Route pattern the element is mounted at, e.g. "/accounts/:accountId". */
  path: string;
  /** The URL to start at. */
  url: string;
  /** Other routes to mount, e.g. the target of a row click. */
  extraRoutes?: RouteObject[];
};

/**
 * Mounts a page the way the app does — Mantine, Apollo with the app's cache
 * policies (over mocked responses), and a router — without a server.
 */
export function renderPage(element: ReactElement, { mocks = [], path, url, extraRoutes = [] }: RenderOptions) {
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
  const utils = render(
    <MantineProvider theme={theme}>
      <MockedProvider mocks={mocks} cache={createCache()} mockLinkDefaultOptions={{ delay: 0 }}>
        <RouterProvider router={router} />
      </MockedProvider>
    </MantineProvider>,
  );
  return { ...utils, router };
}
