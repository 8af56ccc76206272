import { defineConfig } from 'vitest/config';

/** `npm run test:certification`: the long real-time certification runs that `npm test` leaves out. */
export default defineConfig({
  test: {
    include: ['**/*.certification.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**'],
    testTimeout: 900_000,
    pool: 'forks',
  },
});
