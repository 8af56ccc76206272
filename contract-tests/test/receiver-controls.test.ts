import { describe, expect, it } from 'vitest';
import { RECEIVER_RULES } from '../rules/receiver-rule-catalogue.js';
import { PROFILES } from '../runner/certification-profile.js';
import { runReceiverCertification } from '../runner/run-receiver-certification.js';
import {
  breaksRequired,
  controlsFor,
  expectedReceiverVerdicts,
  limiter,
  RECEIVER_CONTROLS,
} from './test-support/receiver-controls.js';

// In-process, in virtual time (quick profile): the receivers' own work still runs in real time, so a few at
// a time keep the event loop they share with the kit responsive.
const slot = limiter(3);

describe.concurrent('receiver controls, in-process in virtual time', () => {
  it.each(controlsFor('module'))(
    '%s gets the verdicts its code implies',
    async (name) => {
      const control = RECEIVER_CONTROLS[name];
      if (control?.module === undefined) throw new Error(`${name} has no module`);
      const file = control.module;
      const { report } = await slot(() =>
        runReceiverCertification({
          receiver: { kind: 'module', file },
          profile: PROFILES.quick,
          virtualStartMs: Date.UTC(2026, 0, 15, 14, 30),
        }),
      );
      const verdicts = Object.fromEntries(report.results.map((result) => [result.rule, result.verdict]));
      expect(verdicts, JSON.stringify(report.results.map((result) => [result.rule, result.summary]))).toEqual(
        expectedReceiverVerdicts(control),
      );
      expect(report.certified).toBe(!breaksRequired(control));
      expect(report.margins['time']).toBe('virtual');
      expect(report.webhook.schedule_compressed).toBe(true);
    },
    120_000,
  );

  it('every required rule is failed by exactly one negative control, which fails nothing else', () => {
    const failing = Object.entries(RECEIVER_CONTROLS)
      .map(([name, control]) => [name, Object.entries(control.verdicts)] as const)
      .filter(([, verdicts]) => verdicts.length === 1);
    for (const rule of RECEIVER_RULES) {
      const controls = failing.filter(([, verdicts]) => verdicts[0]?.[0] === rule.id);
      expect(
        controls.map(([, verdicts]) => verdicts[0]?.[1]),
        rule.id,
      ).toEqual([rule.level === 'required' ? 'FAIL' : 'WARN']);
    }
  });
});
