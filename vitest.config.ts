import { defineConfig } from 'vitest/config';

const SUITE = [
  'shared/**/*.test.ts',
  'mock-server/**/*.test.ts',
  'client/**/*.test.ts',
  'contract-tests/**/*.test.ts',
  'test/**/*.test.ts',
  'bench/**/*.test.ts',
  'scripts/**/*.test.ts',
  'test-support/**/*.test.ts',
];
const EXCLUDED = ['**/node_modules/**', 'dist/**', '**/*.certification.test.ts'];
const ALONE = 'test/dashboard/dashboard.browser.test.ts';

export default defineConfig({
  test: {
    // Hang detectors, not speed limits: many tests are CPU-bound (fuzzing, hundreds of signed tokens, child
    // processes), and their time grows with the machine's load. Beside two busy loops and other engineers'
    // work (load 13-20 on 2 cores) single tests took up to 17 s, and a 20 s default had no room left.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: SUITE,
          exclude: [...EXCLUDED, ALONE],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The dashboard's browser test measures the page's main-thread CPU for a full recorder against the
        // issue's 200 ms bar. Thread time still grows when another test file's worker shares the two cores
        // (206 and 253 ms in two fresh-clone runs beside the suite, 107-150 ms alone), so it runs after the
        // rest, with nothing else of the suite beside it.
        extends: true,
        test: { name: 'alone', include: [ALONE], exclude: EXCLUDED, sequence: { groupOrder: 1 } },
      },
    ],
    // The JSON results let .ci/run print a plain 'N passed, N failed' line (scripts/test-summary.mjs); a
    // skipped test fails the run (test-support/no-skipped-tests.ts).
    reporters: ['default', 'json', './test-support/no-skipped-tests.ts'],
    outputFile: { json: 'test-output/vitest/npm-test.json' },
  },
});
