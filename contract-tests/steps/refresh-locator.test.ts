import { afterEach, describe, expect, it } from 'vitest';
import { PROFILES } from '../runner/certification-profile.js';
import { startHarness } from '../runner/run-certification.js';
import { locateRefresh, type LocateOptions, type LocatedRefresh } from './refresh-locator.js';
import { ScenarioContext } from './scenario-context.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Locates a control's refresh at one lifetime, in process in virtual time, by the method given. */
async function locate(
  control: string,
  lifetimeS: number,
  method: LocateOptions['method'],
): Promise<LocatedRefresh> {
  const file = control.includes('/') ? control : `fixtures/adapters/${control}.mjs`;
  const harness = await startHarness({ kind: 'module', file }, PROFILES.quick, Date.UTC(2026, 0, 15, 14, 30));
  closers.push(() => harness.mock.close());
  const s = new ScenarioContext({ ...harness, rule: 'locator-test', profile: PROFILES.quick, lifetimeS });
  closers.push(() => s.close());
  await s.start();
  await s.call();
  return locateRefresh(s, {
    method,
    spacingMs: (lifetimeS * 1000) / 200,
    resolutionMs: 1,
    afterExpiryMs: 1000,
    guardMs: 250,
  });
}

describe('locating a refresh', () => {
  it('bisects to the millisecond: the first instant a call fetches a new token', async () => {
    expect(await locate('well-behaved', 14, 'bisect')).toMatchObject({
      kind: 'point',
      loMs: 11_199,
      hiMs: 11_200,
      trigger: 'call',
    });
    // 60 s before expiry at 100 s: 40 s.
    expect(await locate('fixed-60s-margin', 100, 'bisect')).toMatchObject({ kind: 'point', hiMs: 40_000 });
  });

  it('scans a token life probe by probe, placing the refresh between two probes', async () => {
    const located = await locate('well-behaved', 14, 'scan');
    expect(located).toMatchObject({ kind: 'point', trigger: 'call' });
    if (located.kind !== 'point') return;
    // Every 70 ms from 35 ms: the probe at 11.235 s is the first to find the token past 80% (11.2 s), the
    // one at 11.165 s the last before, so the middle of the two is where the client decided.
    expect(located.hiMs).toBe(11_235);
    expect(located.loMs).toBe(11_165);
    expect((located.loMs + located.hiMs) / 2).toBe(11_200);
    expect(located.probes).toBe(162); // the call at once, then 161 through the life
  });

  it('tells a client that fetches a token for every call by a call made at once', async () => {
    for (const method of ['scan', 'bisect'] as const)
      expect(await locate('never-caches', 14, method)).toMatchObject({ kind: 'every-call', probes: 1 });
  });

  it('tells a client that never refreshes: its token presented 1 s after expiry, replaced only for the 401', async () => {
    for (const method of ['scan', 'bisect'] as const)
      expect(await locate('refresh-only-after-401', 14, method)).toMatchObject({
        kind: 'never',
        presentedAtMs: 15_000,
      });
  });

  it('does not take a client renewing just over 1 s after its count for one that never does', async () => {
    // One probe 1 s after expiry finds the token still in use (the client renews 1.3 s after); the second,
    // 1 s later, finds it replaced: a point between them, not "never".
    const scanned = await locate('contract-tests/steps/test-support/renews-after-its-count.mjs', 14, 'scan');
    expect(scanned).toMatchObject({ kind: 'point', trigger: 'call', loMs: 15_000, hiMs: 16_000 });
    const bisected = await locate(
      'contract-tests/steps/test-support/renews-after-its-count.mjs',
      14,
      'bisect',
    );
    expect(bisected).toMatchObject({ kind: 'point', trigger: 'call', loMs: 15_299, hiMs: 15_300 });
  });

  it('locates nothing when the hub refuses the calls at its bearer check', async () => {
    expect(await locate('token-in-query', 14, 'scan')).toMatchObject({ kind: 'refused', check: 'missing' });
  });
});
