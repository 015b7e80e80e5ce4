import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireAuth } from '../features/auth/RequireAuth';
import { RequireSection } from '../features/auth/RequireSection';
import { RoleLanding } from '../features/auth/RoleLanding';
import { SignInPage } from '../features/auth/SignInPage';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from '../features/auth/NotFoundPage';

/**
 * A page loaded with its own chunk on first visit, so signing in or reading the
 * portfolio never downloads the map's, the walk's or the charts' code. The service
 * worker precaches every chunk, so a page opens offline all the same.
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Page = lazy(() => load().then((module): { default: ComponentType } => ({ default: module[name] })));
  return (
    <Suspense
      fallback={
        <Center py="xl" aria-busy="true">
          <Loader size="sm" aria-label="Loading page" />
        </Center>
      }
    >
      <Page />
    </Suspense>
  );
}

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  // A report shared with a customer through its link: no sign-in, outside the app's layout.
  {
    path: '/r/:token',
    element: lazyPage(() => import('../features/reports/SharedReportPage'), 'SharedReportPage'),
  },
  {
    // Everything else needs a session; each section is further limited to the roles that work in it.
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <RoleLanding /> },
          {
            element: <RequireSection section="map" />,
            children: [{ path: 'map', element: lazyPage(() => import('../features/map/MapPage'), 'MapPage') }],
          },
          {
            element: <RequireSection section="accounts" />,
            children: [
              {
                path: 'accounts',
                element: lazyPage(() => import('../features/accounts/AccountsPage'), 'AccountsPage'),
              },
              {
                path: 'accounts/:accountId',
                element: lazyPage(() => import('../features/accounts/AccountPage'), 'AccountPage'),
              },
              {
                path: 'accounts/:accountId/report',
                element: lazyPage(() => import('../features/reports/CustomerReportPage'), 'CustomerReportPage'),
              },
            ],
          },
          {
            element: <RequireSection section="portfolio" />,
            children: [
              {
                path: 'portfolio',
                element: lazyPage(() => import('../features/health/PortfolioPage'), 'PortfolioPage'),
              },
            ],
          },
          {
            element: <RequireSection section="walk" />,
            children: [
              { path: 'walk', element: lazyPage(() => import('../features/walk/WalkListPage'), 'WalkListPage') },
              {
                path: 'walk/:propertyId/:walkId',
                element: lazyPage(() => import('../features/walk/SiteWalkPage'), 'SiteWalkPage'),
              },
            ],
          },
          {
            element: <RequireSection section="work" />,
            children: [
              { path: 'work', element: lazyPage(() => import('../features/crew-work/CrewWorkPage'), 'CrewWorkPage') },
            ],
          },
          {
            element: <RequireSection section="kpis" />,
            children: [{ path: 'kpis', element: lazyPage(() => import('../features/kpis/KpiPage'), 'KpiPage') }],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
