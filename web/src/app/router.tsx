import { createBrowserRouter, type RouteObject } from 'react-router';
import { AccountPage } from '../features/accounts/AccountPage';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { RequireAuth } from '../features/auth/RequireAuth';
import { RequireSection } from '../features/auth/RequireSection';
import { RoleLanding } from '../features/auth/RoleLanding';
import { SignInPage } from '../features/auth/SignInPage';
import { CrewWorkPage } from '../features/crew-work/CrewWorkPage';
import { PortfolioPage } from '../features/health/PortfolioPage';
import { MapPage } from '../features/map/MapPage';
import { SiteWalkPage } from '../features/walk/SiteWalkPage';
import { WalkListPage } from '../features/walk/WalkListPage';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from '../features/auth/NotFoundPage';

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  {
    // Everything else needs a session; each section is further limited to the roles that work in it.
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <RoleLanding /> },
          { element: <RequireSection section="map" />, children: [{ path: 'map', element: <MapPage /> }] },
          {
            element: <RequireSection section="accounts" />,
            children: [
              { path: 'accounts', element: <AccountsPage /> },
              { path: 'accounts/:accountId', element: <AccountPage /> },
            ],
          },
          {
            element: <RequireSection section="portfolio" />,
            children: [{ path: 'portfolio', element: <PortfolioPage /> }],
          },
          {
            element: <RequireSection section="walk" />,
            children: [
              { path: 'walk', element: <WalkListPage /> },
              { path: 'walk/:propertyId/:walkId', element: <SiteWalkPage /> },
            ],
          },
          { element: <RequireSection section="work" />, children: [{ path: 'work', element: <CrewWorkPage /> }] },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
