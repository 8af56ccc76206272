import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../shared/package-root.js';
import { runCertify } from '../cli/certify-command.js';
import type { ReceiverCertificationReport } from '../report/receiver-report-types.js';
import { RECEIVER_RULE_IDS } from '../rules/receiver-rule-catalogue.js';
import { FLASK_SAMPLE_COMMAND, FLASK_SAMPLE_PREDICTED } from './test-support/flask-sample.js';

/** The rows of the table under `heading` in docs/compatibility.md: rule → its cells after the rule's. */
function docTable(heading: string): Record<string, string[]> {
  const doc = readFileSync(join(PACKAGE_ROOT, 'docs', 'compatibility.md'), 'utf8');
  const section = doc.slice(doc.indexOf(heading));
  return Object.fromEntries(
    RECEIVER_RULE_IDS.map((rule) => {
      const row = section.split('\n').find((line) => new RegExp(`^\\|\\s*${rule}\\s*\\|`).test(line));
      return [
        rule,
        (row ?? '')
          .split('|')
          .slice(2, -1)
          .map((cell) => cell.trim().replace(/\*/g, '')),
      ];
    }),
  );
}

// VectorCare's own sample receiver, over stdio, quick profile: its verdicts must be the ones predicted from
// its code. The certification profile is in receivers.certification.test.ts.
it("certifies VectorCare's documented Flask sample and gets the verdicts predicted from its code", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kit-flask-'));
  try {
    const json = join(dir, 'flask.json');
    const out: string[] = [];
    const code = await runCertify(['--receiver', FLASK_SAMPLE_COMMAND, '--json', json], {
      env: {},
      out: (line) => out.push(line),
      err: (line) => out.push(line),
    });
    const report = JSON.parse(await readFile(json, 'utf8')) as ReceiverCertificationReport;
    const verdicts = Object.fromEntries(report.results.map((result) => [result.rule, result.verdict]));
    expect(verdicts, out.join('\n')).toEqual(FLASK_SAMPLE_PREDICTED);
    expect(code).toBe(1);
    expect(report.adapter?.library).toMatch(
      /^Flask 2\.2\.\d+, Werkzeug 2\.2\.\d+, PyCryptodome 3\.11\.\d+ \(PKCS1_v1_5\)$/,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);

it('docs/compatibility.md publishes the predicted and the observed verdicts the tests pin', () => {
  const predicted = docTable('### Predicted from the code');
  const observed = docTable('### Observed');
  for (const rule of RECEIVER_RULE_IDS) {
    expect(predicted[rule]?.[0], rule).toBe(FLASK_SAMPLE_PREDICTED[rule]);
    // predicted, quick, certification
    expect(observed[rule]?.slice(0, 3), rule).toEqual(Array(3).fill(FLASK_SAMPLE_PREDICTED[rule]));
  }
});
