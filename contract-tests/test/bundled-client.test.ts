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
    // 80% of expires_in, to the millisecond, at every lifetime; VectorCare's 3600 s is measured, not predicted.
    expect(report.refresh_model).toMatchObject({ class: 'fraction', fraction: 0.8 });
    expect(report.refresh_model?.points.map((point) => point.lifetime_s)).toEqual([
      ...profile.modelLifetimesS,
      3600,
    ]);
    expect(report.refresh_model?.vectorcare).toMatchObject({
      source: 'measured',
      at_ms: 2_880_000,
      percent: 80,
      seconds_before_expiry: 720,
    });
    const refresh = report.results.find((result) => result.rule === 'proactive-refresh');
    expect(refresh?.refresh_points).toEqual([report.refresh_model?.vectorcare]);
    expect(refresh?.refresh_point_percent).toBe(80);
    // Virtual time: the token bars of the timeline span the lifetime measured, though no real time passed.
    expect(refresh?.timeline.tokens[0]?.expires_in).toBe(3600);
  });
});
