import { defineConfig } from 'vitest/config';

/** `npm run test:certification`: the long real-time certification runs that `npm test` leaves out. */
export default defineConfig({
  test: {
    include: ['**/*.certification.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**'],
    testTimeout: 900_000,
    pool: 'forks',
    reporters: ['default', 'json', './test-support/no-skipped-tests.ts'],
    outputFile: { json: 'test-output/vitest/certification.json' },
    // Each file mostly waits for a 300 s token lifetime to pass in real time: run them side by side rather
    // than one per core.
    maxWorkers: 4,
  },
});
