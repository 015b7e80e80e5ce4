import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// In development the API runs separately on :4000; in production the same
// server serves this bundle, so the browser only ever talks to its own origin.
const apiOrigin = process.env.GROUNDWORK_API ?? 'http://localhost:4000';

// Paths the server answers itself: the service worker never answers them with
// the app shell (and never caches them: no runtime caching is configured, so
// /graphql and /photos always go to the network, and fail plainly offline).
// /shared/reports and /reports: a shared report's JSON, photos and PDF, and the signed-in PDF
// (opened as navigations: the PDF link must reach the server, not the app shell).
const SERVER_PATHS = /^\/(graphql|healthz|readyz|config\.json|photos|shared\/reports|reports)(\/|\?|$)/;

export default defineConfig({
  plugins: [
    react(),
    // The installable app: a manifest, and a Workbox service worker that precaches the
    // built shell (HTML, JS, CSS, maplibre's worker, icons) so /walk opens with no signal.
    // The map's offline style is built into the JS (no glyphs, sprites or tiles to cache).
    VitePWA({
      // The new worker takes over at once; pages are not reloaded under the user (no prompt):
      // captures live in IndexedDB, and the next navigation runs the new version.
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      // The icons are in the precache through globPatterns already.
      includeManifestIcons: false,
      manifest: {
        name: 'Groundwork',
        short_name: 'Groundwork',
        description: 'Landscaping operations: accounts, site walks, crews and work.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#2f9e44',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,ico,woff,woff2,webmanifest}'],
        // The main bundle is ~1.7 MB and maplibre ~1.1 MB: over Workbox's 2 MiB default once they grow.
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [SERVER_PATHS],
        cleanupOutdatedCaches: true,
        // The first visit is controlled at once, so the shell is ready for a later visit with no signal.
        skipWaiting: true,
        clientsClaim: true,
      },
    }),
  ],
  server: {
    port: 5173,
    proxy: {
      // ws: true carries GraphQL subscriptions (graphql-ws) over the same path.
      '/graphql': { target: apiOrigin, ws: true, changeOrigin: true },
      '/healthz': { target: apiOrigin, changeOrigin: true },
      '/readyz': { target: apiOrigin, changeOrigin: true },
      '/config.json': { target: apiOrigin, changeOrigin: true },
      '/photos': { target: apiOrigin, changeOrigin: true },
      '/shared': { target: apiOrigin, changeOrigin: true },
      '/reports': { target: apiOrigin, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // maplibre alone is ~800 kB minified; it is isolated and loaded only by
    // pages that draw a map.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'maplibre', test: /[\\/]node_modules[\\/].*maplibre-gl[\\/]/ }],
        },
      },
    },
  },
});
