import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Specs import the spec library by its package name, as users do (tsconfig.json maps it too).
  resolve: { alias: { 'papply/spec': fileURLToPath(new URL('./src/spec/index.ts', import.meta.url)) } },
  test: {
    include: ['spec/**/*.test.ts'],
    // Cluster and CIB tests drive real Pacemaker processes: give them room, and keep files that
    // share the namespace cluster from running at the same time.
    testTimeout: 60_000,
    // A cluster file's beforeAll includes waiting for the cluster lock while other files hold it
    // (some for 4-5 minutes: live-cluster, the reliability faults), so hooks get more room.
    hookTimeout: 1_200_000,
    pool: 'forks',
    globalSetup: ['spec/support/global-setup.ts'],
  },
});
