import { defineConfig } from 'vitest/config';

/**
 * One root config, five projects. `bash scripts/test.sh` runs them one after another
 * (`npx vitest run --project <name>`); the API projects run the same files twice,
 * once on SQLite and once on PostgreSQL (ZX_TEST_PG_URL, started by scripts/test.sh).
 */
const serverProject = (name: 'api-sqlite' | 'api-postgres', db: 'sqlite' | 'postgres') => ({
  extends: true as const,
  test: {
    name,
    include: ['packages/server/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node' as const,
    env: { ZX_TEST_DB: db },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks' as const,
    fileParallelism: true,
    maxWorkers: 2,
  },
});

export default defineConfig({
  test: {
    // Keep the root config free of include patterns: every project says what it runs.
    exclude: ['**/node_modules/**', '**/dist/**', '.tmp/**'],
    projects: [
      {
        extends: true,
        test: {
          // Checks over the source itself: import rules (dependency-cruiser), SQL outside repositories.
          name: 'checks',
          include: ['checks/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'domain',
          include: ['packages/domain/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      serverProject('api-sqlite', 'sqlite'),
      serverProject('api-postgres', 'postgres'),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
