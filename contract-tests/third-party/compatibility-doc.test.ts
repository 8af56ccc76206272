import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../shared/package-root.js';
import { RULE_IDS } from '../rules/rule-catalogue.js';
import { EXPECTED_VERDICTS } from './test-support/expected-verdicts.js';

// docs/compatibility.md publishes the certification-profile verdicts that the *.certification.test.ts files
// assert: the matrix must say the same, so a verdict that moves cannot leave the published matrix behind.
it("docs/compatibility.md's matrix shows the verdicts the certification tests expect", () => {
  const doc = readFileSync(join(PACKAGE_ROOT, 'docs', 'compatibility.md'), 'utf8');
  const published = Object.fromEntries(
    RULE_IDS.map((rule) => {
      const row = doc.split('\n').find((line) => new RegExp(`^\\|\\s*${rule}\\s*\\|`).test(line));
      const cells = (row ?? '').split('|').slice(3, 6);
      return [rule, cells.map((cell) => cell.replace(/[*¹²³⁴\s]/g, ''))];
    }),
  );
  const expected = Object.fromEntries(
    RULE_IDS.map((rule) => [
      rule,
      [
        EXPECTED_VERDICTS.badgateway.certification[rule],
        EXPECTED_VERDICTS.authlib.certification[rule],
        EXPECTED_VERDICTS['golang-x-oauth2'].certification[rule],
      ],
    ]),
  );
  expect(published).toEqual(expected);
});
