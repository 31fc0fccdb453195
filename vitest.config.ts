import { defineConfig } from 'vitest/config';

/**
 * One run, four projects. Integration and e2e share one in-memory DynamoDB Local per project, started
 * by the global setup on a free port; every test file gets its own table prefix inside it.
 */
const quietFunctions = { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_TRACE_ENABLED: 'false' };

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env: quietFunctions } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/setup/dynamodb-local.ts'],
          env: quietFunctions,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // The stack uploads the built pages (dist/web), so the synth needs them.
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], globalSetup: ['test/setup/web-build.ts'], testTimeout: 120_000, hookTimeout: 180_000 } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/web-build.ts', 'test/setup/dynamodb-local.ts'],
          env: quietFunctions,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
