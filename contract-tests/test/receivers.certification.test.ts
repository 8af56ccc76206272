import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../shared/package-root.js';
import { checkReportInBrowser, expectedFromReport } from '../../test-support/report-in-browser.js';
import { runCertify } from '../cli/certify-command.js';
import type { ReceiverCertificationReport } from '../report/receiver-report-types.js';
import { FLASK_SAMPLE_COMMAND, FLASK_SAMPLE_PREDICTED } from '../third-party/test-support/flask-sample.js';

const OUTPUT = join(PACKAGE_ROOT, 'test-output', 'receivers');

async function certify(
  name: string,
  command: string,
): Promise<{ code: number; report: ReceiverCertificationReport }> {
  await mkdir(OUTPUT, { recursive: true });
  const json = join(OUTPUT, `${name}.certification.json`);
  const html = join(OUTPUT, `${name}.certification.html`);
  const out: string[] = [];
  const code = await runCertify(
    ['--receiver', command, '--profile', 'certification', '--json', json, '--html', html],
    { env: {}, out: (line) => out.push(line), err: (line) => out.push(line) },
  );
  const report = JSON.parse(await readFile(json, 'utf8')) as ReceiverCertificationReport;
  await checkReportInBrowser(html, expectedFromReport(report));
  return { code, report };
}

// VectorCare's real schedule over stdio: the retry comes 8 s after the dropped attempt, in real time. Kept
// out of `npm test` (about 15 s each, side by side); `npm run test:certification` runs them.
describe.concurrent('webhook receivers over stdio in the certification profile', () => {
  it.each([
    ['reference-receiver', 'node dist/fixtures/receivers/reference-receiver.js'],
    ['python-reference-receiver', '/usr/bin/python3 fixtures/receivers/python/reference_receiver.py'],
  ])(
    "certifies %s, with the retry on VectorCare's schedule",
    async (name, command) => {
      const { code, report } = await certify(name, command);
      expect(report.results.filter((result) => result.verdict !== 'PASS')).toEqual([]);
      expect(code).toBe(0);
      expect(report.webhook).toMatchObject({
        retry_schedule_ms: [0, 8_000, 64_000],
        schedule_compressed: false,
      });
      const [dropped, retry] =
        report.results.find((result) => result.rule === 'survives-retry-schedule')?.deliveries.attempts ?? [];
      expect(dropped?.dropped).toBe(true);
      // About 8 s later by the real clock: the sender's timer, give or take a busy machine.
      expect((retry?.at_ms ?? 0) - (dropped?.at_ms ?? 0)).toBeGreaterThanOrEqual(8_000);
      expect((retry?.at_ms ?? 0) - (dropped?.at_ms ?? 0)).toBeLessThan(9_500);
    },
    300_000,
  );

  it("gives VectorCare's Flask sample the verdicts predicted from its code", async () => {
    const { code, report } = await certify('vectorcare-flask-sample', FLASK_SAMPLE_COMMAND);
    expect(Object.fromEntries(report.results.map((result) => [result.rule, result.verdict]))).toEqual(
      FLASK_SAMPLE_PREDICTED,
    );
    expect(code).toBe(1);
  }, 300_000);
});
