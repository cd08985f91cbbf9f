import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['spec/**/*.test.ts'],
    // Cluster and CIB tests drive real Pacemaker processes: give them room, and keep files that
    // share the namespace cluster from running at the same time.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
    globalSetup: ['spec/support/global-setup.ts'],
  },
});
