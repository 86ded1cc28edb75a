import { defineConfig } from 'vitest/config';

// The PostgreSQL suite runs when PLAZA_TEST_DATABASE_URL points at a server (see README); the
// default run uses PGlite only, so nothing is skipped either way.
const include = ['test/*.test.ts'];
if (process.env.PLAZA_TEST_DATABASE_URL) include.push('test/postgres/*.test.ts');

export default defineConfig({
  test: {
    include,
    globalSetup: ['test/setup/global.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
