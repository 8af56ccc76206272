import { describe, expect, it } from 'vitest';
import type { Verdict } from '../report/report-types.js';
import { RULE_IDS, type RuleId } from '../rules/rule-catalogue.js';
import { PROFILES } from '../runner/certification-profile.js';
import { runCertification } from '../runner/run-certification.js';

/**
 * Every control in fixtures/adapters/, run in-process in virtual time (quick profile), must get exactly the
 * verdicts its code implies: its own rule broken, the others as its flaw makes them. Everything not
 * listed must PASS.
 */
const CONTROLS: Record<string, Partial<Record<RuleId, Verdict>>> = {
  'well-behaved': {},
  'secret-in-query': { 'token-request': 'FAIL' },
  'token-in-query': {
    // Every call is refused, so the client fetches a token for each retry and never holds one for long.
    'bearer-header': 'FAIL',
    'token-reuse': 'FAIL',
    'proactive-refresh': 'FAIL',
    'retry-after-401': 'FAIL',
    'single-flight': 'WARN',
    'honours-expires-in': 'FAIL',
  },
  'never-caches': {
    'token-reuse': 'FAIL',
    'proactive-refresh': 'FAIL',
    'honours-expires-in': 'FAIL',
    'single-flight': 'WARN',
  },
  // Keeping the token until its own count of expires_in runs out also means no refresh at 80%.
  'presents-expired-token': {
    'no-expired-token': 'FAIL',
    'proactive-refresh': 'FAIL',
    'honours-expires-in': 'FAIL',
  },
  // Keeping the token until a 401 also means presenting it expired, and at any lifetime.
  'refresh-only-after-401': {
    'proactive-refresh': 'FAIL',
    'no-expired-token': 'FAIL',
    'honours-expires-in': 'FAIL',
  },
  'assumes-3600': { 'honours-expires-in': 'FAIL', 'proactive-refresh': 'FAIL', 'no-expired-token': 'FAIL' },
  'no-retry-after-401': { 'retry-after-401': 'FAIL' },
  'retries-forever': { 'bounded-retry': 'FAIL' },
  'hammers-invalid-client': { 'invalid-client': 'FAIL' },
  'no-single-flight': { 'single-flight': 'WARN' },
  'hammers-outage': { 'token-endpoint-outage': 'WARN' },
  'calls-without-token': { 'token-endpoint-outage': 'WARN' },
  // Answers 201 without a request: nothing can be judged, and nothing may pass.
  'fakes-results': Object.fromEntries(RULE_IDS.map((id) => [id, 'ERROR'])),
};

const expectedVerdicts = (control: string): Record<string, Verdict> =>
  Object.fromEntries(RULE_IDS.map((id) => [id, CONTROLS[control]?.[id] ?? 'PASS']));

describe('negative controls, in-process in virtual time', () => {
  it.each(Object.keys(CONTROLS))('%s gets the verdicts its code implies', async (control) => {
    const { report } = await runCertification({
      adapter: { kind: 'module', file: `fixtures/adapters/${control}.mjs` },
      profile: PROFILES.quick,
      virtualStartMs: Date.UTC(2026, 0, 15, 14, 30),
    });
    const verdicts = Object.fromEntries(report.results.map((result) => [result.rule, result.verdict]));
    expect(verdicts).toEqual(expectedVerdicts(control));
    const requiredBroken = Object.values(CONTROLS[control] ?? {}).some(
      (verdict) => verdict === 'FAIL' || verdict === 'ERROR',
    );
    expect(report.certified).toBe(!requiredBroken);
  });

  it('every rule is shown to fail for some control that breaks it', () => {
    const broken = new Set(
      Object.values(CONTROLS).flatMap((verdicts) =>
        Object.entries(verdicts)
          .filter(([, verdict]) => verdict === 'FAIL' || verdict === 'WARN')
          .map(([rule]) => rule),
      ),
    );
    expect([...broken].sort()).toEqual([...RULE_IDS].sort());
  });
});
