import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../shared/package-root.js';
import { expect, it } from 'vitest';
import { runCertify } from '../cli/certify-command.js';
import type { CertificationReport } from '../report/report-types.js';

// About 8 minutes of real time (the refresh model at 300 s and 600 s): kept out of `npm test`, run by
// `npm run test:certification`. The report stays in test-output/certification/ (the README's matrix row).
it('certifies the bundled client over stdio in the certification profile', async () => {
  const dir = join(PACKAGE_ROOT, 'test-output', 'certification');
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'bundled-client.json');
  const out: string[] = [];
  const code = await runCertify(
    ['--adapter', 'node fixtures/adapters/bundled-client.mjs', '--profile', 'certification', '--json', json],
    { env: {}, out: (line) => out.push(line), err: (line) => out.push(line) },
  );
  expect(out.join('\n')).toContain('CERTIFIED');
  expect(code).toBe(0);
  const report = JSON.parse(await readFile(json, 'utf8')) as CertificationReport;
  expect(report.profile).toBe('certification');
  expect(report.lifetime).toBe(300);
  expect(report.results.map((result) => result.verdict)).toEqual(Array(11).fill('PASS'));
  // 80% of each lifetime, counted from the answer: located within the probes' spacing (1 s) of it.
  expect(report.refresh_model?.class).toBe('fraction');
  expect(report.refresh_model?.fraction).toBeGreaterThanOrEqual(0.799);
  expect(report.refresh_model?.fraction).toBeLessThanOrEqual(0.805);
  for (const point of report.refresh_model?.points ?? []) expect(point.error_percent).toBeLessThanOrEqual(2);
  // The certification profile's promise: under 12 minutes out of process.
  expect(report.duration_ms).toBeLessThan(12 * 60_000);
}, 900_000);
