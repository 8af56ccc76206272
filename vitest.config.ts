import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'mock-server/**/*.test.ts',
      'client/**/*.test.ts',
      'contract-tests/**/*.test.ts',
      'test/**/*.test.ts',
      'bench/**/*.test.ts',
      'scripts/**/*.test.ts',
      'test-support/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'dist/**', '**/*.certification.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The JSON results let .ci/run print a plain 'N passed, N failed' line (scripts/test-summary.mjs); a
    // skipped test fails the run (test-support/no-skipped-tests.ts).
    reporters: ['default', 'json', './test-support/no-skipped-tests.ts'],
    outputFile: { json: 'test-output/vitest/npm-test.json' },
  },
});
