import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs separately on :4000; in production the same
// server serves this bundle, so the browser only ever talks to its own origin.
const apiOrigin = process.env.GROUNDWORK_API ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      // ws: true carries GraphQL subscriptions (graphql-ws) over the same path.
      '/graphql': { target: apiOrigin, ws: true, changeOrigin: true },
      '/healthz': { target: apiOrigin, changeOrigin: true },
      '/readyz': { target: apiOrigin, changeOrigin: true },
      '/config.json': { target: apiOrigin, changeOrigin: true },
      '/photos': { target: apiOrigin, changeOrigin: true },
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
