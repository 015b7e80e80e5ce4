import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { createApolloClient } from './app/apollo.client';
import { createRouter } from './app/router';
import { cssVariablesResolver, theme } from './app/theme';
import { AuthProvider } from './features/auth/AuthProvider';
import { createSessionEvents } from './features/auth/session.events';
import { LiveProvider } from './features/live/LiveProvider';
import { CompanyCalendarProvider } from './app/CompanyCalendarProvider';
import { loadServerConfig } from './ui/server.config';
import { ToastProvider } from './ui/toast';

const session = createSessionEvents();
const client = createApolloClient({ onSessionEnded: session.end });
const router = createRouter();
// The server's config (company time zone, basemap) loads alongside the session check, not after it.
void loadServerConfig();
// Opening on the live map: fetch maplibre and the basemap config alongside the session check, not after it.
if (window.location.pathname === '/map') void import('./features/map/MapPage').then((m) => m.preloadMapCanvas());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <ApolloProvider client={client}>
        <AuthProvider session={session}>
          <LiveProvider onSessionEnded={session.end}>
            <CompanyCalendarProvider>
              <ToastProvider>
                <RouterProvider router={router} />
              </ToastProvider>
            </CompanyCalendarProvider>
          </LiveProvider>
        </AuthProvider>
      </ApolloProvider>
    </MantineProvider>
  </StrictMode>,
);
