import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCertify } from '../cli/certify-command.js';
import type { CertificationReport } from '../report/report-types.js';

// About 10 minutes of real time (the refresh model at 300 s and 600 s): kept out of `npm test`, run by
// `npm run test:certification`.
it('certifies the bundled client over stdio in the certification profile', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kit-certification-'));
  try {
    const json = join(dir, 'report.json');
    const out: string[] = [];
    const code = await runCertify(
      [
        '--adapter',
        'node fixtures/adapters/bundled-client.mjs',
        '--profile',
        'certification',
        '--json',
        json,
      ],
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
    for (const point of report.refresh_model?.points ?? [])
      expect(point.error_percent).toBeLessThanOrEqual(2);
    // The certification profile's promise: under 12 minutes out of process.
    expect(report.duration_ms).toBeLessThan(12 * 60_000);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 900_000);
