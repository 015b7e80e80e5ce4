import { defineProject } from 'vitest/config';

export default defineProject({
  // One graphql copy: without this, Vite may load the ESM and CJS builds and
  // graphql-js refuses schemas "from another module or realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    name: 'server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each test file boots its own database; two at a time fits a 2-core machine.
    maxWorkers: 2,
  },
});
