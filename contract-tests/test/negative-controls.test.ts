import { describe, expect, it } from 'vitest';
import type { CertificationReport } from '../report/report-types.js';
import { RULE_IDS } from '../rules/rule-catalogue.js';
import { PROFILES } from '../runner/certification-profile.js';
import { runCertification } from '../runner/run-certification.js';
import { CONTROL_VERDICTS } from './control-verdicts.js';

const START = Date.UTC(2026, 0, 15, 14, 30);

async function certifyControl(control: string, profile: keyof typeof PROFILES): Promise<CertificationReport> {
  const { report } = await runCertification({
    adapter: { kind: 'module', file: `fixtures/adapters/${control}.mjs` },
    profile: PROFILES[profile],
    virtualStartMs: START,
  });
  return report;
}

/** Each rule's verdict, with the rule a SKIP names: `SKIP(token-reuse)`. */
const verdictsOf = (report: CertificationReport): Record<string, string> =>
  Object.fromEntries(
    report.results.map((result) => [
      result.rule,
      result.caught_by === undefined ? result.verdict : `${result.verdict}(${result.caught_by})`,
    ]),
  );

const expectedOf = (control: string): Record<string, string> =>
  Object.fromEntries(
    RULE_IDS.map((id) => {
      const expected = CONTROL_VERDICTS[control]?.verdicts[id];
      if (expected === undefined) return [id, 'PASS'];
      return [
        id,
        expected.caughtBy === undefined ? expected.verdict : `${expected.verdict}(${expected.caughtBy})`,
      ];
    }),
  );

/**
 * Every control in fixtures/adapters/, run in-process in virtual time, must get exactly the verdicts its
 * code implies (control-verdicts.ts, published in docs/rules.md): its own rule broken, the rules its flaw
 * makes impossible to judge skipped naming the rule that caught it, everything else PASS. Virtual time
 * measures VectorCare's 3600 s directly, so both profiles give the same verdicts.
 */
describe.each(['quick', 'certification'] as const)(
  'controls in the %s profile, in virtual time',
  (profile) => {
    it.each(Object.keys(CONTROL_VERDICTS))('%s gets the verdicts its code implies', async (control) => {
      const report = await certifyControl(control, profile);
      expect(verdictsOf(report)).toEqual(expectedOf(control));
      const requiredBroken = report.results.some(
        (result) => result.level === 'required' && result.verdict !== 'PASS',
      );
      expect(report.certified).toBe(!requiredBroken);
      expect(report.refresh_model?.class).toBe(CONTROL_VERDICTS[control]?.model);
      // The report never shows a refresh point for a rule it did not judge, nor one the client did not have.
      for (const result of report.results.filter((candidate) => candidate.verdict === 'SKIP')) {
        expect(result.refresh_points).toBeUndefined();
        expect(result.refresh_point_percent).toBeUndefined();
      }
      const model = report.refresh_model;
      if (model !== undefined && (model.class === 'every-call' || model.class === 'never'))
        expect(model.points.every((point) => point.percent === undefined)).toBe(true);
    });
  },
);

describe('the controls of the refresh model, at VectorCare 3600 s (certification profile)', () => {
  it('fixed-60s-margin: a 60 s margin, 80% at 300 s, 98.3% at 3600 s', async () => {
    const report = await certifyControl('fixed-60s-margin', 'certification');
    const model = report.refresh_model;
    expect(model).toMatchObject({ class: 'fixed-margin', margin_s: 60 });
    expect(
      model?.points.map((point) => [point.lifetime_s, point.percent, point.seconds_before_expiry]),
    ).toEqual([
      [300, 80, 60],
      [600, 90, 60],
      [3600, 98.33, 60],
    ]);
    expect(model?.vectorcare).toMatchObject({ source: 'measured', at_ms: 3_540_000, percent: 98.33 });
    const refresh = report.results.find((result) => result.rule === 'proactive-refresh');
    expect(refresh?.summary).toMatch(/after 90% of the lifetime/);
  });

  it('expires-300s-early: every call at 300 s, yet one token for 3300 s at 3600 s', async () => {
    const report = await certifyControl('expires-300s-early', 'certification');
    const model = report.refresh_model;
    expect(model).toMatchObject({ class: 'fixed-margin', margin_s: 300 });
    expect(model?.points.map((point) => [point.lifetime_s, point.kind, point.percent])).toEqual([
      [300, 'every-call', undefined],
      [600, 'point', 50],
      [3600, 'point', 91.67],
    ]);
    expect(model?.vectorcare).toMatchObject({ at_ms: 3_300_000, seconds_before_expiry: 300 });
  });

  it('never-caches fails token-reuse and single-flight only, the other timing rules naming token-reuse', async () => {
    const report = await certifyControl('never-caches', 'certification');
    const broken = report.results.filter((result) => result.verdict === 'FAIL' || result.verdict === 'WARN');
    expect(broken.map((result) => result.rule)).toEqual(['token-reuse', 'single-flight']);
    for (const rule of ['no-expired-token', 'proactive-refresh', 'honours-expires-in']) {
      const result = report.results.find((candidate) => candidate.rule === rule);
      expect(result).toMatchObject({ verdict: 'SKIP', caught_by: 'token-reuse' });
      expect(result?.summary).toMatch(/token-reuse judges that/);
    }
  });

  it('locates the bundled client to the millisecond: 80% at every lifetime, 2880 s at 3600 s', async () => {
    const report = await certifyControl('bundled-client', 'certification');
    expect(report.refresh_model).toMatchObject({ class: 'fraction', fraction: 0.8 });
    for (const point of report.refresh_model?.points ?? []) {
      expect(point.hi_ms).toBe(point.lifetime_s * 800);
      expect((point.hi_ms ?? 0) - (point.lo_ms ?? 0)).toBeLessThanOrEqual(1);
    }
  });
});

describe('the controls as a set', () => {
  it('every control breaks the rule it was written for', () => {
    for (const [control, expectation] of Object.entries(CONTROL_VERDICTS)) {
      if (expectation.breaks === undefined) continue;
      const verdict = expectation.verdicts[expectation.breaks]?.verdict;
      expect([control, verdict]).toEqual([
        control,
        expectation.breaks === 'single-flight' || expectation.breaks === 'token-endpoint-outage'
          ? 'WARN'
          : 'FAIL',
      ]);
    }
  });

  it('every rule is shown to fail for some control that breaks it', () => {
    const broken = new Set(
      Object.values(CONTROL_VERDICTS).flatMap((expectation) =>
        Object.entries(expectation.verdicts)
          .filter(([, expected]) => expected.verdict === 'FAIL' || expected.verdict === 'WARN')
          .map(([rule]) => rule),
      ),
    );
    expect([...broken].sort()).toEqual([...RULE_IDS].sort());
  });
});
