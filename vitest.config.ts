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
    hookTimeout: 300_000,
    pool: 'forks',
    globalSetup: ['spec/support/global-setup.ts'],
  },
});
