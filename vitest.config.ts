import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // TEST_DATABASE_URL, or one embedded PostgreSQL cluster for the whole run.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two test files at a time (the machine has two cores; most tests wait on timers and the
    // database): the whole suite with LONG_TESTS takes about 7.5 minutes instead of 12.5.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
