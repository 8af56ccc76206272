import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCertify } from '../cli/certify-command.js';
import type { CertificationReport } from '../report/report-types.js';

// Minutes of real time (a 300 s token lifetime, probes up to 130% of it): kept out of `npm test`, run by
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
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 900_000);
