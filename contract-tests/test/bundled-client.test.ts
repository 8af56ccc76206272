import { describe, expect, it } from 'vitest';
import { PROFILES } from '../runner/certification-profile.js';
import { runCertification } from '../runner/run-certification.js';

// The positive control: the bundled client (dist/client, built by `npm test` before vitest runs) must be
// certified. Over stdio in the quick profile see certify-command.test.ts; in the certification profile
// over stdio (minutes of real time) see bundled-client.certification.test.ts (`npm run test:certification`).
describe('the bundled client, in-process in virtual time', () => {
  it.each([PROFILES.quick, PROFILES.certification])('is certified in the $name profile', async (profile) => {
    const { report } = await runCertification({
      adapter: { kind: 'module', file: 'fixtures/adapters/bundled-client.mjs' },
      profile,
      virtualStartMs: Date.UTC(2026, 0, 15, 14, 30),
    });
    expect(report.results.filter((result) => result.verdict !== 'PASS')).toEqual([]);
    expect(report.certified).toBe(true);
    expect(report.lifetime).toBe(profile.lifetimeS);
    expect(report.margins['time']).toBe('virtual');
    const refresh = report.results.find((result) => result.rule === 'proactive-refresh');
    expect(refresh?.refresh_point_percent).toBeGreaterThanOrEqual(70);
    expect(refresh?.refresh_point_percent).toBeLessThanOrEqual(100);
    // Virtual time: the token bars of the timeline span the profile's lifetime, though no real time passed.
    expect(refresh?.timeline.tokens[0]?.expires_in).toBe(profile.lifetimeS);
  });
});
