import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../shared/package-root.js';
import { RULE_IDS } from '../rules/rule-catalogue.js';
import { CONTROL_VERDICTS } from './control-verdicts.js';

const doc = readFileSync(join(PACKAGE_ROOT, 'docs', 'rules.md'), 'utf8');

/** The part of docs/rules.md between `<!-- name:begin -->` and `<!-- name:end -->`. */
const section = (name: string): string =>
  doc.slice(doc.indexOf(`<!-- ${name}:begin -->`), doc.indexOf(`<!-- ${name}:end -->`));

// docs/rules.md publishes the verdict each control gets; negative-controls.test.ts checks the kit gives them.
it("docs/rules.md's control table is the one the negative-control tests check", () => {
  const rows = section('control-verdicts')
    .split('\n')
    .filter((line) => /^\| [a-z][a-z0-9-]* +\|/.test(line) && !line.startsWith('| control'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.replace(/\*/g, '').trim()),
    );
  const published = Object.fromEntries(rows.map(([control, ...cells]) => [control, cells]));
  const expected = Object.fromEntries(
    Object.entries(CONTROL_VERDICTS).map(([control, expectation]) => [
      control,
      [
        ...RULE_IDS.map((rule) => {
          const verdict = expectation.verdicts[rule];
          if (verdict === undefined) return 'PASS';
          return verdict.caughtBy === undefined ? verdict.verdict : `${verdict.verdict} ${verdict.caughtBy}`;
        }),
        expectation.model,
      ],
    ]),
  );
  expect(published).toEqual(expected);
});

it('docs/rules.md gives, for every control, what its code does and why each verdict follows', () => {
  const reasons = section('control-reasons');
  for (const [control, expectation] of Object.entries(CONTROL_VERDICTS)) {
    const line = reasons.split('\n').find((candidate) => candidate.startsWith(`- \`${control}\` `)) ?? '';
    expect(line).toContain(expectation.code);
    for (const verdict of Object.values(expectation.verdicts)) expect(line).toContain(verdict.why);
  }
});
