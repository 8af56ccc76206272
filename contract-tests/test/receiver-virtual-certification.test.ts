import { expect, it } from 'vitest';
import { PROFILES } from '../runner/certification-profile.js';
import { runReceiverCertification } from '../runner/run-receiver-certification.js';

// A file of its own, so no other run shares its event loop: the time it takes is the kit's, on a busy machine.
it("certifies the reference receiver in-process in the certification profile, on VectorCare's schedule, within 5 s", async () => {
  const started = performance.now();
  const { report } = await runReceiverCertification({
    receiver: { kind: 'module', file: 'dist/fixtures/receivers/reference-receiver.js' },
    profile: PROFILES.certification,
    virtualStartMs: Date.UTC(2026, 0, 15, 14, 30),
  });
  const seconds = (performance.now() - started) / 1000;
  expect(report.results.filter((result) => result.verdict !== 'PASS')).toEqual([]);
  expect(report.certified).toBe(true);
  expect(report.margins['time']).toBe('virtual');
  expect(report.webhook).toMatchObject({ retry_schedule_ms: [0, 8_000, 64_000], schedule_compressed: false });
  // The retry came 8 s after the dropped attempt by the virtual clock; no 8 s passed for real.
  const attempts = report.results.find((result) => result.rule === 'survives-retry-schedule')?.deliveries
    .attempts;
  expect(attempts?.map((attempt) => attempt.attempt)).toEqual([1, 2]);
  expect((attempts?.[1]?.at_ms ?? 0) - (attempts?.[0]?.at_ms ?? 0)).toBe(8_000);
  expect(seconds).toBeLessThan(5);
}, 60_000);
