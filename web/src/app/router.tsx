import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { AccountPage } from '../features/accounts/AccountPage';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { PortfolioPage } from '../features/health/PortfolioPage';
import { MapPage } from '../features/map/MapPage';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      // The live map will be the landing page; until it exists, accounts are the useful start.
      { index: true, element: <Navigate to="/accounts" replace /> },
      { path: 'map', element: <MapPage /> },
      { path: 'accounts', element: <AccountsPage /> },
      { path: 'accounts/:accountId', element: <AccountPage /> },
      { path: 'portfolio', element: <PortfolioPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
